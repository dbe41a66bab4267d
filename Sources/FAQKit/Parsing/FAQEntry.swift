/// One question of an FAQ and its answer: the unit the knowledge base indexes and returns.
public struct FAQEntry: Sendable, Hashable, Codable {
    /// Stable id: the page's category slug and the question's number, e.g. `invoices/2` or `verification/4.1`.
    public var id: String
    /// Category slug (`invoices`), from the category map.
    public var category: String
    /// Title of the page the question belongs to (`开具发票`).
    public var pageTitle: String
    /// The question as written in the FAQ, without its number (`开票时效性`).
    public var title: String
    /// The answer as clean markdown: links kept, images removed, escapes undone.
    public var answer: String
    /// The page's source URL.
    public var url: String
    /// Position of the entry in the corpus (0-based), used to keep output order stable.
    public var position: Int
    /// Images the answer shows (their `src` URLs), kept out of the answer text.
    public var attachments: [String]
    /// The Contents item this question sits under, when it is a sub-item (`如何进行个人认证？` for 4.1).
    public var group: String?

    public init(
        id: String, category: String, pageTitle: String, title: String, answer: String,
        url: String, position: Int, attachments: [String] = [], group: String? = nil
    ) {
        self.id = id
        self.category = category
        self.pageTitle = pageTitle
        self.title = title
        self.answer = answer
        self.url = url
        self.position = position
        self.attachments = attachments
        self.group = group
    }
}
