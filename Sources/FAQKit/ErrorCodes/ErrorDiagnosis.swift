/// The answer to a pasted API failure: what was read, what it means, what to do, and the FAQ
/// entries that fix it.
///
/// Its JSON form is the contract of `faq explain --json` and the HTTP endpoint:
/// `{"status", "code", "message", "limit", "diagnosis", "nextStep", "entries": [{"id", "category",
/// "title", "answer", "url"}]}`, with `null` for what was not read (tools test for the key, so it
/// is always present). ``found``, ``ruleID`` and ``exceptionClass`` are not encoded.
public struct ErrorDiagnosis: Sendable, Hashable, Codable {
    /// Whether the text contained an API error at all.
    public var found: Bool
    /// The HTTP status read, if any.
    public var status: Int?
    /// The platform's business code read, if any.
    public var code: Int?
    /// The error message read, if any.
    public var message: String?
    /// The exhausted rate-limit dimension (`TPM`), if named.
    public var limit: String?
    /// The client's exception class (`openai.RateLimitError`), if printed.
    public var exceptionClass: String?
    /// What the failure means: Chinese, then ` / ` and English when the input was English.
    public var diagnosis: String
    /// What to do next, in the same languages.
    public var nextStep: String
    /// FAQ entries that fix the problem, best first.
    public var entries: [FAQEntry]
    /// The id of the rule that produced the diagnosis; nil for the fallback or when nothing was found.
    public var ruleID: String?

    public init(
        found: Bool, status: Int? = nil, code: Int? = nil, message: String? = nil, limit: String? = nil,
        exceptionClass: String? = nil, diagnosis: String, nextStep: String, entries: [FAQEntry] = [],
        ruleID: String? = nil
    ) {
        self.found = found
        self.status = status
        self.code = code
        self.message = message
        self.limit = limit
        self.exceptionClass = exceptionClass
        self.diagnosis = diagnosis
        self.nextStep = nextStep
        self.entries = entries
        self.ruleID = ruleID
    }

    private enum CodingKeys: String, CodingKey {
        case status, code, message, limit, diagnosis, nextStep, entries
    }

    /// The encoded form of an entry: what a tool needs to show and link it, nothing internal.
    private struct EncodedEntry: Codable {
        var id: String
        var category: String?
        var title: String
        var answer: String
        var url: String

        init(_ entry: FAQEntry) {
            id = entry.id
            category = entry.category
            title = entry.title
            answer = entry.answer
            url = entry.url
        }

        var entry: FAQEntry {
            let slug = category ?? String(id.split(separator: "/").first ?? "")
            return FAQEntry(id: id, category: slug, pageTitle: "", title: title, answer: answer, url: url, position: 0)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // `encode` rather than `encodeIfPresent`: absent values must appear as null.
        try container.encode(status, forKey: .status)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(limit, forKey: .limit)
        try container.encode(diagnosis, forKey: .diagnosis)
        try container.encode(nextStep, forKey: .nextStep)
        try container.encode(entries.map(EncodedEntry.init), forKey: .entries)
    }

    /// Decodes the encoded form; entries get an empty page title and position 0, which are not
    /// encoded, and ``found`` is inferred from whether anything was read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        code = try container.decodeIfPresent(Int.self, forKey: .code)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        limit = try container.decodeIfPresent(String.self, forKey: .limit)
        diagnosis = try container.decode(String.self, forKey: .diagnosis)
        nextStep = try container.decode(String.self, forKey: .nextStep)
        entries = try container.decodeIfPresent([EncodedEntry].self, forKey: .entries)?.map(\.entry) ?? []
        exceptionClass = nil
        ruleID = nil
        found = status != nil || code != nil || message != nil || limit != nil
    }
}
