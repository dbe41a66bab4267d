import Foundation

/// Why `ask` chose its outcome, for `faq ask --explain`.
public struct AskDecision: Sendable, Hashable {
    public var outcome: AskOutcome
    /// The best candidate's raw score and calibrated confidence (0 when there is none).
    public var raw: Double
    public var confidence: Double
    /// The raw score of the second candidate (0 when there is none).
    public var runnerUp: Double
    /// How far the best candidate's ranking score is ahead of the second's (0 when there is no
    /// second).
    public var lead: Double = 0
    /// The rule that decided, with the thresholds it compared against.
    public var rule: Rule

    /// The rules `SearchEngine.decide` applies, in order.
    public enum Rule: Sendable, Hashable {
        /// No entry matched any word of the question.
        case noMatch
        /// The best two are both at answer level and closer than `margin` in raw score and in
        /// ranking score.
        case ambiguous(margin: Double)
        /// The best reached the answer threshold, but matched only in its answer text (its own
        /// question shares nothing with the user's) and not `answerScore`, the higher threshold
        /// for such a match.
        case answerTextOnly(answerScore: Double)
        /// The best reached the answer threshold.
        case answerLevel(answerScore: Double)
        /// The best is between the suggestion and answer thresholds.
        case suggestionBand(suggestScore: Double, answerScore: Double)
        /// The best is under the suggestion threshold.
        case belowSuggestion(suggestScore: Double)
    }

    /// A sentence saying why. Built when asked for (only `--explain` shows it), so deciding
    /// costs a few comparisons and no formatting.
    public var reason: String {
        let f = { (x: Double) in String(format: "%.3f", x) }
        switch rule {
        case .noMatch:
            return "no entry matched any word of the question"
        case .ambiguous(let margin):
            return
                "the best two are both at answer level and within \(f(margin)) of each other in raw score (\(f(raw)) and \(f(runnerUp))) and in ranking score (the first leads by \(f(lead)))"
        case .answerLevel(let answerScore):
            return
                "raw score \(f(raw)) ≥ this index's answer threshold \(f(answerScore)) (confidence \(f(confidence)) ≥ \(f(Calibration.answerConfidence)))"
        case .answerTextOnly(let answerScore):
            return
                "raw score \(f(raw)) reaches the answer threshold, but the best entry's own question shares nothing with this one (it matched in its answer text only), which needs \(f(answerScore))"
        case .suggestionBand(let suggestScore, let answerScore):
            return "raw score \(f(raw)) is between the suggestion threshold \(f(suggestScore)) and the answer threshold \(f(answerScore))"
        case .belowSuggestion(let suggestScore):
            return "raw score \(f(raw)) < the suggestion threshold \(f(suggestScore)): nothing is close enough to offer"
        }
    }
}
