import Foundation

/// Explains pasted API failures: parses them, picks the best rule, and gathers the FAQ entries
/// that fix them.
///
/// The mapper does not own the knowledge base: it takes closures that look an entry up by id and
/// search by text, so it can sit on any store (and be tested with a handful of hand-made entries).
public struct ErrorMapper: Sendable {
    /// The rules used.
    public var rules: ErrorRules
    /// Entries are filled up to this many by searching with the message, when the rule has fewer.
    public var minimumEntries: Int = 3
    /// At most this many entries are returned.
    public var maximumEntries: Int = 5
    /// Characters of the message used as a search query; longer messages add noise, not recall.
    public var maximumQueryLength: Int = 256

    public init(rules: ErrorRules) {
        self.rules = rules
    }

    /// Explains a pasted failure.
    ///
    /// - Parameters:
    ///   - text: Whatever the user pasted.
    ///   - entry: Looks up an FAQ entry by id (nil when absent).
    ///   - search: Searches the knowledge base, best first.
    /// - Returns: The diagnosis; `found` is false, with no entries, when the text shows no API error.
    public func explain(
        _ text: String, entry: (String) throws -> FAQEntry?, search: (String) throws -> [FAQEntry]
    ) rethrows -> ErrorDiagnosis {
        let english = Self.isMostlyEnglish(text)
        guard let parsed = ErrorTextParser.parse(text) else {
            return ErrorDiagnosis(
                found: false,
                diagnosis: rules.noError.diagnosis.text(english: true),
                nextStep: rules.noError.nextStep.text(english: true))
        }
        return try explain(parsed, english: english, entry: entry, search: search)
    }

    /// Explains an already parsed failure.
    ///
    /// - Parameters:
    ///   - error: What ``ErrorTextParser`` read.
    ///   - english: Whether to append English to the Chinese diagnosis and next step.
    ///   - entry: Looks up an FAQ entry by id (nil when absent).
    ///   - search: Searches the knowledge base, best first.
    public func explain(
        _ error: ParsedAPIError, english: Bool, entry: (String) throws -> FAQEntry?,
        search: (String) throws -> [FAQEntry]
    ) rethrows -> ErrorDiagnosis {
        let rule = rules.rule(for: error)
        var entries: [FAQEntry] = []
        var seen: Set<String> = []
        func add(_ candidate: FAQEntry) {
            guard entries.count < maximumEntries, seen.insert(candidate.id).inserted else { return }
            entries.append(candidate)
        }
        let query = error.message.map { String($0.prefix(maximumQueryLength)) }

        // Searches that find the corpus's own answers: the message first, then the business
        // code and the status as words (a corpus with a "429" question finds it for a bare 429).
        let queries = [query, error.code.map(String.init), error.status.map(String.init)].compactMap { $0 }
        func fillBySearch(upTo count: Int) throws {
            for query in queries where entries.count < count {
                for result in try search(query) where entries.count < count { add(result) }
            }
        }
        if let rule {
            for id in rule.entryIDs {
                if let found = try entry(id) { add(found) }
            }
            if entries.count < minimumEntries { try fillBySearch(upTo: minimumEntries) }
        } else {
            // No rule knows this error: what the message finds comes first, then general troubleshooting.
            try fillBySearch(upTo: minimumEntries)
            for id in rules.fallback.entryIDs {
                if let found = try entry(id) { add(found) }
            }
        }

        let diagnosisText = rule?.diagnosis ?? rules.fallback.diagnosis
        var stepText = rule?.nextStep ?? rules.fallback.nextStep
        if error.bodyOmitted {
            stepText = LocalizedText(
                zh: rules.bodyOmitted.zh + stepText.zh, en: "\(rules.bodyOmitted.en) \(stepText.en)")
        }
        return ErrorDiagnosis(
            found: true,
            status: error.status,
            code: error.code,
            message: error.message,
            limit: error.limit?.rawValue,
            exceptionClass: error.exceptionClass,
            diagnosis: fill(diagnosisText.text(english: english), with: error),
            nextStep: fill(stepText.text(english: english), with: error),
            entries: entries,
            ruleID: rule?.id)
    }

    /// Replaces `{status}`, `{code}` and `{limit}` with what was read.
    private func fill(_ text: String, with error: ParsedAPIError) -> String {
        guard text.contains("{") else { return text }
        return
            text
            .replacingOccurrences(of: "{status}", with: error.status.map(String.init) ?? "")
            .replacingOccurrences(of: "{code}", with: error.code.map(String.init) ?? "")
            .replacingOccurrences(of: "{limit}", with: error.limit?.rawValue ?? "")
    }

    /// Whether the letters of `text` are mostly ASCII (an English paste), judged on its start.
    static func isMostlyEnglish(_ text: String) -> Bool {
        var ascii = 0
        var other = 0
        for scalar in text.unicodeScalars.prefix(8_192) where scalar.properties.isAlphabetic {
            if scalar.isASCII { ascii += 1 } else { other += 1 }
        }
        return ascii > other
    }
}
