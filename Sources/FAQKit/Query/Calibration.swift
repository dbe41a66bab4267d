import Foundation

/// What an index learned about its own scores when it was built: where an answer starts, where
/// "did you mean…" starts, and how a raw score maps to a confidence that means the same on every
/// corpus.
///
/// The ranker's raw score (the share of the question the best entry accounts for, see
/// `SearchEngine.confidence`) depends on the corpus: in a corpus of long answers an unrelated
/// question still finds most of its characters somewhere. So each index measures it: the
/// corpus's own questions and answer sentences, cut and shuffled into pseudo-queries, show how
/// high questions that have an answer score; a bundled list of everyday questions no product FAQ
/// answers (`Corpus/data/out-of-scope.txt`) shows how high those that have none score. The
/// thresholds are read off these two distributions (`Calibrator`), and the raw score is mapped
/// piecewise linearly through them, so on every corpus:
///
/// - confidence 0.5 is the answer threshold (`KnowledgeBase.confidenceThreshold`),
/// - confidence 0.3 is where suggestions start,
/// - confidence 0.9 is `clearScore`: above every out-of-scope calibration question, and at least
///   the median score of the corpus's pseudo-queries that found their own entry,
/// - confidence 0.7 is half-way between the answer threshold and that score.
public struct Calibration: Sendable, Codable, Hashable {
    /// Raw score at or above which `ask` answers (confidence 0.5).
    public var answerScore: Double
    /// Raw score at or above which `ask` offers suggestions (confidence 0.3).
    public var suggestScore: Double
    /// Raw score above every out-of-scope calibration question and at least the median of the
    /// pseudo-queries that found their entry (confidence 0.9).
    public var clearScore: Double
    /// When the best two candidates are both at answer level and closer than this in raw score
    /// and in ranking score, the question is ambiguous and gets suggestions instead (0: never).
    /// Both, because two entries that account for the question equally can still be told apart
    /// by which one asks it in its title (`防盗链` against an entry that only mentions it): only
    /// when the ranker itself can hardly order them is the tie a coin toss.
    public var ambiguityMargin: Double

    /// Pseudo-queries made from the corpus, and the share whose own entry ranked first.
    public var pseudoQueries: Int
    public var pseudoTop1: Double
    /// Share of the pseudo-queries answered (at `answerScore`), and of those the share right.
    public var pseudoAnswered: Double
    public var pseudoPrecision: Double
    /// Share of the pseudo-queries whose entry was among the suggestions when not answered.
    public var pseudoSuggestedRight: Double
    /// Out-of-scope calibration questions, and the shares answered and suggested.
    public var outOfScopeQueries: Int
    public var outOfScopeAnswered: Double
    public var outOfScopeSuggested: Double

    /// Raw score at or above which `ask` answers with an entry whose own question shares
    /// (almost) nothing with the user's, found only in its answer text: the answer threshold
    /// plus the out-of-scope margin again. A question near the domain but outside the FAQ
    /// reaches the answer text of some entry (a product name, a word of its field) and scores
    /// above the everyday questions the threshold is set by; a title it does not share says
    /// the entry is about something else.
    public var answerTextOnlyScore: Double { Self.answerTextOnlyScore(answerScore: answerScore) }

    static func answerTextOnlyScore(answerScore: Double) -> Double { answerScore + Calibrator.outOfScopeMargin }

    /// Under this share of an entry's own question in the user's, the match is taken to be found
    /// only in the entry's answer text (a question word or a lone character in common does not
    /// count).
    public static let answerTextOnlyQuestionMatch = 0.05

    /// Whether a best entry at raw score `raw`, whose own question the user's shares
    /// `questionMatch` of, was matched in its answer text only and is under the threshold for
    /// that: `ask` suggests it though it reaches `answerScore`.
    static func isAnswerTextOnlyShortfall(raw: Double, questionMatch: Double, answerScore: Double) -> Bool {
        questionMatch < answerTextOnlyQuestionMatch && raw < answerTextOnlyScore(answerScore: answerScore)
    }

    /// Calibrated confidences of the thresholds (the same on every corpus).
    public static let answerConfidence = 0.5
    public static let suggestConfidence = 0.3
    public static let clearConfidence = 0.9

    public init(
        answerScore: Double, suggestScore: Double, clearScore: Double, ambiguityMargin: Double = 0, pseudoQueries: Int = 0,
        pseudoTop1: Double = 0, pseudoAnswered: Double = 0, pseudoPrecision: Double = 0, pseudoSuggestedRight: Double = 0,
        outOfScopeQueries: Int = 0, outOfScopeAnswered: Double = 0, outOfScopeSuggested: Double = 0
    ) {
        self.answerScore = answerScore
        self.suggestScore = min(suggestScore, answerScore)
        self.clearScore = max(clearScore, answerScore)
        self.ambiguityMargin = ambiguityMargin
        self.pseudoQueries = pseudoQueries
        self.pseudoTop1 = pseudoTop1
        self.pseudoAnswered = pseudoAnswered
        self.pseudoPrecision = pseudoPrecision
        self.pseudoSuggestedRight = pseudoSuggestedRight
        self.outOfScopeQueries = outOfScopeQueries
        self.outOfScopeAnswered = outOfScopeAnswered
        self.outOfScopeSuggested = outOfScopeSuggested
    }

    /// The fixed thresholds FAQKit used before calibration (answer at a raw 0.5): for an index
    /// without calibration data, and where calibration has too little to go on.
    public static let uncalibrated = Calibration(answerScore: 0.5, suggestScore: 0.35, clearScore: 0.75)

    /// The confidence of a raw score: piecewise linear through (0, 0), (`suggestScore`, 0.3),
    /// (`answerScore`, 0.5), (`clearScore`, 0.9), (1, 1); monotone, so ranking is unchanged.
    public func confidence(raw: Double) -> Double {
        let knots: [(Double, Double)] = [
            (0, 0), (suggestScore, Self.suggestConfidence), (answerScore, Self.answerConfidence),
            (clearScore, Self.clearConfidence), (1, 1),
        ]
        let x = min(1, max(0, raw))
        for (a, b) in zip(knots, knots.dropFirst()) where x <= b.0 {
            guard b.0 > a.0 else { return b.1 }
            return a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
        }
        return 1
    }

    /// The metadata key the calibration is stored under in the index.
    static let metadataKey = "calibration"

    /// The calibration as stored in the index's metadata (JSON).
    var metadataValue: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a stored calibration; nil when absent or unreadable.
    init?(metadataValue: String?) {
        guard let value = metadataValue, let decoded = try? JSONDecoder().decode(Calibration.self, from: Data(value.utf8)) else { return nil }
        self = decoded
    }
}
