import Foundation
import Hummingbird

/// A URL's query string decoded as `application/x-www-form-urlencoded` (what `URLSearchParams`
/// and HTML forms send): `+` is a space, `%2B` a plus. Hummingbird's `queryParameters` leaves
/// `+` alone, which would turn `q=发票+多久` into one unsplittable token.
struct QueryItems {
    private var items: [(name: String, value: String)] = []

    /// - Parameter query: the raw query string (after `?`), as `request.uri.query` gives it.
    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw APIError.badRequest(.invalidParameter, "the query string is not valid percent-encoded UTF-8")
            }
            items.append((name, value))
        }
    }

    static func decode(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The first value of `name`, nil when absent.
    subscript(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }
}
