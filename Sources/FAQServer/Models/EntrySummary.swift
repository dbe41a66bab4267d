import FAQKit

/// A related question: enough to list and link it.
struct EntrySummary: Codable, Sendable {
    var id: String
    var category: String
    var title: String
    var url: String

    init(_ entry: FAQEntry) {
        id = entry.id
        category = entry.category
        title = entry.title
        url = entry.url
    }
}
