import FAQKit
import Hummingbird

/// `GET /v1/entries/{id}`
struct EntryBody: ResponseEncodable {
    var id: String
    var category: String
    /// The category's display name, what people should see.
    var categoryName: String
    var pageTitle: String
    var group: String?
    var title: String
    /// Markdown, HTML-escaped.
    var answer: String
    var url: String
    var attachments: [String]

    init(_ entry: FAQEntry, categoryName: String) {
        id = entry.id
        category = entry.category
        self.categoryName = categoryName
        pageTitle = entry.pageTitle
        group = entry.group
        title = entry.title
        answer = HTMLText.escape(entry.answer)
        url = entry.url
        attachments = entry.attachments
    }
}
