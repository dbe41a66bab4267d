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

    /// Decodes one name or value: `+` → space, `%XX` → that byte; nil for a bad escape or bytes
    /// that are not UTF-8. One pass over the bytes. Hummingbird's public `URLEncodedFormDecoder`
    /// is not used: it decodes into a `Decodable` and refuses a repeated name (`q=a&q=b` would
    /// become an error where the first value is taken). Foundation's `replacingOccurrences` +
    /// `removingPercentEncoding` took a fifth of a cached request's time.
    static func decode(_ component: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.utf8.count)
        var iterator = component.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of `name`, nil when absent.
    subscript(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }
}
