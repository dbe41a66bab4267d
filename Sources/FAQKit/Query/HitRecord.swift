/// A search hit as machine output: the one JSON shape the CLI and the HTTP API share.
public struct HitRecord: Sendable, Codable, Hashable {
    public var id: String
    public var category: String
    /// The category's display name (`KnowledgeBase.categoryName(for:)`), what people should see.
    public var categoryName: String
    public var title: String
    /// The title with what matched marked between the highlight tags (HTML-escaped like
    /// `snippet` when asked), so a client need not guess the title's matches from the snippet's.
    public var highlightedTitle: String
    /// What answers the query: the whole answer, or for a long one its passage that does
    /// (``AnswerPassage``; then `partial` is true and `section` names its sub-heading).
    public var answer: String
    /// True when `answer` is a passage of a longer answer (the whole one: `faq show ID`,
    /// `GET /v1/entries/{id}`).
    public var partial: Bool
    /// The sub-heading of the entry the passage comes from, when it has one.
    public var section: String?
    public var url: String
    public var score: Double
    public var confidence: Double
    public var snippet: String

    /// - Parameters:
    ///   - pre, post: the tags put around highlights in `highlightedTitle` and `snippet`.
    ///   - categoryName: the category's display name; the slug when not given.
    ///   - escapingHTML: HTML-escape `answer`, `highlightedTitle` and `snippet` (all but the highlight tags), for
    ///     clients that insert them into a page.
    public init(
        _ hit: SearchHit, categoryName: String? = nil, pre: String = "<em>", post: String = "</em>", escapingHTML: Bool = false
    ) {
        id = hit.entry.id
        category = hit.entry.category
        self.categoryName = categoryName ?? hit.entry.category
        title = hit.entry.title
        highlightedTitle = hit.highlightedTitle.rendered(pre: pre, post: post, escapingHTML: escapingHTML)
        answer = escapingHTML ? HighlightedText(marked: hit.answerText).rendered(pre: "", post: "", escapingHTML: true) : hit.answerText
        partial = hit.passage != nil
        section = hit.passage?.heading
        url = hit.entry.url
        score = hit.score.fourDecimals
        confidence = hit.confidence.fourDecimals
        snippet = hit.snippet.rendered(pre: pre, post: post, escapingHTML: escapingHTML)
    }
}
