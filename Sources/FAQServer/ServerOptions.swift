/// How the HTTP layer behaves: limits, CORS and rate limiting. Every argument has a default.
public struct ServerOptions: Sendable {
    /// The largest request body accepted (64 KiB); larger bodies get 413.
    public static let maxBodySize = 64 * 1024
    /// The longest `highlightPreTag` / `highlightPostTag` accepted, in characters.
    public static let maxHighlightTagLength = 32

    /// Sustained requests per minute each client may make to `/v1`; 0 turns rate limiting off.
    public var rateLimitPerMinute: Int
    /// Requests a client may make in a burst before the sustained rate applies.
    public var rateLimitBurst: Int
    /// Origins allowed to call the API from a browser; empty means any origin (`*`).
    public var allowedOrigins: [String]
    /// How long browsers may cache a CORS preflight, in seconds (`Access-Control-Max-Age`).
    public var corsMaxAge: Int
    /// Key rate-limit buckets on the first `X-Forwarded-For` address instead of the peer
    /// address; only set this behind a reverse proxy that overwrites the header.
    public var trustForwardedFor: Bool
    /// Bytes of encoded `/v1/search` and `/v1/ask` responses kept for repeated requests
    /// (``ResponseCache``); 0 turns the cache off.
    public var responseCacheBytes: Int

    public init(
        rateLimitPerMinute: Int = 600,
        rateLimitBurst: Int = 60,
        allowedOrigins: [String] = [],
        corsMaxAge: Int = 600,
        trustForwardedFor: Bool = false,
        responseCacheBytes: Int = 32 << 20
    ) {
        self.rateLimitPerMinute = rateLimitPerMinute
        self.rateLimitBurst = rateLimitBurst
        self.allowedOrigins = allowedOrigins
        self.corsMaxAge = corsMaxAge
        self.trustForwardedFor = trustForwardedFor
        self.responseCacheBytes = responseCacheBytes
    }
}
