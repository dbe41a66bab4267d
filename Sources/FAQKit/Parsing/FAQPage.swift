/// One page of an FAQ export: a category of questions with its source and contact link.
public struct FAQPage: Sendable, Hashable, Codable {
    /// The page title (`开具发票`).
    public var title: String
    /// The page's `Source:` URL, or its `**URL:**` value when there is no source line.
    public var url: String
    /// Category slug (`invoices`).
    public var category: String
    /// Category display name (`开具发票`).
    public var categoryName: String
    /// The page's "contact us" link from its `<Note>`, the fallback when no answer fits.
    public var contactURL: String?
    /// The text of that note, links reduced to their text.
    public var contactText: String?
    /// Line of the page title in the corpus file (1-based).
    public var line: Int

    public init(
        title: String, url: String, category: String, categoryName: String,
        contactURL: String? = nil, contactText: String? = nil, line: Int = 0
    ) {
        self.title = title
        self.url = url
        self.category = category
        self.categoryName = categoryName
        self.contactURL = contactURL
        self.contactText = contactText
        self.line = line
    }
}
