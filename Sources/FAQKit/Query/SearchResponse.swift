import Foundation

/// The outcome of a search.
public struct SearchResponse: Sendable {
    public var query: String
    /// True when the best hit is confident enough to be given as the answer.
    public var answered: Bool
    /// Answer, suggest or hand off (`answered` is `outcome == .answer`).
    public var outcome: AskOutcome = .handoff
    /// The two or three candidates offered when the outcome is `.suggest`; empty otherwise.
    public var suggestions: [SearchHit] = []
    /// Why the outcome was chosen.
    public var decision: AskDecision? = nil
    public var hits: [SearchHit]
    /// How many entries matched at all (before `limit` and `offset`).
    public var estimatedTotalHits: Int
    /// Set when the query was not answered.
    public var fallback: Fallback?
    /// The analyzed query, for explanations.
    public var analysis: AnalyzedQuery
}
