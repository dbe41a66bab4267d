/// A candidate question offered when `ask` is unsure ("did you mean…"), as machine output: the
/// shape the CLI and the HTTP API share (`suggestions` in `faq ask --json` and `GET /v1/ask`).
public struct SuggestionRecord: Sendable, Codable, Hashable {
    public var id: String
    public var category: String
    public var categoryName: String
    public var title: String
    public var url: String
    /// Calibrated confidence (below the answer threshold, 0.5, or an ambiguous tie).
    public var confidence: Double

    /// - Parameters:
    ///   - categoryName: the display name of the hit's category (`KnowledgeBase.pages` maps them).
    public init(_ hit: SearchHit, categoryName: String) {
        id = hit.entry.id
        category = hit.entry.category
        self.categoryName = categoryName
        title = hit.entry.title
        url = hit.entry.url
        confidence = hit.confidence.fourDecimals
    }
}
