import NIOCore
import NIOHTTP1

/// Reads what the HTTP/1 request head says about the connection before it becomes an
/// `HTTPRequest` (which has no version and whose `Connection` field Hummingbird compares to
/// `"close"` exactly), and acts on it:
///
/// - An HTTP/1.0 request without `Connection: keep-alive`, or any request whose `Connection`
///   lists `close` in another spelling (`Close`, `close, TE`), gets `Connection: close`, so the
///   connection is closed after the response instead of at the idle timeout (finding 8).
/// - `Expect: 100-continue` is answered with `100 Continue` before the body is read, unless the
///   declared body is over the size limit (then the 413 is the answer). Clients such as curl
///   otherwise wait a second before sending the body (finding 11).
///
/// It sits right after NIO's request decoder; ``install(after:)`` puts it there, because
/// Hummingbird adds its extra handlers after the HTTPTypes conversion.
final class HTTP1HeadHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let maxBodySize: Int

    init(maxBodySize: Int) {
        self.maxBodySize = maxBodySize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let tokens = head.headers[canonicalForm: "connection"].map { $0.lowercased() }
        let closes = tokens.contains("close") || (head.version.major == 1 && head.version.minor == 0 && !tokens.contains("keep-alive"))
        if closes {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        }
        if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            let declared = head.headers["content-length"].first.flatMap { Int($0) } ?? 0
            if declared <= maxBodySize {
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
            }
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
