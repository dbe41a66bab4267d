// The error rules file, `Corpus/error-rules.json`
//
// The knowledge of which failure leads to which FAQ answers is data, so that support staff can
// extend it without touching Swift. The file is one JSON object:
//
//     {
//       "$comment": "free text (string or array of strings), ignored; also allowed in every object below",
//       "version": 1,
//       "noError":     { "diagnosis": {"zh": "...", "en": "..."}, "nextStep": {...} },
//       "fallback":    { "diagnosis": {...}, "nextStep": {...}, "entries": ["errors/1", ...] },
//       "bodyOmitted": { "zh": "...", "en": "..." },
//       "rules": [
//         {
//           "id": "balance-insufficient",            // unique, stable
//           "description": "why the rule exists",     // optional
//           "match": {                                // at least one condition; all named must hold
//             "status": 403 | [503, 504],             // HTTP status
//             "code": 30001 | [30001, 30002],         // the platform's business code
//             "message": ["balance is insufficient"], // case-insensitive substrings; any one matches
//             "limit": ["TPM", "TPD"],                // exhausted rate-limit dimension
//             "exception": ["APIConnectionError"]     // case-insensitive substrings of the client's exception class
//           },
//           "entries": ["models/8", "finance/1"],     // FAQ entry ids, best first
//           "diagnosis": {"zh": "...", "en": "..."},  // one sentence: what it means
//           "nextStep":  {"zh": "...", "en": "..."}   // what to do
//         }
//       ]
//     }
//
// - Precedence among matching rules: business code > message pattern or limit > status or exception
//   class; then more conditions named; then the rule listed first.
// - Texts may contain `{status}`, `{code}` and `{limit}`, replaced by the parsed values; each is only
//   allowed in a rule whose match names that field, so it is never replaced by nothing.
// - `fallback` answers errors no rule covers (its entries follow the knowledge-base search results);
//   `noError` answers text without an API error; `bodyOmitted` precedes the next step when the client
//   dropped the response body (openai-node's `(no body)`).
// - Loading rejects unknown keys, so a typo does not silently disable a rule. Entry ids are checked
//   against the knowledge base with `validate(entryIDs:)` when the index is built.

import Foundation

/// The rules that map parsed API failures to a diagnosis and FAQ entries, loaded from
/// `Corpus/error-rules.json` (the format is documented at the top of this file).
public struct ErrorRules: Sendable, Hashable {
    /// A diagnosis and next step not tied to a rule, with optional entries.
    public struct Advice: Sendable, Hashable {
        public var diagnosis: LocalizedText
        public var nextStep: LocalizedText
        public var entryIDs: [String]

        public init(diagnosis: LocalizedText, nextStep: LocalizedText, entryIDs: [String] = []) {
            self.diagnosis = diagnosis
            self.nextStep = nextStep
            self.entryIDs = entryIDs
        }
    }

    /// The rules, in file order (which breaks precedence ties).
    public var rules: [ErrorRule]
    /// What to answer when no rule matches.
    public var fallback: Advice
    /// What to answer when the text shows no API error.
    public var noError: Advice
    /// The step put first when the client dropped the response body.
    public var bodyOmitted: LocalizedText

    /// Creates rules after checking them as loading a file would.
    ///
    /// - Throws: ``ErrorRulesError`` with code `invalidRule` naming the first faulty rule.
    public init(rules: [ErrorRule], fallback: Advice, noError: Advice, bodyOmitted: LocalizedText) throws {
        self.rules = rules
        self.fallback = fallback
        self.noError = noError
        self.bodyOmitted = bodyOmitted
        try checkRules(source: "error rules")
    }

    /// Loads rules from the contents of an `error-rules.json` file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - source: The name used in error messages.
    /// - Throws: ``ErrorRulesError`` (`malformedFile` or `invalidRule`) saying what is wrong and where.
    public init(data: Data, source: String = "error-rules.json") throws {
        let file: ErrorRulesFile
        do {
            file = try JSONDecoder().decode(ErrorRulesFile.self, from: data)
        } catch let error as ErrorRulesError {
            throw ErrorRulesError(
                code: error.code, message: "\(source): \(error.message)", ruleID: error.ruleID, entryID: error.entryID)
        } catch let error as DecodingError {
            throw ErrorRulesError(code: .malformedFile, message: "\(source): \(Self.describe(error))")
        } catch {
            throw ErrorRulesError(code: .malformedFile, message: "\(source): \(error)")
        }
        rules = file.rules.map(\.rule)
        fallback = file.fallback.advice
        noError = file.noError.advice
        bodyOmitted = file.bodyOmitted.text
        try checkRules(source: source)
    }

    /// Loads rules from a file.
    ///
    /// - Throws: ``ErrorRulesError`` (`unreadableFile`, `malformedFile` or `invalidRule`).
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ErrorRulesError(
                code: .unreadableFile, message: "\(url.path): cannot read the error rules: \(error.localizedDescription)")
        }
        try self.init(data: data, source: url.lastPathComponent)
    }

    /// Checks that every entry id named by a rule (or the fallback) exists, so that an index
    /// build fails loudly instead of serving diagnoses with missing answers.
    ///
    /// - Parameter entryIDs: The ids of every entry in the knowledge base.
    /// - Throws: ``ErrorRulesError`` with code `unknownEntry`, naming the rule and the id.
    public func validate(entryIDs: Set<String>) throws {
        for rule in rules {
            for id in rule.entryIDs where !entryIDs.contains(id) {
                throw ErrorRulesError(
                    code: .unknownEntry,
                    message: "error rule \"\(rule.id)\" names FAQ entry \"\(id)\", which is not in the knowledge base",
                    ruleID: rule.id, entryID: id)
            }
        }
        for id in fallback.entryIDs where !entryIDs.contains(id) {
            throw ErrorRulesError(
                code: .unknownEntry,
                message: "the error rules' fallback names FAQ entry \"\(id)\", which is not in the knowledge base",
                ruleID: "fallback", entryID: id)
        }
    }

    /// The best rule for a parsed error, by precedence, then specificity, then file order; nil when none matches.
    public func rule(for error: ParsedAPIError) -> ErrorRule? {
        var best: ErrorRule? = nil
        for rule in rules where rule.matches(error) {
            guard let current = best else {
                best = rule
                continue
            }
            if (rule.precedence, rule.match.conditionCount) > (current.precedence, current.match.conditionCount) {
                best = rule
            }
        }
        return best
    }

    /// Checks what the JSON shape cannot: unique ids, at least one condition, sane values,
    /// non-empty texts, well-formed entry ids, and placeholders backed by a condition.
    private func checkRules(source: String) throws {
        func fail(_ rule: String, _ problem: String) -> ErrorRulesError {
            ErrorRulesError(code: .invalidRule, message: "\(source): rule \"\(rule)\": \(problem)", ruleID: rule)
        }
        if rules.isEmpty { throw ErrorRulesError(code: .invalidRule, message: "\(source): no rules") }
        var seen: Set<String> = []
        for rule in rules {
            guard !rule.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(rule.id, "empty id") }
            guard seen.insert(rule.id).inserted else { throw fail(rule.id, "duplicate id") }
            let match = rule.match
            if match.isEmpty { throw fail(rule.id, "match names no condition, so it would match every error") }
            if let status = match.statuses.first(where: { !(100...599).contains($0) }) {
                throw fail(rule.id, "status \(status) is not an HTTP status (100-599)")
            }
            if let code = match.codes.first(where: { $0 <= 0 }) { throw fail(rule.id, "code \(code) is not positive") }
            if match.messagePatterns.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
                || match.exceptionPatterns.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
            {
                throw fail(rule.id, "empty pattern")
            }
            if let limit = match.limits.first(where: { !RateLimitDimension.known.contains($0) }) {
                throw fail(
                    rule.id,
                    "unknown limit \"\(limit)\" (known: \(RateLimitDimension.known.map(\.rawValue).joined(separator: ", ")))")
            }
            // A rule without entries finds them by searching the corpus (the generic rules do).
            if let id = rule.entryIDs.first(where: { !Self.isWellFormedEntryID($0) }) {
                throw fail(rule.id, "entry id \"\(id)\" is not of the form category/question (e.g. errors/1, billing/如何充值)")
            }
            for (name, text) in [("diagnosis", rule.diagnosis), ("nextStep", rule.nextStep)] {
                if text.zh.trimmingCharacters(in: .whitespaces).isEmpty || text.en.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail(rule.id, "\(name) needs both zh and en text")
                }
                let placeholders = [
                    ("{status}", match.statuses), ("{code}", match.codes), ("{limit}", match.limits.map { _ in 0 }),
                ]
                for (placeholder, values) in placeholders
                where values.isEmpty && (text.zh.contains(placeholder) || text.en.contains(placeholder)) {
                    throw fail(rule.id, "\(name) uses \(placeholder) but the match names no such condition")
                }
            }
        }
        for id in fallback.entryIDs where !Self.isWellFormedEntryID(id) {
            throw fail("fallback", "entry id \"\(id)\" is not of the form category/question")
        }
    }

    /// `category/question` as the index gives it (`rate-limits/1`, `verification/4.2`,
    /// `集成与-api/如何调用`): two non-empty parts without white space.
    static func isWellFormedEntryID(_ id: String) -> Bool {
        let parts = id.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !id.contains { $0.isWhitespace }
    }

    /// A decoding error as `rules[3].match.code: expected Int`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "top level" : text)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "\(path(context, key)): required key \"\(key.stringValue)\" is missing"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { ": \($0)" } ?? ""
            return "\(path(context)): not valid JSON (\(context.debugDescription)\(underlying))"
        @unknown default:
            return "\(error)"
        }
    }
}
