import Foundation
import Hummingbird

/// An API failure as the client sees it: an HTTP status, a stable machine code and a message fit
/// to show as it is. Every error response has the same JSON shape,
/// `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    /// A stable error code; clients switch on it, so existing values never change.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `q` is absent.
        public static let missingQuery = Code(rawValue: "missing_query")
        /// `q` is empty or only whitespace.
        public static let emptyQuery = Code(rawValue: "empty_query")
        /// `q` is longer than `KnowledgeBase.maxQueryLength` characters.
        public static let queryTooLong = Code(rawValue: "query_too_long")
        /// `limit` is not an integer in 1...100.
        public static let invalidLimit = Code(rawValue: "invalid_limit")
        /// `offset` is not a non-negative integer.
        public static let invalidOffset = Code(rawValue: "invalid_offset")
        /// Another parameter (a highlight tag, the error text) is missing or unacceptable.
        public static let invalidParameter = Code(rawValue: "invalid_parameter")
        /// The error text to explain is absent or empty.
        public static let missingText = Code(rawValue: "missing_text")
        /// The request body is not the JSON document the endpoint expects.
        public static let invalidBody = Code(rawValue: "invalid_body")
        /// No route at this path.
        public static let notFound = Code(rawValue: "not_found")
        /// No FAQ entry with this id.
        public static let entryNotFound = Code(rawValue: "entry_not_found")
        /// The path exists but not with this method.
        public static let methodNotAllowed = Code(rawValue: "method_not_allowed")
        /// The request body is over the size limit.
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        /// The request is not valid HTTP/1.1, most often a URL with raw spaces or non-ASCII
        /// characters (400; the connection is closed).
        public static let malformedRequest = Code(rawValue: "malformed_request")
        /// The request line and headers are over the size limit (431).
        public static let headersTooLarge = Code(rawValue: "headers_too_large")
        /// A state-changing request from a browser origin outside `--allow-origin` (403).
        public static let forbiddenOrigin = Code(rawValue: "forbidden_origin")
        /// A JSON body sent without `Content-Type: application/json` (415).
        public static let unsupportedMediaType = Code(rawValue: "unsupported_media_type")
        /// The client sent too many requests; see `Retry-After`.
        public static let rateLimited = Code(rawValue: "rate_limited")
        /// Something failed on the server; details are in the server log only.
        public static let internalError = Code(rawValue: "internal_error")
    }

    public var status: HTTPResponse.Status
    public var code: Code
    public var message: String
    /// Extra response headers (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: Code, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The JSON body.
    struct Body: Codable, Equatable {
        struct Detail: Codable, Equatable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(try JSONEncoder.api.encode(Body(error: .init(code: code.rawValue, message: message))))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

extension APIError: CustomStringConvertible {
    public var description: String { "\(status.code) \(code.rawValue): \(message)" }
}

extension APIError {
    static func badRequest(_ code: Code, _ message: String) -> APIError {
        APIError(.badRequest, code: code, message: message)
    }

    static let notFound = APIError(.notFound, code: .notFound, message: "no such endpoint; see /openapi.json")

    static let payloadTooLarge = APIError(
        .contentTooLarge, code: .payloadTooLarge,
        message: "the request body is larger than \(ServerOptions.maxBodySize / 1024) KiB")

    static let unsupportedMediaType = APIError(
        .unsupportedMediaType, code: .unsupportedMediaType, message: "send the body as JSON with Content-Type: application/json")

    // swift-format-ignore: DontRepeatTypeInStaticProperties
    // Named after its error code, `internal_error`, like every other case here.
    static let internalError = APIError(
        .internalServerError, code: .internalError, message: "the server failed to handle this request")
}
