import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request does not arrive in full within a time limit.
///
/// Hummingbird's idle timeout (`HTTP1Channel.Configuration.idleTimeout`) closes a connection
/// that sends nothing, or stalls inside a request head, for that long; but any body bytes reset
/// it, so a client could trickle a 64 KiB body one byte at a time and hold the connection for
/// days. This bounds the whole request instead: from its head to its end.
final class RequestTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
