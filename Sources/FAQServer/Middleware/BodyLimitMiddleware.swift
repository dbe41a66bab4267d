import HTTPTypes
import Hummingbird

/// Refuses a declared body over the limit with 413 before any of it is read. Bodies sent
/// without a length are capped where they are collected (`collect(upTo:)`), which also
/// ends in 413.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxSize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxSize {
            throw APIError.payloadTooLarge
        }
        return try await next(request, context)
    }
}
