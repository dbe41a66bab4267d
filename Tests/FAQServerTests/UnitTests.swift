import HTTPTypes
import NIOCore
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

struct QueryItemsTests {
    @Test func decodesFormEncoding() throws {
        let items = try QueryItems("q=%E5%8F%91%E7%A5%A8+%E5%A4%9A%E4%B9%85&plus=a%2Bb&empty=&flag&q=second")
        #expect(items["q"] == "发票 多久")
        #expect(items["plus"] == "a+b")
        #expect(items["empty"] == "")
        #expect(items["flag"] == "")
        #expect(items["missing"] == nil)
        #expect(try QueryItems(nil)["q"] == nil)
    }

    @Test(arguments: ["q=%G1", "q=%4", "q=%", "q=%E5%8F", "q=%FF", "%ZZ=1"])
    func rejectsBadEscapesAndInvalidUTF8(query: String) {
        #expect(throws: APIError.self) { try QueryItems(query) }
    }
}

struct ResponseCacheTests {
    func entry(_ text: String) -> ResponseCache.Entry {
        ResponseCache.Entry(body: ByteBuffer(string: text), answered: true, query: text, topEntryID: nil, category: nil, recordsAbstention: false)
    }

    @Test func servesOnlyTheGenerationThatComputedIt() {
        let cache = ResponseCache(capacity: 1 << 20)
        cache.store(entry("a"), for: "k", generation: 0)
        #expect(cache.entry(for: "k", generation: 0)?.query == "a")
        #expect(cache.entry(for: "k", generation: 1) == nil)
        // A newer generation empties the cache; a late store from an older one is dropped.
        cache.store(entry("b"), for: "k2", generation: 1)
        cache.store(entry("old"), for: "k3", generation: 0)
        #expect(cache.entry(for: "k", generation: 1) == nil)
        #expect(cache.entry(for: "k3", generation: 1) == nil)
        #expect(cache.entry(for: "k2", generation: 1)?.query == "b")
        #expect(cache.usage.entries == 1)
    }

    @Test func staysWithinItsCapacityDroppingTheLeastRecentlyUsed() {
        let body = String(repeating: "x", count: 1_000)
        let cache = ResponseCache(capacity: 64_000)
        for i in 0..<200 {
            cache.store(entry(body), for: "key\(i)", generation: 0)
            _ = cache.entry(for: "key0", generation: 0)  // kept warm
        }
        #expect(cache.usage.bytes <= 64_000)
        #expect(cache.entry(for: "key0", generation: 0) != nil)
        #expect(cache.entry(for: "key199", generation: 0) != nil)
        #expect(cache.entry(for: "key1", generation: 0) == nil)
    }

    @Test func keepsNothingWhenOffOrTooLarge() {
        let off = ResponseCache(capacity: 0)
        off.store(entry("a"), for: "k", generation: 0)
        #expect(off.entry(for: "k", generation: 0) == nil)
        let small = ResponseCache(capacity: 1_600)
        small.store(entry(String(repeating: "x", count: 200)), for: "k", generation: 0)
        #expect(small.entry(for: "k", generation: 0) == nil)
    }
}

struct ServerOptionsTests {
    /// `--allow-origin` takes origins as browsers send them; anything else could never match.
    @Test(arguments: [
        ("https://help.example.com", true), ("http://localhost:8080", true), ("https://[::1]:8443", true),
        ("https://help.example.com/", false), ("https://help.example.com/faq", false), ("help.example.com", false),
        ("not an origin", false), ("ftp://example.com", false), ("https://user@example.com", false), ("*", false),
    ])
    func originsAreSchemeHostAndPort(text: String, isOrigin: Bool) {
        #expect(ServerOptions.isOrigin(text) == isOrigin)
    }
}
