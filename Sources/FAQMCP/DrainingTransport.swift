import Foundation
import Logging
import MCP

/// A transport that lets the server answer every request it has read before it stops.
///
/// The SDK's server handles each request in a task of its own and ends its message loop as soon
/// as the input ends, so with `printf '…' | faq mcp` (or any client that closes stdin right after
/// its last request) the last answers would be lost when the server then disconnects. This
/// wrapper counts the requests read and the responses sent, and ``drain(timeout:)`` waits until
/// they match.
actor DrainingTransport: Transport {
    private let base: any Transport
    /// Ids of requests read and not yet answered, as their JSON text (`1`, `"abc"`).
    private var pending: Set<String> = []

    nonisolated let logger: Logger

    init(_ base: any Transport, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    func connect() async throws { try await base.connect() }

    func disconnect() async { await base.disconnect() }

    func send(_ data: Data) async throws {
        try await base.send(data)
        for id in Self.ids(in: data, requests: false) { pending.remove(id) }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let upstream = base
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await upstream.receive() {
                        self.received(data)
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Waits until every request read has been answered, or `timeout` passes.
    func drain(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !pending.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if !pending.isEmpty { logger.warning("stopping with unanswered requests", metadata: ["count": "\(pending.count)"]) }
    }

    private func received(_ data: Data) {
        for id in Self.ids(in: data, requests: true) { pending.insert(id) }
    }

    /// The ids of the requests (`method` and `id`) or of the responses (`id` and `result` or
    /// `error`) in one message or batch.
    static func ids(in data: Data, requests: Bool) -> [String] {
        guard let value = try? JSONDecoder().decode(Value.self, from: data) else { return [] }
        let messages = value.arrayValue ?? [value]
        return messages.compactMap { message in
            guard let object = message.objectValue, let id = object["id"], !id.isNull else { return nil }
            let isRequest = object["method"] != nil
            let isResponse = object["result"] != nil || object["error"] != nil
            guard requests ? isRequest : isResponse else { return nil }
            return id.description
        }
    }
}
