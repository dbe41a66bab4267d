import HTTPTypes
import Testing

@testable import FAQServer

struct TokenBucketLimiterTests {
    @Test func allowsABurstThenRefillsAtTheSustainedRate() {
        let limiter = TokenBucketLimiter(requestsPerMinute: 60, burst: 3)
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(limiter.acquire("a", now: start) == .allowed) }
        #expect(limiter.acquire("a", now: start) == .limited(retryAfter: 1))
        #expect(limiter.acquire("b", now: start) == .allowed)
        #expect(limiter.acquire("a", now: start + .milliseconds(1_000)) == .allowed)
        #expect(limiter.acquire("a", now: start + .milliseconds(1_100)) == .limited(retryAfter: 1))
        // Idle time refills up to the burst, not beyond.
        let later = start + .seconds(3_600)
        for _ in 0..<3 { #expect(limiter.acquire("a", now: later) == .allowed) }
        #expect(limiter.acquire("a", now: later) != .allowed)
    }

    @Test func retryAfterRoundsUpToWholeSeconds() {
        let limiter = TokenBucketLimiter(requestsPerMinute: 6, burst: 1)
        let start = ContinuousClock.now
        #expect(limiter.acquire("a", now: start) == .allowed)
        #expect(limiter.acquire("a", now: start) == .limited(retryAfter: 10))
        #expect(limiter.acquire("a", now: start + .milliseconds(500)) == .limited(retryAfter: 10))
        #expect(limiter.acquire("a", now: start + .seconds(10)) == .allowed)
    }

    @Test func forgetsIdleClientsWhenFull() {
        let limiter = TokenBucketLimiter(requestsPerMinute: 60, burst: 1, maxClients: 2)
        let start = ContinuousClock.now
        #expect(limiter.acquire("a", now: start) == .allowed)
        #expect(limiter.acquire("b", now: start) == .allowed)
        #expect(limiter.acquire("c", now: start + .seconds(5)) == .allowed)
        #expect(limiter.acquire("c", now: start + .seconds(5)) != .allowed)
    }
}

struct RouteTableTests {
    @Test func matchesPatterns() {
        let table = RouteTable()
        table.add("/v1/search", methods: [.get])
        table.add("/v1/entries/**", methods: [.get])
        table.add("/v1/feedback", methods: [.post])
        table.add("/", methods: [.get, .head])
        #expect(table.methods(for: "/v1/search") == [.get])
        #expect(table.methods(for: "/v1/entries/invoices/2") == [.get])
        #expect(table.methods(for: "/v1/entries/a") == [.get])
        #expect(table.methods(for: "/v1/entries").isEmpty)
        #expect(table.methods(for: "/v1/feedback/") == [.post])
        #expect(table.methods(for: "/") == [.get, .head])
        #expect(table.methods(for: "/v1").isEmpty)
    }
}
