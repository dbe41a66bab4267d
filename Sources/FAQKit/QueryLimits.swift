/// What a query may be: written once here, and checked by the library (`KnowledgeBase.search`),
/// the HTTP API (`SearchParameters`, `FeedbackController`), the MCP tools and the CLI.
public enum QueryLimits {
    /// The longest query accepted, in characters.
    public static let maxLength = 512
    /// The longest query accepted, in bytes of UTF-8. A character can hold any number of
    /// combining marks (one `Character` of a megabyte passes ``maxLength``), so the character
    /// count alone does not bound the work a query causes. 2,048 bytes leave room for 512
    /// characters of CJK (3 bytes each) with a few marks or emoji.
    public static let maxBytes = 2048
    /// The page sizes a search accepts.
    public static let resultLimits = 1...100

    /// What is wrong with a query, for callers that map each case to their own error.
    public enum Problem: Error, Sendable, Equatable {
        /// Nothing but white space.
        case empty
        /// Over ``maxBytes`` bytes of UTF-8.
        case tooManyBytes
        /// Over ``maxLength`` characters.
        case tooManyCharacters

        /// The message, naming the query as `subject` (`the query`, `the q parameter`).
        public func message(subject: String = "the query") -> String {
            switch self {
            case .empty: "\(subject) is empty"
            case .tooManyBytes: "\(subject) is longer than \(QueryLimits.maxBytes) bytes of UTF-8"
            case .tooManyCharacters: "\(subject) is longer than \(QueryLimits.maxLength) characters"
            }
        }
    }

    /// `query` without leading and trailing white space and line breaks (Unicode White_Space).
    public static func trimmed(_ query: String) -> String {
        query.trimmingWhitespace()
    }

    /// True when `value`, as sent, has at most ``maxLength`` code points: what an OpenAPI
    /// `maxLength` counts, checked before any other work on a value from the network (512 code
    /// points are at most 2,048 bytes of UTF-8).
    public static func fitsAsSent(_ value: String) -> Bool {
        value.unicodeScalars.count <= maxLength
    }

    /// The trimmed query, or what is wrong with it. The byte count is checked first: counting
    /// characters walks the whole string.
    public static func check(_ query: String) -> Result<String, Problem> {
        let trimmed = trimmed(query)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        guard trimmed.utf8.count <= maxBytes else { return .failure(.tooManyBytes) }
        guard trimmed.count <= maxLength else { return .failure(.tooManyCharacters) }
        return .success(trimmed)
    }

    /// The trimmed query; throws `FAQKitError.invalidInput` saying what is wrong with it.
    static func validate(_ query: String) throws -> String {
        switch check(query) {
        case .success(let trimmed): return trimmed
        case .failure(let problem): throw FAQKitError.invalidInput(problem.message())
        }
    }

    /// Checks a page of results: `limit` in ``resultLimits``, `offset` not negative.
    static func validate(limit: Int, offset: Int) throws {
        guard resultLimits.contains(limit) else {
            throw FAQKitError.invalidInput("limit must be between \(resultLimits.lowerBound) and \(resultLimits.upperBound)")
        }
        guard offset >= 0 else { throw FAQKitError.invalidInput("offset must not be negative") }
    }
}
