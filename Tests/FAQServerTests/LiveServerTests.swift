import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The one test over a real socket: the server binds a loopback port and a client talks HTTP/1.1 to it.
struct LiveServerTests {
    @Test func searchAndFeedbackOverLoopbackHTTP() async throws {
        let server = try TestServer {
            $0.rateLimitPerMinute = 600
            $0.rateLimitBurst = 10
        }
        try await server.run(.live) { client in
            #expect(client.port != nil)
            let id = try await client.execute(
                uri: "/v1/search?q=\(encoded(answerableQuestion))&limit=3", method: .get, headers: [.origin: "https://shop.example.com"]
            ) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                let json = try response.json()
                #expect(json["answered"] as? Bool == true)
                return try #require((json["hits"] as? [[String: Any]])?.first?["id"] as? String)
            }
            let body = try ByteBuffer(json: ["query": answerableQuestion, "entryId": id, "helpful": true])
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: body) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/v1/entries/\(id)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/widget.js", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/nope", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorCode() == "not_found")
            }
        }
        #expect(try FeedbackStore(url: server.feedbackURL).allFeedback().count == 1)
    }
}
