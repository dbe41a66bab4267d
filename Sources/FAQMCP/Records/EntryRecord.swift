import FAQKit

/// An FAQ entry as tools return it in `structuredContent`: what an assistant needs to quote the
/// answer and cite it, and the category's display name beside its slug (the shared
/// `categoryName` contract of the CLI and HTTP JSON).
struct EntryRecord: Codable, Sendable, Hashable {
    var id: String
    var category: String
    var categoryName: String
    var pageTitle: String
    var title: String
    /// The answer as markdown (links kept).
    var answer: String
    var url: String
    /// How sure the engine is that this entry answers the query, in [0, 1]; only on search and
    /// ask results, where there was a query.
    var confidence: Double?
    /// True when `answer` is the passage of a long answer that answers the query (as in the CLI
    /// and HTTP JSON); `get_entry` gives the whole entry. Only on search and ask results.
    var partial: Bool?
    /// The sub-heading the passage comes from, when it has one.
    var section: String?

    init(_ entry: FAQEntry, categoryName: String, confidence: Double? = nil) {
        id = entry.id
        category = entry.category
        self.categoryName = categoryName
        pageTitle = entry.pageTitle
        title = entry.title
        answer = entry.answer
        url = entry.url
        // Four decimals, as in the CLI and HTTP JSON: enough to compare, stable to read.
        self.confidence = confidence?.fourDecimals
    }
}
