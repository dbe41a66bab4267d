import NIOCore
import Synchronization

/// Keeps one client, or a crowd of silent ones, from holding every connection.
///
/// Hummingbird's connection limit (`--max-connections`) stops accepting once that many are open,
/// so 2,000 silent connections from one address held all 1,024 slots until the idle timeout, and
/// nobody else was answered. Two rules keep room for other clients:
///
/// - **Per client address**: at most ``perClientLimit`` connections from one IP address. One
///   more closes that address's longest-idle connection, or the new one when all of its
///   connections are busy with a request.
/// - **Near the limit**: once more than `limit - reserve` connections are open, each new one
///   closes the longest-idle connection of any client. A connection that is waiting for its
///   request (silent, or half a head) counts as idle; one whose request is being read or
///   answered is never closed.
///
/// Addresses in ``exempt`` (trusted reverse proxies, whose connections carry many clients) are
/// not held to the per-address limit.
final class ConnectionGuard: Sendable {
    /// One open connection.
    private struct Connection {
        var channel: any Channel
        var address: String
        /// Requests read but not yet answered; 0 means idle.
        var busy = 0
        /// Increases with every change to idle, so the smallest is the longest idle.
        var idleSince: UInt64
    }

    private struct State {
        var connections: [ObjectIdentifier: Connection] = [:]
        var perAddress: [String: Int] = [:]
        var clock: UInt64 = 0
    }

    /// Most connections per client address; 0 means no per-address limit.
    let perClientLimit: Int
    /// The server's connection limit; 0 means none (and no eviction near it).
    let limit: Int
    /// Connections kept free near the limit: eviction starts above `limit - reserve`.
    let reserve: Int
    /// Addresses not held to the per-address limit.
    let exempt: @Sendable (SocketAddress) -> Bool
    private let state = Mutex(State())

    init(perClientLimit: Int, limit: Int, exempt: @escaping @Sendable (SocketAddress) -> Bool = { _ in false }) {
        self.perClientLimit = perClientLimit
        self.limit = limit
        self.reserve = max(1, limit / 8)
        self.exempt = exempt
    }

    /// Open connections, for tests and metrics.
    var openCount: Int { state.withLock { $0.connections.count } }

    /// Registers a new connection and closes what the rules say must go (possibly `channel`
    /// itself).
    func opened(_ channel: any Channel) {
        let remote = channel.remoteAddress
        let address = remote?.ipAddress ?? "local"
        let capped = perClientLimit > 0 && !(remote.map(exempt) ?? false)
        let toClose: [any Channel] = state.withLock { state in
            var closing: [any Channel] = []
            let id = ObjectIdentifier(channel)
            state.clock &+= 1
            if capped, state.perAddress[address, default: 0] >= perClientLimit {
                if let victim = Self.longestIdle(in: state, where: { $0.address == address }) {
                    closing.append(contentsOf: Self.remove(victim, from: &state).map { [$0] } ?? [])
                } else {
                    return [channel]  // every connection of this address is busy: refuse the new one
                }
            }
            state.connections[id] = Connection(channel: channel, address: address, idleSince: state.clock)
            state.perAddress[address, default: 0] += 1
            if limit > 0 {
                while state.connections.count > limit - reserve,
                    let victim = Self.longestIdle(in: state, where: { _ in true }), victim != id
                {
                    closing.append(contentsOf: Self.remove(victim, from: &state).map { [$0] } ?? [])
                }
            }
            return closing
        }
        for channel in toClose { channel.close(promise: nil) }
    }

    /// Forgets a closed connection.
    func closed(_ channel: any Channel) {
        state.withLock { state in _ = Self.remove(ObjectIdentifier(channel), from: &state) }
    }

    /// A request's head arrived: the connection is busy until its response ends.
    func requestStarted(_ channel: any Channel) {
        state.withLock { $0.connections[ObjectIdentifier(channel)]?.busy += 1 }
    }

    /// A response ended.
    func responseEnded(_ channel: any Channel) {
        state.withLock { state in
            let id = ObjectIdentifier(channel)
            guard var connection = state.connections[id] else { return }
            connection.busy = max(0, connection.busy - 1)
            if connection.busy == 0 {
                state.clock &+= 1
                connection.idleSince = state.clock
            }
            state.connections[id] = connection
        }
    }

    private static func longestIdle(in state: State, where include: (Connection) -> Bool) -> ObjectIdentifier? {
        var best: (id: ObjectIdentifier, since: UInt64)?
        for (id, connection) in state.connections where connection.busy == 0 && include(connection) {
            if best == nil || connection.idleSince < best!.since { best = (id, connection.idleSince) }
        }
        return best?.id
    }

    @discardableResult
    private static func remove(_ id: ObjectIdentifier, from state: inout State) -> (any Channel)? {
        guard let connection = state.connections.removeValue(forKey: id) else { return nil }
        let left = state.perAddress[connection.address, default: 1] - 1
        state.perAddress[connection.address] = left > 0 ? left : nil
        return connection.channel
    }
}
