import HTTPTypes
import Hummingbird

/// Hides the `Origin` of requests from origins outside the allowlist, so the `CORSMiddleware`
/// behind it (set to echo the origin) grants nothing to them: their preflight falls through to the
/// router (404/405) and their responses carry no `Access-Control-Allow-Origin`, which browsers
/// enforce. Hummingbird's own `.oneOf(...)` takes a variadic list, not a configured array.
struct OriginAllowlistMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], !allowed.contains(origin) else {
            return try await next(request, context)
        }
        var head = request.head
        head.headerFields[.origin] = nil
        var response = try await next(Request(head: head, body: request.body), context)
        // The answer depends on Origin, so shared caches must key on it.
        response.headers[values: .vary].append("Origin")
        return response
    }
}
