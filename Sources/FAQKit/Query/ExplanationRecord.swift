/// Why `ask` decided as it did, as machine output: what `faq ask --explain` prints, for
/// `faq ask --json --explain` and for scripts that study the engine's decisions across many
/// questions (a threshold's effect, which score part carried a wrong answer). Scores have four
/// decimals, as in the rest of the record.
public struct ExplanationRecord: Sendable, Codable, Hashable {
    /// This index's calibration, as raw scores and the confidences they map to.
    public struct Thresholds: Sendable, Codable, Hashable {
        public var answer: Double
        public var suggest: Double
        public var answerConfidence: Double
        public var suggestConfidence: Double
    }

    /// The outcome, the rule's sentence, and the scores it compared.
    public struct Decision: Sendable, Codable, Hashable {
        public var outcome: AskOutcome
        public var reason: String
        public var raw: Double
        public var confidence: Double
        public var runnerUp: Double
        /// How far the first candidate's ranking score leads the second's.
        public var lead: Double
    }

    /// One ranked candidate and the parts of its score (see ``ScoreParts``).
    public struct Candidate: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var score: Double
        public var coverage: Double
        public var titleCoverage: Double
        public var questionMatch: Double
        public var bm25: Double
        public var raw: Double
        public var confidence: Double
        public var matched: [String]
    }

    /// The question's units (characters and words), its own search terms and the expansions
    /// added to them (synonyms, translations, pinyin, typo corrections).
    public var units: [String]
    public var terms: [String]
    public var expansions: [String]
    public var thresholds: Thresholds
    public var decision: Decision?
    public var candidates: [Candidate]

    public init(_ answer: Answer, calibration: Calibration) {
        let analysis = answer.analysis
        units = analysis.units.map(\.text)
        terms = analysis.terms.filter { !$0.isExpansion }.map(\.text)
        expansions = analysis.terms.filter(\.isExpansion).map(\.text)
        thresholds = Thresholds(
            answer: calibration.answerScore.fourDecimals, suggest: calibration.suggestScore.fourDecimals,
            answerConfidence: Calibration.answerConfidence, suggestConfidence: Calibration.suggestConfidence)
        decision = answer.decision.map {
            Decision(
                outcome: $0.outcome, reason: $0.reason, raw: $0.raw.fourDecimals, confidence: $0.confidence.fourDecimals,
                runnerUp: $0.runnerUp.fourDecimals, lead: $0.lead.fourDecimals)
        }
        candidates = answer.candidates.map { hit in
            let p = hit.parts
            return Candidate(
                id: hit.entry.id, title: hit.entry.title, score: hit.score.fourDecimals, coverage: p.coverage.fourDecimals,
                titleCoverage: p.titleCoverage.fourDecimals, questionMatch: p.questionMatch.fourDecimals, bm25: p.bm25.fourDecimals,
                raw: p.rawConfidence.fourDecimals, confidence: hit.confidence.fourDecimals, matched: p.matchedTerms)
        }
    }

    /// The record with `transform` applied to the text that comes from the question and the
    /// index (units, terms, expansions, titles, matched words): the HTTP API escapes it as HTML.
    public func mappingText(_ transform: (String) -> String) -> ExplanationRecord {
        var record = self
        record.units = units.map(transform)
        record.terms = terms.map(transform)
        record.expansions = expansions.map(transform)
        for i in record.candidates.indices {
            record.candidates[i].title = transform(candidates[i].title)
            record.candidates[i].matched = candidates[i].matched.map(transform)
        }
        return record
    }
}
