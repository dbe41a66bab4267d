import FAQKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FAQServer

/// What the security review of `faq serve` found (issue 16), one test per finding that is about
/// routing and headers rather than sockets (those are in `ConnectionLimitsTests`).
struct HardeningTests {
    /// Finding 2: the limiter tested the raw path for a `/v1/` prefix, but the router ignores
    /// empty segments, so `//v1/...` reached the API unlimited.
    @Test(arguments: ["//v1/categories", "/v1//categories", "///v1/categories/"])
    func doubledSlashesAreRateLimitedLikeTheRoute(path: String) async throws {
        let server = try TestServer {
            $0.rateLimitPerMinute = 1
            $0.rateLimitBurst = 2
        }
        try await server.run { client in
            var statuses: [HTTPResponse.Status] = []
            let window = RefillWindow()
            for _ in 0..<4 {
                try await client.execute(uri: path, method: .get) { statuses.append($0.status) }
            }
            #expect(statuses.first == .ok, "the path reaches the route")
            if window.isOpen { #expect(statuses.filter { $0 == .tooManyRequests }.count == 2, "\(statuses)") }
            // Exempt routes stay exempt however they are spelled.
            for _ in 0..<4 {
                try await client.execute(uri: "//health", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    /// Finding 3: every repeat of an unanswered search wrote a row (about 9.3 KB for a 2 KB
    /// query, cache hits included): 2,000 grew the store by 20 MB.
    @Test func repeatedUnansweredSearchesGrowTheFeedbackStoreByLittle() async throws {
        let server = try TestServer()
        // 512 characters of 4 bytes each: a query at both limits, answered by nothing.
        let query = String(repeating: "𝒳𝒴", count: 256)
        let path = server.feedbackURL.path
        @Sendable func size() -> Int {
            ["", "-wal", "-shm"].reduce(0) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
            }
        }
        let before = try await server.run { client in
            try await client.execute(uri: "/v1/search?q=warm", method: .get) { #expect($0.status == .ok) }
            let before = size()
            for _ in 0..<2000 {
                try await client.execute(uri: "/v1/search?q=\(encoded(query))", method: .get) { #expect($0.status == .ok) }
            }
            return before
        }
        let grown = size() - before
        #expect(grown < 1_000_000, "grew by \(grown) bytes")
        let rows = try FeedbackStore(url: server.feedbackURL).unansweredQueries()
        #expect(rows.first { $0.query == query }?.count == 2000)
    }

    /// Finding 3: the store keeps the most recently seen distinct queries and the newest votes.
    @Test func theFeedbackStoreKeepsItsRetention() async throws {
        let directory = try makeTemporaryDirectory()
        let store = try FeedbackStore(
            url: directory.appendingPathComponent("feedback.sqlite"), retention: .init(maxUnansweredQueries: 10, maxVotes: 5))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for i in 0..<300 {
            try await store.record(
                FeedbackStore.Abstention(query: "q\(i)", endpoint: "search", category: nil, topEntryID: nil, createdAt: start + Double(i)))
        }
        try await store.prune()
        #expect(try store.unansweredQueries().map(\.query) == (290..<300).reversed().map { "q\($0)" })
        for i in 0..<8 {
            try await store.record(FeedbackStore.Feedback(query: "v\(i)", entryID: "invoices/2", helpful: true, createdAt: start))
        }
        #expect(try store.allFeedback().map(\.query) == (3..<8).map { "v\($0)" })
    }

    /// Finding 4: with an allowlist, a simple cross-site POST (text/plain, no preflight) was
    /// stored; and any content type was taken as JSON.
    @Test func writesFromOriginsOutsideTheAllowlistAreRefused() async throws {
        let server = try TestServer { $0.allowedOrigins = ["https://help.example.com"] }
        let vote = try ByteBuffer(json: ["query": "发票", "entryId": "invoices/2", "helpful": true])
        try await server.run { client in
            for contentType in ["text/plain", "application/x-www-form-urlencoded", "application/json"] {
                try await client.execute(
                    uri: "/v1/feedback", method: .post, headers: [.origin: "https://evil.example", .contentType: contentType], body: vote
                ) { response throws in
                    #expect(response.status == .forbidden, "\(contentType)")
                    #expect(try response.errorCode() == "forbidden_origin")
                }
            }
            try await client.execute(
                uri: "/v1/errors/explain", method: .post, headers: [.origin: "https://evil.example"], body: ByteBuffer(string: "HTTP 429")
            ) {
                #expect($0.status == .forbidden)
            }
            // Reads from anywhere still work (without CORS grants); allowed origins and
            // non-browser clients may write.
            try await client.execute(uri: "/v1/categories", method: .get, headers: [.origin: "https://evil.example"]) {
                #expect($0.status == .ok)
            }
            for headers: HTTPFields in [
                [.origin: "https://help.example.com", .contentType: "application/json"], [.contentType: "application/json; charset=utf-8"],
            ] {
                try await client.execute(uri: "/v1/feedback", method: .post, headers: headers, body: vote) { #expect($0.status == .created) }
            }
        }
        #expect(try FeedbackStore(url: server.feedbackURL).allFeedback().count == 2)
    }

    @Test(arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"])
    func feedbackBodiesMustBeDeclaredJSON(contentType: String?) async throws {
        let server = try TestServer()
        let vote = try ByteBuffer(json: ["query": "发票", "entryId": "invoices/2", "helpful": true])
        try await server.run { client in
            var headers: HTTPFields = [:]
            if let contentType { headers[.contentType] = contentType }
            try await client.execute(uri: "/v1/feedback", method: .post, headers: headers, body: vote) { response throws in
                #expect(response.status == .unsupportedMediaType)
                #expect(try response.errorCode() == "unsupported_media_type")
            }
        }
        #expect(try FeedbackStore(url: server.feedbackURL).allFeedback().isEmpty)
    }

    /// Finding 5: the left-most `X-Forwarded-For` entry is the client's own choice.
    @Test func behindAProxyTheRightMostUntrustedAddressIsTheClient() async throws {
        let server = try TestServer {
            $0.rateLimitPerMinute = 1
            $0.rateLimitBurst = 1
            $0.trustedProxies = TrustedProxies("10.0.0.0/8")!
        }
        try await server.run { client in
            let xff = HTTPField.Name("X-Forwarded-For")!
            let window = RefillWindow()
            // The same client (203.0.113.7, seen by the proxy 10.0.0.2) whatever it puts in front.
            try await client.execute(uri: "/v1/categories", method: .get, headers: [xff: "1.1.1.1, 203.0.113.7, 10.0.0.2"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: [xff: "2.2.2.2, 203.0.113.7, 10.0.0.2"]) {
                #expect($0.status == .tooManyRequests || !window.isOpen)
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: [xff: "203.0.113.8"]) { #expect($0.status == .ok) }
        }
    }

    @Test func forwardedAddressesAreParsedAndTheLimiterIsBounded() throws {
        let oneHop = TrustedProxies.hops(1)
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9") == "203.0.113.9")
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: " 2001:DB8:0:0::1 ") == "2001:db8::1")
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: "[2001:db8::2]:443") == "2001:db8::2")
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: "203.0.113.9:5000") == "203.0.113.9")
        // Not an address: the key stays the proxy's, never the client's string.
        let junk = String(repeating: "x", count: 16 * 1024)
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: junk) == "10.0.0.1")
        #expect(oneHop.clientAddress(peer: "10.0.0.1", forwardedFor: "999.1.1.1") == "10.0.0.1")
        #expect(TrustedProxies.none.clientAddress(peer: "::ffff:192.0.2.1", forwardedFor: "203.0.113.9") == "192.0.2.1")
        #expect(TrustedProxies.hops(2).clientAddress(peer: "10.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9, 10.0.0.5") == "203.0.113.9")
        let list = try #require(TrustedProxies("10.0.0.0/8, ::1"))
        #expect(list.clientAddress(peer: "192.0.2.50", forwardedFor: "203.0.113.9") == "192.0.2.50", "the peer is no proxy")
        #expect(list.clientAddress(peer: "::1", forwardedFor: "203.0.113.9, 10.1.2.3") == "203.0.113.9")
        #expect(TrustedProxies("10.0.0.0/33") == nil && TrustedProxies("proxy.example") == nil && TrustedProxies("-1") == nil)

        let limiter = TokenBucketLimiter(requestsPerMinute: 60, burst: 5, maxClients: 1000)
        for i in 0..<5000 { _ = limiter.acquire("198.51.\(i / 256).\(i % 256)") }
        #expect(limiter.clientCount <= 1000)
    }

    /// Finding 7: `%00` cut the static file's name while the content type followed the fake
    /// extension; and no response said `nosniff`.
    @Test func staticFilesAreServedAtTheirOwnPathsOnlyAndNothingIsSniffed() async throws {
        try await TestServer().run { client in
            for path in ["/widget.js%00.html", "/widget.js%00", "/index.html%00.js", "/widget.js/", "/Public/widget.js", "/widget.js%2500.html"] {
                try await client.execute(uri: path, method: .get) { response throws in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(path)")
                }
            }
            for (path, status) in [
                ("/", HTTPResponse.Status.ok), ("/widget.js", .ok), ("/v1/search?q=\(encoded(answerableQuestion))", .ok), ("/health", .ok),
                ("/nope", .notFound), ("/v1/search", .badRequest), ("/v1/feedback", .methodNotAllowed),
            ] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == status, "\(path)")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                }
            }
            try await client.execute(uri: "/widget.js", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
            }
        }
    }

    /// Finding 9: a path holding `..` fell through to the file middleware, which answered 400.
    @Test(arguments: ["/v1/entries/0..0", "/v1/entries/a/../b", "/v1/entries/..", "/v1/entries/nope"])
    func anEntryThatDoesNotExistIs404(path: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: path, method: .get) { response throws in
                #expect(response.status == .notFound, "\(path)")
                #expect(try response.errorCode() == "entry_not_found", "\(path)")
            }
        }
    }

    /// Finding 11: HEAD on a GET route was 405, though CORS advertises HEAD.
    @Test func headIsAnsweredOnEveryGetRoute() async throws {
        try await TestServer().run { client in
            for path in [
                "/health", "/v1/categories", "/v1/search?q=\(encoded(answerableQuestion))", "/v1/entries/invoices/2", "/openapi.json", "/widget.js",
                "/",
            ] {
                let length = try await client.execute(uri: path, method: .get) { $0.headers[.contentLength] }
                try await client.execute(uri: path, method: .head) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.body.readableBytes == 0, "\(path)")
                    #expect(response.headers[.contentLength] == length, "\(path)")
                }
            }
            try await client.execute(uri: "/v1/feedback", method: .head) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/feedback", method: .delete) { response in
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/health", method: .delete) { response in
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    /// Finding 12: `X-Cache: hit` told anyone whether someone else had asked the same question.
    @Test func cacheHeadersAreSentOnlyWithDebugHeaders() async throws {
        let uri = "/v1/search?q=\(encoded(answerableQuestion))"
        let cacheHeader = HTTPField.Name("X-Cache")!
        try await TestServer().run { client in
            for _ in 0..<2 {
                try await client.execute(uri: uri, method: .get) { #expect($0.headers[cacheHeader] == nil) }
            }
        }
        try await TestServer { $0.debugHeaders = true }.run { client in
            try await client.execute(uri: uri, method: .get) { #expect($0.headers[cacheHeader] == "miss") }
            try await client.execute(uri: uri, method: .get) { #expect($0.headers[cacheHeader] == "hit") }
        }
    }

    /// Finding 13: where schemathesis looked, the OpenAPI document and the server disagreed.
    @Test func theOpenAPIDocumentAgreesWithTheServer() async throws {
        let data = try Data(contentsOf: ServerResources.openAPIURL)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let components = try #require(document["components"] as? [String: [String: [String: Any]]])
        let q = try #require(components["parameters"]?["q"]?["schema"] as? [String: Any])
        let pattern = try #require(q["pattern"] as? String)
        // The pattern (a search: one character that is not white space) agrees with the server's trimming.
        let regex = try Regex(pattern)
        for blank in ["\u{A0}", " \t\n", "\u{3000}\u{2028}", "\u{85}"] { #expect(blank.firstMatch(of: regex) == nil) }
        #expect("发票".firstMatch(of: regex) != nil && "\u{1C}".firstMatch(of: regex) != nil)
        #expect(q["maxLength"] as? Int == KnowledgeBase.maxQueryLength)
        let search = try #require(paths["/v1/search"]?["get"]?["parameters"] as? [[String: Any]])
        let offset = try #require(search.first { $0["name"] as? String == "offset" }?["schema"] as? [String: Any])
        #expect(offset["maximum"] as? Int == 10_000)
        for (_, item) in paths {
            for (_, operation) in item {
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["431"] != nil, "431 undocumented")
            }
        }
        let widgetTypes = Set(
            try #require((paths["/widget.js"]?["get"]?["responses"] as? [String: [String: Any]])?["200"]?["content"] as? [String: Any]).keys)
        let feedback = try #require(components["schemas"]?["FeedbackRequest"]?["properties"] as? [String: [String: Any]])
        #expect(feedback["entryId"]?["minLength"] as? Int == 1)

        try await TestServer().run { client in
            for uri in ["/v1/search?q=%C2%A0", "/v1/ask?q=%E3%80%80", "/v1/search?q=a&offset=10001", "/v1/errors/explain?text=%20"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .badRequest, "\(uri)") }
            }
            let fullLength = String(repeating: "发", count: 512)
            try await client.execute(uri: "/v1/search?q=\(encoded(fullLength))&offset=10000", method: .get) { #expect($0.status == .ok) }
            let json: HTTPFields = [.contentType: "application/json"]
            for body in [#"{"text":{}}"#, #"[1]"#, #"{"text":"  "}"#] {
                try await client.execute(uri: "/v1/errors/explain", method: .post, headers: json, body: ByteBuffer(string: body)) {
                    #expect($0.status == .badRequest, "\(body)")
                }
            }
            try await client.execute(uri: "/v1/errors/explain", method: .post, headers: json, body: ByteBuffer(string: #"{"code": 20015}"#)) {
                #expect($0.status == .ok, "a pasted JSON error body is the text")
            }
            try await client.execute(uri: "/widget.js", method: .get) { response in
                let type = response.headers[.contentType]?.split(separator: ";").first.map(String.init)
                #expect(type.map(widgetTypes.contains) == true, "\(type ?? "none") is not documented")
            }
        }
    }
}
