/// A problem with the error rules file: it cannot be read or decoded, a rule is incomplete, or a
/// rule names an FAQ entry that does not exist.
///
/// A struct with an open set of ``Code``s rather than an enum, so new kinds of problems can be
/// added without breaking callers; ``message`` always says which rule and which id are at fault.
public struct ErrorRulesError: Error, Sendable, Hashable {
    /// The kind of problem.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be read (missing, unreadable).
        public static let unreadableFile = Code(rawValue: "unreadableFile")
        /// The file is not valid JSON, or does not have the documented shape.
        public static let malformedFile = Code(rawValue: "malformedFile")
        /// A rule is incomplete or contradicts itself (no condition, empty text, unknown key).
        public static let invalidRule = Code(rawValue: "invalidRule")
        /// A rule names an FAQ entry id that the knowledge base does not contain.
        public static let unknownEntry = Code(rawValue: "unknownEntry")
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, naming the file, rule and id involved.
    public var message: String
    /// The rule at fault, when one is.
    public var ruleID: String?
    /// The unknown entry id, for ``Code/unknownEntry``.
    public var entryID: String?

    public init(code: Code, message: String, ruleID: String? = nil, entryID: String? = nil) {
        self.code = code
        self.message = message
        self.ruleID = ruleID
        self.entryID = entryID
    }
}

extension ErrorRulesError: CustomStringConvertible {
    public var description: String { message }
}
