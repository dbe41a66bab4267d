import Synchronization

/// Per-client token buckets: each client may make `capacity` requests at once, refilled at
/// `refillPerSecond`. Thread-safe; one lock around a dictionary is cheap next to a search.
final class TokenBucketLimiter: Sendable {
    /// The limiter's verdict on one request.
    enum Decision: Equatable {
        case allowed
        /// Refused; the client may retry after this many whole seconds.
        case limited(retryAfter: Int)
    }

    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let capacity: Double
    let refillPerSecond: Double
    /// Buckets kept before idle ones are dropped; bounds memory when many clients pass by.
    let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameters:
    ///   - requestsPerMinute: sustained rate (must be positive).
    ///   - burst: bucket size: requests allowed at once.
    init(requestsPerMinute: Int, burst: Int, maxClients: Int = 50_000) {
        self.capacity = Double(max(1, burst))
        self.refillPerSecond = Double(max(1, requestsPerMinute)) / 60
        self.maxClients = maxClients
    }

    /// Clients with a bucket now; never more than ``maxClients``.
    var clientCount: Int { buckets.withLock { $0.count } }

    func acquire(_ client: String, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = refilled(bucket, now: now)
            bucket.updated = now
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                let wait = (1 - bucket.tokens) / refillPerSecond
                decision = .limited(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            if buckets[client] == nil, buckets.count >= maxClients { prune(&buckets, now: now) }
            buckets[client] = bucket
            return decision
        }
    }

    private func refilled(_ bucket: Bucket, now: ContinuousClock.Instant) -> Double {
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return min(capacity, bucket.tokens + seconds * refillPerSecond)
    }

    /// Drops buckets that have refilled completely (their clients are idle, so forgetting them
    /// changes nothing); if every client is active, starts over rather than grow without bound.
    private func prune(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        buckets = buckets.filter { refilled($0.value, now: now) < capacity }
        if buckets.count >= maxClients { buckets.removeAll(keepingCapacity: true) }
    }
}
