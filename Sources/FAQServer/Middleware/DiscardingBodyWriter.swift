import HTTPTypes
import Hummingbird
import NIOCore

/// A response body writer that sends nothing.
struct DiscardingBodyWriter: ResponseBodyWriter {
    mutating func write(_ buffer: ByteBuffer) async throws {}
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
