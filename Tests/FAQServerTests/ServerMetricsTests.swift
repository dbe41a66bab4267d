import Metrics
import MetricsTestKit
import Prometheus
import Testing

@testable import FAQServer

/// The server's own counters, read in isolation through an injected factory, and the names
/// Hummingbird's request metrics get in the Prometheus registry.
struct ServerMetricsTests {
    @Test func countersGoToTheInjectedFactory() throws {
        let recorded = TestMetrics()
        let metrics = ServerMetrics(registry: PrometheusCollectorRegistry(), factory: recorded)
        metrics.recordQuery(endpoint: "search", outcome: .answered)
        metrics.recordQuery(endpoint: "search", outcome: .answered)
        metrics.recordQuery(endpoint: "ask", outcome: .abstained)
        metrics.recordCache(hit: true)
        metrics.recordFeedback(helpful: false)
        metrics.recordReloadFailure()
        metrics.recordIndexEntries(42)

        #expect(try recorded.expectCounter("faq_queries_total", [("endpoint", "search"), ("outcome", "answered")]).totalValue == 2)
        #expect(try recorded.expectCounter("faq_queries_total", [("endpoint", "ask"), ("outcome", "abstained")]).totalValue == 1)
        #expect(try recorded.expectCounter("faq_queries_total", [("endpoint", "ask"), ("outcome", "answered")]).totalValue == 0)
        #expect(try recorded.expectCounter("faq_response_cache_total", [("result", "hit")]).totalValue == 1)
        #expect(try recorded.expectCounter("faq_response_cache_total", [("result", "miss")]).totalValue == 0)
        #expect(try recorded.expectCounter("faq_feedback_total", [("helpful", "false")]).totalValue == 1)
        #expect(try recorded.expectCounter("faq_index_reload_failures_total").totalValue == 1)
        #expect(try recorded.expectGauge("faq_index_entries").lastValue == 42)
        // Nothing went to the global metrics system or the registry.
        #expect(metrics.render().isEmpty)
    }

    @Test func twoServersCountApart() {
        let first = ServerMetrics()
        let second = ServerMetrics()
        first.recordRateLimited()
        #expect(first.render().contains("\nfaq_rate_limited_total 1\n"))
        #expect(second.render().contains("\nfaq_rate_limited_total 0\n"))
    }

    /// A metric as the middleware names it, and as `/metrics` shows it.
    struct Renaming: Sendable, CustomTestStringConvertible {
        var name: String
        var labels: [(String, String)]
        var expected: String
        var expectedLabels: [String]

        var testDescription: String { "\(name) → \(expected)" }

        static let all: [Renaming] = [
            Renaming(
                name: "hb.requests",
                labels: [("http.route", "/v1/search"), ("http.request.method", "GET"), ("http.response.status_code", "200")],
                expected: "faq_http_requests_total", expectedLabels: ["method=GET", "route=/v1/search", "status=200"]),
            Renaming(
                name: "hb.requests",
                labels: [("http.route", "Unknown"), ("http.request.method", "OPTIONS"), ("http.response.status_code", "204")],
                expected: "faq_http_requests_total", expectedLabels: ["method=OPTIONS", "route=preflight", "status=204"]),
            Renaming(
                name: "hb.requests",
                labels: [("http.route", "Unknown"), ("http.request.method", "PROPFIND"), ("http.response.status_code", "429")],
                expected: "faq_http_requests_total", expectedLabels: ["method=other", "route=unrouted", "status=429"]),
            Renaming(
                name: "http.server.request.duration",
                labels: [("http.route", "/v1/ask"), ("http.request.method", "GET"), ("http.response.status_code", "200")],
                expected: "faq_http_request_duration_seconds", expectedLabels: ["route=/v1/ask"]),
            Renaming(
                name: "http.server.active_requests", labels: [("http.request.method", "GET")],
                expected: "faq_http_active_requests", expectedLabels: ["method=GET"]),
            Renaming(
                name: "faq_queries_total", labels: [("endpoint", "ask"), ("outcome", "answered")],
                expected: "faq_queries_total", expectedLabels: ["endpoint=ask", "outcome=answered"]),
        ]
    }

    @Test(arguments: Renaming.all)
    func requestMetricsGetFAQKitNames(_ renaming: Renaming) {
        let (name, labels) = ServerMetrics.prometheusName(renaming.name, renaming.labels)
        #expect(name == renaming.expected)
        #expect(labels.map { "\($0)=\($1)" } == renaming.expectedLabels)
    }
}
