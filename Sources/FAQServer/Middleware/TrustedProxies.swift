import Foundation

/// Which reverse proxies in front of the server are trusted to say who the client is
/// (`--trusted-proxies`), and how the client's address is read from `X-Forwarded-For`.
///
/// A proxy appends the address it was connected from to `X-Forwarded-For`, after whatever the
/// client sent, so only the right-hand entries are written by proxies: the client's address is
/// the right-most one not written by a trusted proxy. The left-most entry is whatever the client
/// chose (security review, finding 5). Every entry used is parsed as an IP address; an entry that
/// is not one ends the walk at the last trusted address.
public enum TrustedProxies: Sendable, Hashable {
    /// No proxy: the client is the peer of the connection.
    case none
    /// This many proxies in front of the server, the peer being the last: the client is the
    /// entry this many places from the right of [X-Forwarded-For..., peer].
    case hops(Int)
    /// Proxies at these addresses: the client is the right-most address not among them.
    case ranges([IPRange])

    /// Parses `--trusted-proxies`: a hop count (`1`), or addresses and blocks separated by commas
    /// (`10.0.0.1,192.168.0.0/16,::1`). Nil when any part is neither.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let hops = Int(text) {
            guard hops >= 0 else { return nil }
            self = hops == 0 ? .none : .hops(hops)
            return
        }
        var ranges: [IPRange] = []
        for part in text.split(separator: ",") {
            guard let range = IPRange(part) else { return nil }
            ranges.append(range)
        }
        guard !ranges.isEmpty else { return nil }
        self = .ranges(ranges)
    }

    /// Whether the connection's peer is a trusted proxy, so its connections carry many clients
    /// and are not held to the per-address connection limit. With a hop count every peer is.
    func isProxy(_ address: String?) -> Bool {
        switch self {
        case .none: return false
        case .hops: return true
        case .ranges(let ranges):
            guard let ip = address.flatMap({ IPAddress($0) }) else { return false }
            return ranges.contains { $0.contains(ip) }
        }
    }

    /// The client's address, canonical, for a request from `peer` with `forwardedFor`. "local"
    /// when there is no peer (in-process tests) and no trusted entry says otherwise.
    func clientAddress(peer: String?, forwardedFor: String?) -> String {
        let peerAddress = peer.flatMap { IPAddress($0) }
        let peerKey = peerAddress?.description ?? "local"
        guard self != .none, let forwardedFor else { return peerKey }
        // Right to left: the peer, then the entries proxies appended, nearest first. A missing
        // peer (no socket, in tests) counts as a trusted proxy.
        let entries = forwardedFor.split(separator: ",", omittingEmptySubsequences: false).reversed()
        switch self {
        case .none:
            return peerKey
        case .hops(let hops):
            var current = peerKey
            for (index, entry) in entries.enumerated() where index < hops {
                guard let address = IPAddress(entry) else { return current }
                current = address.description
            }
            return current
        case .ranges(let ranges):
            func trusted(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }
            if let peerAddress, !trusted(peerAddress) { return peerKey }
            var current = peerKey
            for entry in entries {
                guard let address = IPAddress(entry) else { return current }
                current = address.description
                if !trusted(address) { return current }
            }
            return current
        }
    }
}
