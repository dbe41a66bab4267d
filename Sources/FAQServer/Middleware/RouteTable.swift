import HTTPTypes
import Synchronization

/// The routes a router serves, by path pattern, so a request whose path exists but whose method
/// does not can get 405 with `Allow` instead of Hummingbird's 404.
final class RouteTable: Sendable {
    struct Route: Sendable {
        /// The pattern as registered, `/v1/entries/**`.
        var pattern: String
        /// Pattern segments: a literal, `:name` / `*` (one segment), or `**` (one or more).
        var segments: [Substring]
        var methods: Set<HTTPRequest.Method>
    }

    private let routes = Mutex<[Route]>([])

    init() {}

    /// Registers `methods` for a path pattern such as `/v1/entries/**`.
    func add(_ pattern: String, methods: some Sequence<HTTPRequest.Method>) {
        let segments = pattern.split(separator: "/")
        routes.withLock { routes in
            if let index = routes.firstIndex(where: { $0.segments == segments }) {
                routes[index].methods.formUnion(methods)
            } else {
                routes.append(Route(pattern: pattern, segments: segments, methods: Set(methods)))
            }
        }
    }

    /// Methods served at `path`, empty when no route matches it.
    func methods(for path: String) -> Set<HTTPRequest.Method> {
        let parts = path.split(separator: "/")
        return routes.withLock { routes in
            routes.reduce(into: Set()) { result, route in
                if Self.matches(route.segments[...], parts[...]) { result.formUnion(route.methods) }
            }
        }
    }

    /// The patterns of the routes `path` matches, the way the router matches it: empty segments
    /// (`//v1/...`, a trailing slash) are ignored.
    func patterns(matching path: String) -> [String] {
        let parts = path.split(separator: "/")
        return routes.withLock { routes in
            routes.filter { Self.matches($0.segments[...], parts[...]) }.map(\.pattern)
        }
    }

    static func matches(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            return !path.isEmpty && (pattern.count == 1 || (1...path.count).contains { matches(pattern.dropFirst(), path.dropFirst($0)) })
        }
        guard let part = path.first else { return false }
        guard head == "*" || head.hasPrefix(":") || head == part else { return false }
        return matches(pattern.dropFirst(), path.dropFirst())
    }
}
