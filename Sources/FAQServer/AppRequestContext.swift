import Foundation
import Hummingbird
import NIOCore

/// The request context of every FAQServer route: Hummingbird's core storage plus the peer
/// address, which the rate limiter keys its buckets on.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client, nil when there is no socket (router tests).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are small JSON documents or pasted error text: 64 KiB is plenty.
    public var maxUploadSize: Int { ServerOptions.maxBodySize }

    /// JSON with sorted keys (stable bodies, diffable in tests and caches) and unescaped slashes
    /// (`"invoices/2"`, not `"invoices\/2"`).
    public var responseEncoder: JSONEncoder { JSONEncoder.api }
}
