import Foundation

/// How the HTTP layer behaves: limits, CORS and rate limiting. Every argument has a default.
public struct ServerOptions: Sendable {
    /// The largest request body accepted (64 KiB); larger bodies get 413.
    public static let maxBodySize = 64 * 1024
    /// The longest `highlightPreTag` / `highlightPostTag` accepted, in characters.
    public static let maxHighlightTagLength = 32
    /// The message of the 431 sent for a request head over ``maxHeaderSize``.
    static let headersTooLargeMessage = "the request line and headers are over the size limit"
    static let malformedRequestLineMessage =
        "the request line is not valid HTTP: percent-encode the URL (a space as %20, 发票 as %E5%8F%91%E7%A5%A8), as browsers and curl --data-urlencode do"

    /// The largest request line plus headers accepted, in bytes; larger get 431 and the
    /// connection is closed. NIO's default is 80 KiB; a search URL with the longest query
    /// (2,048 bytes of UTF-8, 6 KiB percent-encoded) and a browser's headers fit in 32 KiB.
    public var maxHeaderSize: Int
    /// The largest single header field (or request line) accepted, in bytes.
    public var maxHeaderFieldSize: Int
    /// Seconds a connection may stay silent, between requests or in the middle of one, before
    /// it is closed (Hummingbird's idle timeout); 0 turns it off.
    public var idleTimeout: Int
    /// Seconds a request may take to arrive in full, from its head to the end of its body, before
    /// the connection is closed; 0 turns it off.
    public var requestTimeout: Int
    /// Most connections open at once; further clients wait in the listen backlog until one
    /// closes (Hummingbird's `MaximumAvailableConnections`). 0 means no limit.
    public var maxConnections: Int
    /// Most connections open at once from one client IP address; one more closes that
    /// address's longest-idle connection (or the new one when all are busy). 0 means no limit.
    /// Near ``maxConnections`` (above seven eighths of it), each new connection also closes
    /// the longest-idle one of any client (``ConnectionGuard``).
    public var maxConnectionsPerClient: Int

    /// Sustained requests per minute each client may make to `/v1`; 0 turns rate limiting off.
    public var rateLimitPerMinute: Int
    /// Requests a client may make in a burst before the sustained rate applies.
    public var rateLimitBurst: Int
    /// Origins allowed to call the API from a browser; empty means any origin (`*`).
    /// True for an origin as browsers send it in `Origin` (`https://help.example.com:8443`):
    /// `http` or `https`, a host, an optional port, nothing after. An allowlist entry in any other
    /// form (a trailing slash, a path) would never match a request.
    public static func isOrigin(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), ["http", "https"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else { return false }
        return components.path.isEmpty && components.query == nil && components.fragment == nil && components.user == nil
    }

    public var allowedOrigins: [String]
    /// How long browsers may cache a CORS preflight, in seconds (`Access-Control-Max-Age`).
    public var corsMaxAge: Int
    /// The reverse proxies trusted to say who the client is in `X-Forwarded-For`; rate-limit
    /// buckets are keyed on the right-most address they did not write (``TrustedProxies``).
    /// Their connections are not held to ``maxConnectionsPerClient``.
    public var trustedProxies: TrustedProxies
    /// The old switch: one proxy in front (`.hops(1)`).
    public var trustForwardedFor: Bool { trustedProxies != .none }
    /// Bytes of encoded `/v1/search` and `/v1/ask` responses kept for repeated requests
    /// (``ResponseCache``); 0 turns the cache off.
    public var responseCacheBytes: Int
    /// Send `X-Cache: hit|miss` on search and ask responses. Off by default: a hit tells a
    /// caller that someone else asked the same question recently (security review, finding 12).
    public var debugHeaders: Bool

    public init(
        rateLimitPerMinute: Int = 600,
        rateLimitBurst: Int = 60,
        allowedOrigins: [String] = [],
        corsMaxAge: Int = 600,
        trustForwardedFor: Bool = false,
        trustedProxies: TrustedProxies = .none,
        maxHeaderSize: Int = 32 * 1024,
        maxHeaderFieldSize: Int = 16 * 1024,
        idleTimeout: Int = 30,
        requestTimeout: Int = 30,
        maxConnections: Int = 1024,
        maxConnectionsPerClient: Int = 64,
        responseCacheBytes: Int = 32 << 20,
        debugHeaders: Bool = false
    ) {
        self.rateLimitPerMinute = rateLimitPerMinute
        self.rateLimitBurst = rateLimitBurst
        self.allowedOrigins = allowedOrigins
        self.corsMaxAge = corsMaxAge
        self.trustedProxies = trustedProxies == .none && trustForwardedFor ? .hops(1) : trustedProxies
        self.responseCacheBytes = responseCacheBytes
        self.debugHeaders = debugHeaders
        self.maxHeaderSize = maxHeaderSize
        self.maxHeaderFieldSize = maxHeaderFieldSize
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
    }
}
