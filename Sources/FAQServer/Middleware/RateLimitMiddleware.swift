import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers 429 with `Retry-After` when a client exceeds its token bucket. Applies to `/v1`
/// only: health checks, metrics scrapes and the widget's static files are never limited.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let limiter: TokenBucketLimiter
    let trustForwardedFor: Bool
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
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

    /// The peer's IP address (not its port: one client, many connections), or the first
    /// `X-Forwarded-For` hop when the server sits behind a trusted proxy.
    func clientKey(_ request: Request, context: Context) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
            let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return first
        }
        return context.remoteAddress?.ipAddress ?? "local"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
