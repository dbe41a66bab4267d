import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers 429 with `Retry-After` when a client exceeds its token bucket. Health checks,
/// metrics scrapes, the OpenAPI document and the widget's static files are never limited;
/// everything else is.
///
/// The exemption is decided on the route the path matches, the way the router matches it, not
/// on the raw path: the router ignores empty segments, so `//v1/feedback` reaches the feedback
/// route, and a prefix test on `/v1/` let it through unlimited (security review, finding 2).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let limiter: TokenBucketLimiter
    let trustedProxies: TrustedProxies
    let metrics: ServerMetrics
    /// The router's routes, to find the one a path matches.
    let routes: RouteTable
    /// Route patterns never limited.
    static let exemptRoutes = Set(["/health", "/metrics", "/openapi.json"] + staticPaths)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let matched = routes.patterns(matching: request.uri.path)
        if !matched.isEmpty, matched.allSatisfy(Self.exemptRoutes.contains) { return try await next(request, context) }
        switch limiter.acquire(clientKey(request, context: context)) {
        case .allowed:
            return try await next(request, context)
        case .limited(let retryAfter):
            metrics.recordRateLimited()
            throw APIError(
                .tooManyRequests, code: .rateLimited,
                message: "too many requests; retry in \(retryAfter) s",
                headers: [.retryAfter: String(retryAfter)])
        }
    }

    /// The client's IP address (not its port: one client, many connections): the peer's, or
    /// behind trusted proxies the right-most `X-Forwarded-For` address they did not write.
    /// Always a parsed address in canonical form, so the limiter's keys are short.
    func clientKey(_ request: Request, context: Context) -> String {
        trustedProxies.clientAddress(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[.xForwardedFor])
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
