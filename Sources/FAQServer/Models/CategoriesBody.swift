import Hummingbird

/// `GET /v1/categories`
struct CategoriesBody: ResponseEncodable {
    struct Category: Codable, Sendable {
        var slug: String
        var name: String
        var count: Int
    }
    var categories: [Category]
}
