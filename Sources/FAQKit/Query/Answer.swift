import Foundation

/// The outcome of `ask`: one answer or an abstention.
public struct Answer: Sendable {
    public var query: String
    /// The answer; nil when the engine abstained.
    public var hit: SearchHit?
    /// Answer, suggest ("did you mean…") or hand off to the contact link.
    public var outcome: AskOutcome = .handoff
    /// Two or three candidate questions when the outcome is `.suggest`; empty otherwise.
    public var suggestions: [SearchHit] = []
    /// Why the outcome was chosen, for explanations.
    public var decision: AskDecision? = nil
    /// Up to three related entries.
    public var related: [FAQEntry]
    /// Where to go instead, when there is no answer.
    public var fallback: Fallback?
    /// Ranked candidates considered, best first (the answer among them).
    public var candidates: [SearchHit]
    public var analysis: AnalyzedQuery
}
