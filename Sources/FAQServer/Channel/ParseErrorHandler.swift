import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request NIO's HTTP/1 decoder could not read with the API's JSON error shape, then
/// closes the connection (the decoder cannot go on after an error).
///
/// Hummingbird answers every parse error with an empty 400, which says nothing. This handler sits
/// after the decoder and takes those errors first: a head over the decoder's limits
/// (`HTTP1Channel.Configuration.httpDecoder`) gets 431 `headers_too_large`; anything else 400
/// `malformed_request`, and when the request line is what is wrong (most often a URL typed with
/// a raw space or raw Chinese characters, which HTTP does not allow), a message that says to
/// percent-encode it. A connection closed mid-request (`invalidEOFState`) goes on unanswered.
final class ParseErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The status, code and message for a parse error; nil for one that gets no answer.
    static func response(for error: HTTPParserError) -> (status: HTTPResponse.Status, body: APIError.Body)? {
        switch error {
        case .invalidEOFState, .closedConnection, .paused:
            return nil
        case .headerOverflow:
            return (
                .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                .init(error: .init(code: APIError.Code.headersTooLarge.rawValue, message: ServerOptions.headersTooLargeMessage))
            )
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort, .invalidVersion,
            .invalidCharactersUsed, .invalidConstant:
            return (
                .badRequest, .init(error: .init(code: APIError.Code.malformedRequest.rawValue, message: ServerOptions.malformedRequestLineMessage))
            )
        default:
            return (
                .badRequest,
                .init(error: .init(code: APIError.Code.malformedRequest.rawValue, message: "the request is not valid HTTP/1.1 (\(error))"))
            )
        }
    }

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, let (status, body) = Self.response(for: parseError) else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let bytes = (try? JSONEncoder.api.encode(body)) ?? Data()
        var head = HTTPResponse(status: status)
        head.headerFields[.contentType] = "application/json; charset=utf-8"
        head.headerFields[.contentLength] = String(bytes.count)
        head.headerFields[.xContentTypeOptions] = "nosniff"
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: bytes))), promise: nil)
        // The handler runs on its channel's event loop, so the completion may use the context.
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
