import Foundation

/// How a hit's score was made, for `faq ask --explain` and tuning.
public struct ScoreParts: Sendable, Hashable, Codable {
    /// Weighted share of the query's units the entry accounts for, anywhere.
    public var coverage: Double
    /// The same, counting only the question title.
    public var titleCoverage: Double
    /// How much of the entry's question title the query asks.
    public var questionMatch: Double
    /// FTS5 bm25, normalized to [0, 1] by the best candidate's.
    public var bm25: Double
    /// The score `ask` decides on before calibration (`SearchHit.confidence` is it calibrated).
    public var rawConfidence: Double = 0
    /// The terms this entry matched.
    public var matchedTerms: [String]
}
