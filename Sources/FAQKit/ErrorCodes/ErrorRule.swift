/// One piece of knowledge from `error-rules.json`: which failures it covers, what they mean,
/// what to do, and which FAQ entries fix them.
public struct ErrorRule: Sendable, Hashable {
    /// The conditions of a rule. Every condition that is named (non-empty) must hold.
    public struct Match: Sendable, Hashable {
        /// HTTP statuses, any of which matches.
        public var statuses: [Int]
        /// Business codes, any of which matches.
        public var codes: [Int]
        /// Lower-cased substrings of the message, any of which matches.
        public var messagePatterns: [String]
        /// Exhausted rate-limit dimensions, any of which matches.
        public var limits: [RateLimitDimension]
        /// Lower-cased substrings of the exception class, any of which matches.
        public var exceptionPatterns: [String]

        public init(
            statuses: [Int] = [], codes: [Int] = [], messagePatterns: [String] = [],
            limits: [RateLimitDimension] = [], exceptionPatterns: [String] = []
        ) {
            self.statuses = statuses
            self.codes = codes
            self.messagePatterns = messagePatterns.map { $0.lowercased() }
            self.limits = limits
            self.exceptionPatterns = exceptionPatterns.map { $0.lowercased() }
        }

        /// Whether no condition is named (such a rule would match everything, so loading rejects it).
        public var isEmpty: Bool { conditionCount == 0 }

        /// How many kinds of condition are named; the more, the more specific the rule.
        public var conditionCount: Int {
            [!statuses.isEmpty, !codes.isEmpty, !messagePatterns.isEmpty, !limits.isEmpty, !exceptionPatterns.isEmpty]
                .filter { $0 }.count
        }
    }

    /// Stable name of the rule, used in error messages and diagnostics.
    public var id: String
    /// What the rule is for, for people editing the file.
    public var note: String?
    /// When the rule applies.
    public var match: Match
    /// FAQ entries that fix the problem, best first.
    public var entryIDs: [String]
    /// What the failure means, in one sentence.
    public var diagnosis: LocalizedText
    /// What to do next.
    public var nextStep: LocalizedText

    public init(
        id: String, note: String? = nil, match: Match, entryIDs: [String], diagnosis: LocalizedText,
        nextStep: LocalizedText
    ) {
        self.id = id
        self.note = note
        self.match = match
        self.entryIDs = entryIDs
        self.diagnosis = diagnosis
        self.nextStep = nextStep
    }

    /// Whether every named condition holds for `error`.
    public func matches(_ error: ParsedAPIError) -> Bool {
        if !match.statuses.isEmpty {
            guard let status = error.status, match.statuses.contains(status) else { return false }
        }
        if !match.codes.isEmpty {
            guard let code = error.code, match.codes.contains(code) else { return false }
        }
        if !match.messagePatterns.isEmpty {
            guard let message = error.message?.lowercased(), match.messagePatterns.contains(where: message.contains)
            else { return false }
        }
        if !match.limits.isEmpty {
            guard let limit = error.limit, match.limits.contains(limit) else { return false }
        }
        if !match.exceptionPatterns.isEmpty {
            guard let name = error.exceptionClass?.lowercased(), match.exceptionPatterns.contains(where: name.contains)
            else { return false }
        }
        return true
    }

    /// The rule's rank among matching rules: a business code (3) beats a message pattern or a
    /// named limit (2), which beats a status or exception class (1). The code is the platform's
    /// own statement of the cause (30001 arrives as 402 or 403); a message is more specific than
    /// a status, which many causes share.
    public var precedence: Int {
        if !match.codes.isEmpty { return 3 }
        if !match.messagePatterns.isEmpty || !match.limits.isEmpty { return 2 }
        return 1
    }
}
