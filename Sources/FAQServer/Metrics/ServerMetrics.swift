import Foundation
import Metrics
import Prometheus

/// The server's own metrics (queries and abstentions, feedback, the response cache, rate limiting,
/// the index) and the Prometheus registry `/metrics` renders.
///
/// The counters are made by the factory given at init, never by the global `MetricsSystem`: a
/// test passes a `TestMetrics` or a registry of its own and reads only what its server counted.
/// Request counts and latency come from Hummingbird's `MetricsMiddleware`, which records through
/// the global `MetricsSystem`; only the executable bootstraps it (`faq serve`, with
/// ``prometheusFactory(registry:)`` over the same registry), so a library user's process is never
/// configured behind its back. Labels come from closed sets (route patterns, known methods,
/// status codes), so the number of series stays bounded whatever clients send.
public struct ServerMetrics: Sendable {
    /// How a query endpoint answered.
    public enum Outcome: String, Sendable, CaseIterable {
        case answered, abstained
    }

    /// What `/metrics` shows.
    public let registry: PrometheusCollectorRegistry
    /// Where this value's counters are made.
    public let factory: any MetricsFactory

    private let queries: [String: Metrics.Counter]
    private let feedback: [Bool: Metrics.Counter]
    private let feedbackWriteErrors: Metrics.Counter
    private let cacheHits: Metrics.Counter
    private let cacheMisses: Metrics.Counter
    private let rateLimited: Metrics.Counter
    private let reloadFailures: Metrics.Counter
    private let indexEntries: Metrics.Gauge

    /// Metrics kept in `registry` (a new one by default), with the names `/metrics` documents.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.init(registry: registry, factory: Self.prometheusFactory(registry: registry))
    }

    /// Metrics made by `factory`; `/metrics` renders `registry`, which shows them only when
    /// `factory` writes into it.
    public init(registry: PrometheusCollectorRegistry, factory: any MetricsFactory) {
        self.registry = registry
        self.factory = factory
        // Every series is made now, so a count still at zero shows as 0 rather than missing.
        var queries: [String: Metrics.Counter] = [:]
        for endpoint in ["ask", "search"] {
            for outcome in Outcome.allCases {
                queries[Self.queryKey(endpoint, outcome)] = Metrics.Counter(
                    label: "faq_queries_total", dimensions: [("endpoint", endpoint), ("outcome", outcome.rawValue)], factory: factory)
            }
        }
        self.queries = queries
        feedback = [
            true: Metrics.Counter(label: "faq_feedback_total", dimensions: [("helpful", "true")], factory: factory),
            false: Metrics.Counter(label: "faq_feedback_total", dimensions: [("helpful", "false")], factory: factory),
        ]
        feedbackWriteErrors = Metrics.Counter(label: "faq_feedback_write_errors_total", factory: factory)
        cacheHits = Metrics.Counter(label: "faq_response_cache_total", dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Metrics.Counter(label: "faq_response_cache_total", dimensions: [("result", "miss")], factory: factory)
        rateLimited = Metrics.Counter(label: "faq_rate_limited_total", factory: factory)
        reloadFailures = Metrics.Counter(label: "faq_index_reload_failures_total", factory: factory)
        indexEntries = Metrics.Gauge(label: "faq_index_entries", factory: factory)
        Metrics.Gauge(label: "faq_process_start_time_seconds", factory: factory).record(Date().timeIntervalSince1970)
    }

    private static func queryKey(_ endpoint: String, _ outcome: Outcome) -> String { "\(endpoint) \(outcome.rawValue)" }

    /// Records whether a search or ask was answered.
    func recordQuery(endpoint: String, outcome: Outcome) {
        queries[Self.queryKey(endpoint, outcome)]?.increment()
    }

    func recordFeedback(helpful: Bool) {
        feedback[helpful]?.increment()
    }

    /// Records whether a search or ask body came from the response cache.
    func recordCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    func recordRateLimited() {
        rateLimited.increment()
    }

    func recordFeedbackWriteError() {
        feedbackWriteErrors.increment()
    }

    /// Records an index reload that failed (the previous index kept serving).
    func recordReloadFailure() {
        reloadFailures.increment()
    }

    /// Records how many entries the serving index holds.
    func recordIndexEntries(_ count: Int) {
        indexEntries.record(count)
    }

    /// The Prometheus text exposition of ``registry`` (format 0.0.4).
    public func render() -> String {
        registry.emitToString()
    }
}

extension ServerMetrics {
    /// Upper bounds of the request latency histogram buckets.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
    ]

    /// Methods reported by name; anything else is `other`, so clients cannot mint label values.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// A Prometheus factory over `registry` that gives Hummingbird's request metrics the names
    /// `/metrics` has always used: `faq serve` bootstraps the global `MetricsSystem` with it.
    public static func prometheusFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        factory.nameAndLabelSanitizer = { name, labels in prometheusName(name, labels) }
        return factory
    }

    /// `MetricsMiddleware`'s metrics (OpenTelemetry names, `http.route`, `http.request.method`,
    /// `http.response.status_code`) under FAQKit's names and labels; other metrics unchanged.
    static func prometheusName(_ name: String, _ labels: [(String, String)]) -> (String, [(String, String)]) {
        let values = Dictionary(labels, uniquingKeysWith: { first, _ in first })
        let method = values["http.request.method"].map { knownMethods.contains($0) ? $0 : "other" } ?? "other"
        // The router stores the matched pattern (`/v1/entries/**`), "NotFound" or "FileMiddleware";
        // nothing when a middleware answered first (a CORS preflight, 429, 413): "Unknown".
        let route: String
        switch values["http.route"] {
        case "Unknown"?: route = method == "OPTIONS" ? "preflight" : "unrouted"
        case let matched?: route = matched
        case nil: route = "unrouted"
        }
        switch name {
        case "hb.requests":
            return ("faq_http_requests_total", [("method", method), ("route", route), ("status", values["http.response.status_code"] ?? "")])
        case "http.server.request.duration":
            return ("faq_http_request_duration_seconds", [("route", route)])
        case "hb.request.errors":
            return ("faq_http_request_errors_total", [("method", method), ("route", route), ("status", values["error.type"] ?? "")])
        case "http.server.active_requests":
            return ("faq_http_active_requests", [("method", method)])
        default:
            return (name, labels)
        }
    }
}
