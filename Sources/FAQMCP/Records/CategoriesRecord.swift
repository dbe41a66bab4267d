/// The structured result of `list_categories`.
struct CategoriesRecord: Codable, Sendable, Hashable {
    struct Category: Codable, Sendable, Hashable {
        /// The slug entry ids start with and `search_faq` filters on.
        var slug: String
        var name: String
        var count: Int
    }

    var categories: [Category]
}
