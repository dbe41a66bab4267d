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
    /// When the head of a request whose end has not arrived yet came in.
    private var pendingSince: NIODeadline?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            deadline = nil
            pendingSince = .now()
        case .end:
            deadline?.cancel()
            deadline = nil
            pendingSince = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    /// The timer is armed only for a request still incomplete after a read: a GET's head and end
    /// usually arrive in one read, and then no timer is scheduled and cancelled at all (that cost
    /// about 4% of a cached request's CPU).
    func channelReadComplete(context: ChannelHandlerContext) {
        if let since = pendingSince, deadline == nil {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(deadline: since + timeout) { channel.close(promise: nil) }
        }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        pendingSince = nil
        context.fireChannelInactive()
    }
}
