import FAQKit

/// The structured result of `search_faq`.
struct SearchRecord: Codable, Sendable, Hashable {
    var query: String
    /// Whether the best result is confident enough to be given as the answer.
    var answered: Bool
    /// How many entries matched at all, before the limit.
    var estimatedTotalHits: Int
    var results: [EntryRecord]
    /// Where to send the user when nothing answers; absent when answered.
    var fallback: Fallback?
}
