import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

struct ErrorsTests {
    static let rateLimited = "Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: TPM limit reached.', 'data': None}"

    /// The documented keys are always there, null when not read.
    func expectDiagnosisShape(_ json: [String: Any]) {
        for key in ["status", "code", "message", "limit", "diagnosis", "nextStep", "entries"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        #expect((json["diagnosis"] as? String)?.isEmpty == false)
        #expect((json["nextStep"] as? String)?.isEmpty == false)
    }

    @Test func explainsAPastedErrorFromTheQueryString() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/errors/explain?text=\(encoded(Self.rateLimited))", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                expectDiagnosisShape(json)
                #expect(json["status"] as? Int == 429)
                #expect(json["limit"] as? String == "TPM")
                let entries = try #require(json["entries"] as? [[String: Any]])
                #expect(!entries.isEmpty)
                #expect(entries.allSatisfy { $0["id"] is String && $0["url"] is String })
                #expect(entries.allSatisfy { !(($0["answer"] as? String) ?? "<").contains("<") })
            }
        }
    }

    @Test func explainsAPastedBody() async throws {
        try await TestServer().run { client in
            // Plain text.
            try await client.execute(
                uri: "/v1/errors/explain", method: .post, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ByteBuffer(string: Self.rateLimited)
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json()["status"] as? Int == 429)
            }
            // Wrapped in {"text": ...}.
            try await client.execute(
                uri: "/v1/errors/explain", method: .post, headers: [.contentType: "application/json"],
                body: try ByteBuffer(json: ["text": "Error: 403 Forbidden"])
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json()["status"] as? Int == 403)
            }
            // A pasted JSON error body is the text itself.
            try await client.execute(
                uri: "/v1/errors/explain", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"code":30001,"message":"Sorry, your account balance is insufficient","data":null}"#)
            ) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                expectDiagnosisShape(json)
                #expect(json["code"] as? Int == 30001)
            }
        }
    }

    @Test func textWithoutAnErrorIsStillAnswered() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/errors/explain?text=hello+world", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                expectDiagnosisShape(json)
                #expect(json["status"] is NSNull)
                #expect(json["code"] is NSNull)
            }
        }
    }

    @Test(arguments: [
        ("/v1/errors/explain", HTTPRequest.Method.get, ""),
        ("/v1/errors/explain?text=", .get, ""),
        ("/v1/errors/explain?text=%20%0A", .get, ""),
        ("/v1/errors/explain", .post, ""),
        ("/v1/errors/explain", .post, "  \n "),
    ])
    func missingTextIs400(uri: String, method: HTTPRequest.Method, body: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: method, body: method == .post ? ByteBuffer(string: body) : nil) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorCode() == "missing_text")
            }
        }
    }

    @Test func bodyOver64KiBIs413() async throws {
        try await TestServer().run { client in
            let body = ByteBuffer(string: String(repeating: "x", count: ServerOptions.maxBodySize + 1))
            try await client.execute(uri: "/v1/errors/explain", method: .post, body: body) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try response.errorCode() == "payload_too_large")
            }
        }
    }
}
