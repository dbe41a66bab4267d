import FAQKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FAQServer

/// Health, metrics, the OpenAPI document and the widget files.
struct OperationsTests {
    @Test func healthIsAvailable() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/health", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json() as NSDictionary == ["status": "available"] as NSDictionary)
            }
        }
    }

    @Test func metricsCountRequestsLatencyAndOutcomes() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded(answerableQuestion))", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/search?q=\(encoded(unanswerableQuestion))", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/ask?q=\(encoded(unanswerableQuestion))", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/search", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/v1/entries/invoices/2", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/nope", method: .get) { #expect($0.status == .notFound) }
            // Routed as a GET; its body is dropped, and the request still ends.
            try await client.execute(uri: "/health", method: .head) { #expect($0.status == .ok && $0.body.readableBytes == 0) }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = response.text
                for line in [
                    #"faq_http_requests_total{method="GET",route="/v1/search",status="200"} 2"#,
                    #"faq_http_requests_total{method="GET",route="/v1/search",status="400"} 1"#,
                    #"faq_http_requests_total{method="GET",route="/v1/ask",status="200"} 1"#,
                    #"faq_http_requests_total{method="GET",route="/v1/entries/**",status="200"} 1"#,
                    #"faq_http_requests_total{method="GET",route="NotFound",status="404"} 1"#,
                    #"faq_http_requests_total{method="GET",route="/health",status="200"} 1"#,
                    // Only the scrape itself is in flight.
                    #"faq_http_active_requests{method="GET"} 1.0"#,
                    #"faq_http_request_duration_seconds_bucket{route="/v1/search",le="+Inf"} 3"#,
                    #"faq_http_request_duration_seconds_count{route="/v1/search"} 3"#,
                    #"faq_queries_total{endpoint="search",outcome="answered"} 1"#,
                    #"faq_queries_total{endpoint="search",outcome="abstained"} 1"#,
                    #"faq_queries_total{endpoint="ask",outcome="abstained"} 1"#,
                    #"faq_queries_total{endpoint="ask",outcome="answered"} 0"#,
                    "# TYPE faq_http_request_duration_seconds histogram",
                    "faq_index_entries \(Double(Shared.knowledgeBase.info.entryCount))",
                ] {
                    #expect(text.contains(line + "\n"), "missing: \(line)")
                }
                // Every sample line is `name{labels} value` or `name value`.
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(line.split(separator: " ").count == 2, "bad sample: \(line)")
                    #expect(Double(line.split(separator: " ").last ?? "") != nil, "bad value: \(line)")
                }
            }
        }
    }

    @Test func widgetAndDemoPageAreServed() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/widget.js", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.contains("javascript") == true)
                #expect(response.text.contains("FAQKit help widget"))
                #expect(response.headers[.eTag] != nil)
            }
            try await client.execute(uri: "/", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("widget.js"))
            }
        }
    }

    @Test func openAPIDocumentIsServed() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try response.json()
                #expect(json["openapi"] as? String == "3.1.0")
                // The served document lists the index's own categories as the filter's values.
                let search = ((json["paths"] as? [String: Any])?["/v1/search"] as? [String: Any])?["get"] as? [String: Any]
                let category = (search?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "category" }
                let values = (category?["schema"] as? [String: Any])?["enum"] as? [String]
                #expect(values == [""] + (try Shared.knowledgeBase.categories().map(\.category.slug)))
                #expect(values?.contains("invoices") == true)
            }
        }
    }

    /// Every route the router serves is in openapi.json with its method, and everything
    /// openapi.json describes is served: the document cannot drift from the code.
    @Test func openAPIDocumentsEveryRouteAndNothingElse() throws {
        let router = buildRouter(
            knowledgeBases: KnowledgeBaseProvider(Shared.knowledgeBase),
            feedback: try FeedbackStore(url: try makeTemporaryDirectory().appendingPathComponent("f.sqlite")),
            logger: quietLogger)
        // Router patterns in OpenAPI spelling: `:name` → `{name}`, the entry id wildcard → `{id}`.
        func openAPIPath(_ pattern: String) -> String {
            pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                if segment == "**" { return "{id}" }
                if segment.hasPrefix(":") { return "{\(segment.dropFirst())}" }
                return String(segment)
            }.joined(separator: "/")
        }
        var served = Set(router.routes.map { "\($0.method.rawValue.uppercased()) \(openAPIPath($0.path.description))" })
        for path in staticPaths { served.insert("GET \(path)") }

        let data = try Data(contentsOf: ServerResources.openAPIURL)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        let documented = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })

        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")

        // Every $ref resolves.
        let text = String(decoding: data, as: UTF8.self)
        let components = try #require(document["components"] as? [String: [String: Any]])
        for match in text.matches(of: /"\$ref": "#\/components\/(\w+)\/(\w+)"/) {
            #expect(components[String(match.1)]?[String(match.2)] != nil, "dangling $ref \(match.0)")
        }
        // Every error code the server can send is listed.
        let schemas = try #require(components["schemas"])
        let errorSchema = try #require(schemas["Error"] as? [String: Any])
        let codes =
            ((((errorSchema["properties"] as? [String: Any])?["error"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any])?[
                "enum"] as? [String]
        let known: [APIError.Code] = [
            .missingQuery, .emptyQuery, .queryTooLong, .invalidLimit, .invalidOffset, .invalidParameter, .missingText, .invalidBody,
            .notFound, .entryNotFound, .methodNotAllowed, .payloadTooLarge, .rateLimited, .internalError, .forbiddenOrigin,
            .unsupportedMediaType, .headersTooLarge, .malformedRequest,
        ]
        #expect(Set(codes ?? []) == Set(known.map(\.rawValue)))
    }
}
