import Foundation

/// Maps FAQ pages to category slugs and display names, from the `categories.tsv` data file.
///
/// Kept as data so a new corpus gets proper categories by editing a file, and works without one:
/// an unmapped page gets a slug made from its source URL.
public struct CategoryMap: Sendable {
    /// A category: the slug used in entry ids and filters, and its display name.
    public struct Category: Sendable, Hashable, Codable {
        public var slug: String
        public var name: String
    }

    private var byKey: [String: Category]

    /// An empty map: every page gets a derived slug.
    public init() {
        byKey = [:]
    }

    /// Parses `MATCH<TAB>SLUG<TAB>NAME` lines; `#` comments and blank lines are ignored.
    public init(tsv text: String) {
        byKey = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingSpaces()
            }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else { continue }
            let name = fields.count >= 3 && !fields[2].isEmpty ? fields[2] : fields[0]
            byKey[fields[0].lowercased()] = Category(slug: fields[1], name: name)
        }
    }

    /// The category of a page with this source URL and title.
    public func category(sourceURL: String?, title: String) -> Category {
        let segment = sourceURL.flatMap(Self.lastPathSegment).map(Self.removingPageExtension)
        if let segment, let category = byKey[segment.lowercased()] { return category }
        if let category = byKey[title.lowercased()] { return category }
        let slug = Self.slugify(segment ?? title)
        return Category(slug: slug.isEmpty ? "page" : slug, name: title)
    }

    /// `errors.md` → `errors`: a page file's extension is no part of its category.
    static func removingPageExtension(_ segment: String) -> String {
        for suffix in [".md", ".mdx", ".markdown", ".html", ".htm"] where segment.lowercased().hasSuffix(suffix) && segment.count > suffix.count {
            return String(segment.dropLast(suffix.count))
        }
        return segment
    }

    static func lastPathSegment(_ url: String) -> String? {
        var path = Substring(url)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        while path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return path.isEmpty ? nil : String(path) }
        let segment = path[path.index(after: slash)...]
        return segment.isEmpty ? nil : String(segment)
    }

    /// Lowercase ASCII letters and digits joined by `-`; other characters are kept as they are
    /// (a Chinese title stays readable in an id).
    static func slugify(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                if pendingDash && !out.isEmpty { out.append("-") }
                out.append(ch)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
