import FAQKit
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns every failure into the one JSON error shape. Hummingbird's 404 becomes 405 when the
/// path exists with other methods; anything that is not an HTTP error is logged with its details
/// and answered with a bare 500, so internals (SQL, file paths, types) never reach the client.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try mapped(error, request: request, context: context).response(from: request, context: context)
        }
    }

    /// Errors that mean the request stopped arriving: NIO's parser at an end of file inside a
    /// body, or a channel closed or reset under the body reader.
    static func isCutOff(_ error: any Error) -> Bool {
        switch error {
        case let error as HTTPParserError: return error == .invalidEOFState
        case let error as ChannelError:
            switch error {
            case .eof, .ioOnClosedChannel, .inputClosed, .alreadyClosed, .outputClosed: return true
            default: return false
            }
        case is IOError: return true
        default: return false
        }
    }

    func mapped(_ error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as FAQKitError where error.code == .invalidInput:
            return .badRequest(.invalidParameter, error.message)
        case _ where Self.isCutOff(error):
            // The client closed the connection inside its body (finding 6): its fault, not the
            // server's, and nobody is left to read the answer.
            context.logger.debug("request body cut off by the client", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return .badRequest(.invalidBody, "the request body ended before its declared length")
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound:
                let allowed = routes.methods(for: request.uri.path)
                // A path the table knows with this very method was still not found (a static
                // path spelled differently, such as `/widget.js/`): 404, not 405.
                guard !allowed.isEmpty, !allowed.contains(request.method) else { return .notFound }
                let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
                return APIError(
                    .methodNotAllowed, code: .methodNotAllowed,
                    message: "\(request.method.rawValue) is not allowed here; use \(list)", headers: [.allow: list])
            case .contentTooLarge:
                return .payloadTooLarge
            case .badRequest:
                // Hummingbird's own 400s (bad percent-encoding, undecodable JSON) carry messages
                // naming Swift types; give a plain one instead.
                return .badRequest(.invalidBody, "the request could not be read; check the body and the URL encoding")
            case let status where status.code < 500:
                return APIError(status, code: .init(rawValue: "http_\(status.code)"), message: status.reasonPhrase)
            default:
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
                return .internalError
            }
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return .internalError
        }
    }
}
