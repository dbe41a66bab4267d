import HTTPTypes
import Hummingbird

/// Applies the `--allow-origin` allowlist to requests from other origins.
///
/// - A state-changing request (POST, PUT, PATCH, DELETE) whose `Origin` is not on the list is
///   refused with 403 `forbidden_origin`. CORS alone does not stop a page from sending a
///   "simple" POST (form or text/plain) and having it stored; it only hides the answer from
///   the page (security review, finding 4). Requests without `Origin` (curl, servers) pass.
/// - Any other request has its `Origin` hidden, so the `CORSMiddleware` behind it (set to echo
///   the origin) grants nothing: the preflight falls through to the router (404/405) and the
///   response carries no `Access-Control-Allow-Origin`, which browsers enforce.
///
/// Hummingbird's own `.oneOf(...)` takes a variadic list, not a configured array.
struct OriginAllowlistMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: Set<String>

    /// Methods that change state on the server.
    static var stateChanging: Set<HTTPRequest.Method> { [.post, .put, .patch, .delete] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], !allowed.contains(origin) else {
            return try await next(request, context)
        }
        if Self.stateChanging.contains(request.method) {
            var error = APIError(.forbidden, code: .forbiddenOrigin, message: "requests from this origin may not change anything here")
            error.headers[values: .vary].append("Origin")
            throw error
        }
        var head = request.head
        head.headerFields[.origin] = nil
        var response = try await next(Request(head: head, body: request.body), context)
        // The answer depends on Origin, so shared caches must key on it.
        response.headers[values: .vary].append("Origin")
        return response
    }
}
