import Foundation

/// One ranked result.
public struct SearchHit: Sendable {
    public var entry: FAQEntry
    /// Ranking score (higher is better); comparable within one query only.
    public var score: Double
    /// Confidence that this entry answers the query, in [0, 1], comparable across queries and
    /// corpora: 0.5 is every index's answer threshold, 0.3 its suggestion threshold (see
    /// `Calibration`).
    public var confidence: Double
    /// A short passage of the answer around the matches.
    public var snippet: HighlightedText
    /// The title with matches marked.
    public var highlightedTitle: HighlightedText
    /// The answer's text (links reduced to their labels) with matches marked.
    public var highlightedAnswer: HighlightedText
    public var parts: ScoreParts
    /// The part of a long answer that answers the query (``AnswerPassage``); nil when the
    /// answer is short enough to give whole.
    public var passage: AnswerPassage? = nil

    /// What answers the query, as markdown: the passage of a long answer, else the whole answer.
    /// Every front end (CLI and HTTP JSON, MCP) gives this, so they never disagree.
    public var answerText: String { passage?.text ?? entry.answer }
}
