/// The JSON shape of `error-rules.json`, decoded strictly: unknown keys are errors, so a misspelt
/// condition (`"mesage"`) fails loading instead of leaving a rule that matches too much.
struct ErrorRulesFile: Decodable {
    var version: Int
    var noError: AdviceObject
    var fallback: AdviceObject
    var bodyOmitted: TextObject
    var rules: [RuleObject]

    /// Any key, to list the keys an object actually has.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Keys allowed everywhere for people's notes.
    static let commentKeys: Set<String> = ["$comment", "description"]

    /// Rejects keys outside `allowed` (and the comment keys).
    static func checkKeys(_ decoder: any Decoder, allowed: Set<String>, in place: String, ruleID: String? = nil) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) && !commentKeys.contains($0) }
        guard let key = unknown.sorted().first else { return }
        throw ErrorRulesError(
            code: ruleID == nil ? .malformedFile : .invalidRule,
            message: "\(place): unknown key \"\(key)\" (allowed: \(allowed.sorted().joined(separator: ", ")))",
            ruleID: ruleID)
    }

    private enum CodingKeys: String, CodingKey {
        case version, noError, fallback, bodyOmitted, rules
    }

    init(from decoder: any Decoder) throws {
        try Self.checkKeys(decoder, allowed: ["version", "noError", "fallback", "bodyOmitted", "rules"], in: "top level")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard version == 1 else {
            throw ErrorRulesError(code: .malformedFile, message: "version \(version) is not supported (expected 1)")
        }
        noError = try container.decode(AdviceObject.self, forKey: .noError)
        fallback = try container.decode(AdviceObject.self, forKey: .fallback)
        bodyOmitted = try container.decode(TextObject.self, forKey: .bodyOmitted)
        rules = try container.decode([RuleObject].self, forKey: .rules)
    }

    /// `{"zh": "...", "en": "..."}`.
    struct TextObject: Decodable {
        var text: LocalizedText

        init(from decoder: any Decoder) throws {
            try ErrorRulesFile.checkKeys(decoder, allowed: ["zh", "en"], in: "text")
            text = try LocalizedText(from: decoder)
        }
    }

    /// `noError` and `fallback`.
    struct AdviceObject: Decodable {
        var advice: ErrorRules.Advice

        private enum CodingKeys: String, CodingKey {
            case diagnosis, nextStep, entries
        }

        init(from decoder: any Decoder) throws {
            try ErrorRulesFile.checkKeys(decoder, allowed: ["diagnosis", "nextStep", "entries"], in: "advice")
            let container = try decoder.container(keyedBy: CodingKeys.self)
            advice = ErrorRules.Advice(
                diagnosis: try container.decode(TextObject.self, forKey: .diagnosis).text,
                nextStep: try container.decode(TextObject.self, forKey: .nextStep).text,
                entryIDs: try container.decodeIfPresent([String].self, forKey: .entries) ?? [])
        }
    }

    /// One rule.
    struct RuleObject: Decodable {
        var rule: ErrorRule

        private enum CodingKeys: String, CodingKey {
            case id, description, match, entries, diagnosis, nextStep
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let id = try container.decode(String.self, forKey: .id)
            let place = "rule \"\(id)\""
            try ErrorRulesFile.checkKeys(
                decoder, allowed: ["id", "match", "entries", "diagnosis", "nextStep"], in: place, ruleID: id)
            let match = try MatchObject.decode(from: container.superDecoder(forKey: .match), ruleID: id)
            rule = ErrorRule(
                id: id,
                note: try container.decodeIfPresent(String.self, forKey: .description),
                match: match,
                entryIDs: try container.decode([String].self, forKey: .entries),
                diagnosis: try container.decode(TextObject.self, forKey: .diagnosis).text,
                nextStep: try container.decode(TextObject.self, forKey: .nextStep).text)
        }
    }

    /// A rule's `match`, where `status` and `code` take a number or a list of numbers.
    enum MatchObject {
        private enum CodingKeys: String, CodingKey {
            case status, code, message, limit, exception
        }

        static func decode(from decoder: any Decoder, ruleID: String) throws -> ErrorRule.Match {
            try ErrorRulesFile.checkKeys(
                decoder, allowed: ["status", "code", "message", "limit", "exception"], in: "rule \"\(ruleID)\" match",
                ruleID: ruleID)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func numbers(_ key: CodingKeys) throws -> [Int] {
                if let one = try? container.decodeIfPresent(Int.self, forKey: key) { return [one] }
                return try container.decodeIfPresent([Int].self, forKey: key) ?? []
            }
            func strings(_ key: CodingKeys) throws -> [String] {
                if let one = try? container.decodeIfPresent(String.self, forKey: key) { return [one] }
                return try container.decodeIfPresent([String].self, forKey: key) ?? []
            }
            return ErrorRule.Match(
                statuses: try numbers(.status),
                codes: try numbers(.code),
                messagePatterns: try strings(.message),
                limits: try strings(.limit).map(RateLimitDimension.init(rawValue:)),
                exceptionPatterns: try strings(.exception))
        }
    }
}
