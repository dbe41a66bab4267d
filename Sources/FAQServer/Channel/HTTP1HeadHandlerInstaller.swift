import NIOCore
import NIOHTTP1

/// Adds ``HTTP1HeadHandler`` right after NIO's request decoder when it is added to a pipeline.
/// (It goes into `HTTP1Channel.Configuration.additionalChannelHandlers`, which come after the
/// conversion to HTTPTypes; this one must see the HTTP/1 head before that.)
final class HTTP1HeadHandlerInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let maxBodySize: Int

    init(maxBodySize: Int) {
        self.maxBodySize = maxBodySize
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let decoder = try? pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self) {
            try? pipeline.addHandler(HTTP1HeadHandler(maxBodySize: maxBodySize), position: .after(decoder))
        }
    }
}
