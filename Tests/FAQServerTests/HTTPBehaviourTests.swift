import FAQKit
import FAQServer
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Errors, limits and CORS: the behaviour every endpoint shares.
struct HTTPBehaviourTests {
    @Test(arguments: ["/nope", "/v1", "/v1/nope", "/v2/search?q=a", "/v1/entries"])
    func unknownRouteIs404(uri: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(try response.errorCode() == "not_found")
            }
        }
    }

    @Test(arguments: [
        ("/v1/search?q=a", HTTPRequest.Method.post, "GET, HEAD"),
        ("/v1/ask?q=a", .delete, "GET, HEAD"),
        ("/v1/feedback", .get, "POST"),
        ("/v1/entries/invoices/2", .put, "GET, HEAD"),
        ("/health", .post, "GET, HEAD"),
        ("/widget.js", .post, "GET, HEAD"),
    ])
    func wrongMethodIs405(uri: String, method: HTTPRequest.Method, allow: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: method, body: ByteBuffer(string: "{}")) { response throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == allow)
                #expect(try response.errorCode() == "method_not_allowed")
            }
        }
    }

    @Test func bodyOver64KiBIs413() async throws {
        let server = try TestServer()
        try await server.run { client in
            let padding = String(repeating: "a", count: ServerOptions.maxBodySize)
            let body = try ByteBuffer(json: ["query": padding, "entryId": "invoices/2", "helpful": true])
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: body) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try response.errorCode() == "payload_too_large")
            }
            // Exactly at the limit is read (and then refused for what it says, not its size).
            let atLimit = ByteBuffer(string: String(repeating: " ", count: ServerOptions.maxBodySize))
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: atLimit) {
                response throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        let server = try TestServer {
            // One token a minute: the bucket cannot refill between requests even on a slow machine.
            $0.rateLimitPerMinute = 1
            $0.rateLimitBurst = 2
        }
        try await server.run { client in
            let window = RefillWindow()
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/categories", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/search?q=a", method: .get) { response throws in
                guard window.isOpen else { return }
                #expect(response.status == .tooManyRequests)
                #expect(try response.errorCode() == "rate_limited")
                let retryAfter = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...60).contains(retryAfter))
            }
            // Operations endpoints are not limited.
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                if window.isOpen { #expect(response.text.contains("faq_rate_limited_total 1")) }
            }
        }
    }

    @Test func rateLimitIsPerClientBehindATrustedProxy() async throws {
        let server = try TestServer {
            $0.rateLimitPerMinute = 1
            $0.rateLimitBurst = 1
            $0.trustedProxies = .hops(1)
        }
        try await server.run { client in
            let alice: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "203.0.113.1, 10.0.0.1"]
            let bob: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "203.0.113.2"]
            let window = RefillWindow()
            try await client.execute(uri: "/v1/categories", method: .get, headers: alice) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/categories", method: .get, headers: alice) {
                #expect($0.status == .tooManyRequests || !window.isOpen)
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: bob) { #expect($0.status == .ok) }
        }
    }

    @Test func corsPreflightIsAnsweredForAnyOriginByDefault() async throws {
        try await TestServer().run { client in
            let headers: HTTPFields = [
                .origin: "https://shop.example.com", .accessControlRequestMethod: "POST",
                .accessControlRequestHeaders: "content-type",
            ]
            try await client.execute(uri: "/v1/feedback", method: .options, headers: headers) { response throws in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlMaxAge] == "600")
                #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
                #expect(response.headers[.accessControlAllowHeaders]?.lowercased().contains("content-type") == true)
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: [.origin: "https://shop.example.com"]) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            // Error responses carry CORS headers too, so a widget can read them.
            try await client.execute(uri: "/v1/search", method: .get, headers: [.origin: "https://shop.example.com"]) { response throws in
                #expect(response.status == .badRequest)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
        }
    }

    @Test func corsAllowlistGrantsOnlyListedOrigins() async throws {
        let server = try TestServer { $0.allowedOrigins = ["https://help.example.com"] }
        try await server.run { client in
            let preflight: HTTPFields = [.origin: "https://help.example.com", .accessControlRequestMethod: "GET"]
            try await client.execute(uri: "/v1/search", method: .options, headers: preflight) { response throws in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://help.example.com")
                #expect(response.headers[.accessControlMaxAge] == "600")
                #expect(response.headers[values: .vary].contains("Origin"))
            }
            let evil: HTTPFields = [.origin: "https://evil.example.net", .accessControlRequestMethod: "GET"]
            try await client.execute(uri: "/v1/search", method: .options, headers: evil) { response throws in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(response.status != .noContent)
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: [.origin: "https://evil.example.net"]) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(response.headers[values: .vary].contains("Origin"))
            }
            try await client.execute(uri: "/v1/categories", method: .get, headers: [.origin: "https://help.example.com"]) { response throws in
                #expect(response.headers[.accessControlAllowOrigin] == "https://help.example.com")
            }
        }
    }

    /// A failure inside the server is a bare 500: no SQL, paths or Swift types in the body.
    @Test func internalErrorsDoNotLeakDetails() async throws {
        let server = try TestServer()
        try await server.run { client in
            // Break the feedback database behind the server's back.
            let saboteur = try DatabaseQueue(path: server.feedbackURL.path)
            try await saboteur.write { db in try db.execute(sql: "DROP TABLE feedback") }
            let body = try ByteBuffer(json: ["query": "发票", "entryId": "invoices/2", "helpful": true])
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: body) { response throws in
                #expect(response.status == .internalServerError)
                #expect(try response.errorCode() == "internal_error")
                let text = response.text.lowercased()
                for leak in ["sqlite", "feedback.sqlite", "no such table", "grdb", "error:", "/tmp"] {
                    #expect(!text.contains(leak), "500 body mentions \(leak)")
                }
            }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.text.contains(#"faq_http_requests_total{method="POST",route="/v1/feedback",status="500"} 1"#))
            }
        }
    }
}
