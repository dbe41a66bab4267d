import HTTPTypes
import Hummingbird
import Logging

/// Counts every request by method, route pattern and status, times it, and logs it at debug
/// level (never info: one line per request would flood production logs on the hot path).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    /// Methods reported by name; anything else is `other`, so clients cannot mint label values.
    static var knownMethods: Set<HTTPRequest.Method> { [.get, .head, .post, .put, .patch, .delete, .options] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, start: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, start: start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let method = Self.knownMethods.contains(request.method) ? request.method.rawValue : "other"
        // The router stores the matched pattern (`/v1/entries/**`), "NotFound" or "FileMiddleware";
        // nothing is stored when a middleware answered first (CORS preflight, 429, 413).
        let route = context.endpointPath ?? (request.method == .options ? "preflight" : "unrouted")
        metrics.recordRequest(method: method, route: route, status: status, seconds: seconds)
        context.logger.debug(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\((seconds * 1000 * 100).rounded() / 100)",
            ])
    }
}
