import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request whose head is over the decoder's limits with 431 and the API's JSON error
/// shape, then closes the connection.
///
/// The limits themselves are NIO's (`HTTP1Channel.Configuration.httpDecoder`): the decoder stops
/// with `HTTPParserError.headerOverflow`. Hummingbird answers every parse error with an empty
/// 400; this handler sits after the decoder, takes that one error before Hummingbird sees it and
/// says what was wrong. Other parse errors go on to Hummingbird's 400.
final class HeaderSizeLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The body sent with the 431.
    static let body = try! JSONEncoder.api.encode(
        APIError.Body(error: .init(code: APIError.Code.headersTooLarge.rawValue, message: ServerOptions.headersTooLargeMessage)))

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError, error == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        var head = HTTPResponse(status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"))
        head.headerFields[.contentType] = "application/json; charset=utf-8"
        head.headerFields[.contentLength] = String(Self.body.count)
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: Self.body))), promise: nil)
        // The handler runs on its channel's event loop, so the completion may use the context.
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
