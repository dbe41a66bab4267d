import HTTPTypes
import Hummingbird
import NIOCore

/// Answers `HEAD` on every `GET` route (CORS advertises it, and monitors and link checkers use
/// it): the request is routed as a `GET` and the response keeps its status and headers,
/// `Content-Length` included, without the body. Hummingbird's router registers `HEAD` only for
/// routes that ask for it, so it was 405 (security review, finding 11).
///
/// A responder around the router rather than a middleware: the router picks the route, by
/// method, before any middleware runs.
struct HeadRequestResponder<Base: HTTPResponder>: HTTPResponder where Base.Context: RequestContext {
    typealias Context = Base.Context
    let base: Base

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await base.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        do {
            return Self.headResponse(try await base.respond(to: Request(head: head, body: request.body), context: context))
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context).createHeadResponse()
        }
    }

    /// The `GET` response's status and headers, and its body written nowhere: what runs once a
    /// body has been written (`MetricsMiddleware` counts, times and ends the request there) still
    /// runs. `createHeadResponse()` drops the body, and the request would stay active forever.
    static func headResponse(_ response: Response) -> Response {
        let body = response.body
        return Response(
            status: response.status, headers: response.headers,
            body: ResponseBody(contentLength: 0) { writer in
                try await body.write(DiscardingBodyWriter())
                try await writer.finish(nil)
            })
    }
}
