import Foundation
import Synchronization

/// Request and query counters, exposed in the Prometheus text format at `/metrics`.
///
/// Hand-rolled on purpose: a handful of counters and one histogram do not justify a metrics
/// backend dependency. Labels come from a closed set (route patterns, not raw paths; known
/// methods; status codes), so the number of series stays bounded whatever clients send.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds.
    static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    struct Histogram {
        var buckets: [UInt64] = Array(repeating: 0, count: ServerMetrics.latencyBuckets.count)
        var count: UInt64 = 0
        var sum: Double = 0

        mutating func observe(_ seconds: Double) {
            count += 1
            sum += seconds
            if let index = ServerMetrics.latencyBuckets.firstIndex(where: { seconds <= $0 }) { buckets[index] += 1 }
        }
    }

    /// How a query endpoint answered.
    public enum Outcome: String, Sendable {
        case answered, abstained
    }

    struct State {
        var requests: [RequestKey: UInt64] = [:]
        var latency: [String: Histogram] = [:]
        var queries: [String: UInt64] = [:]
        var feedback: [Bool: UInt64] = [:]
        var rateLimited: UInt64 = 0
        var feedbackWriteErrors: UInt64 = 0
        var cacheHits: UInt64 = 0
        var cacheMisses: UInt64 = 0
    }

    private let state = Mutex(State())
    private let started = Date()

    public init() {}

    /// Records one finished request.
    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            state.latency[route, default: Histogram()].observe(seconds)
        }
    }

    /// Records whether a search or ask was answered.
    func recordQuery(endpoint: String, outcome: Outcome) {
        state.withLock { $0.queries["\(endpoint)\u{0}\(outcome.rawValue)", default: 0] += 1 }
    }

    func recordFeedback(helpful: Bool) {
        state.withLock { $0.feedback[helpful, default: 0] += 1 }
    }

    /// Records whether a search or ask body came from the response cache.
    func recordCache(hit: Bool) {
        state.withLock { state in
            if hit { state.cacheHits += 1 } else { state.cacheMisses += 1 }
        }
    }

    func recordRateLimited() {
        state.withLock { $0.rateLimited += 1 }
    }

    func recordFeedbackWriteError() {
        state.withLock { $0.feedbackWriteErrors += 1 }
    }

    /// The Prometheus text exposition (format 0.0.4).
    /// - Parameters:
    ///   - indexEntries: entries in the open index.
    ///   - reloadFailures: index reloads that failed (see ``KnowledgeBaseProvider/ReloadStatus``).
    public func render(indexEntries: Int, reloadFailures: Int = 0) -> String {
        let state = state.withLock { $0 }
        var out = ""
        out += "# HELP faq_http_requests_total HTTP requests by method, route pattern and status.\n"
        out += "# TYPE faq_http_requests_total counter\n"
        let requests = state.requests.sorted {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }
        for (key, value) in requests {
            out +=
                "faq_http_requests_total{method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(value)\n"
        }

        out += "# HELP faq_http_request_duration_seconds Time to produce a response, by route pattern.\n"
        out += "# TYPE faq_http_request_duration_seconds histogram\n"
        for (route, histogram) in state.latency.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            var cumulative: UInt64 = 0
            for (bound, count) in zip(Self.latencyBuckets, histogram.buckets) {
                cumulative += count
                out += "faq_http_request_duration_seconds_bucket{\(label),le=\"\(Self.format(bound))\"} \(cumulative)\n"
            }
            out += "faq_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            out += "faq_http_request_duration_seconds_sum{\(label)} \(Self.format(histogram.sum))\n"
            out += "faq_http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }

        out += "# HELP faq_queries_total Queries to /v1/search and /v1/ask, answered or abstained.\n"
        out += "# TYPE faq_queries_total counter\n"
        for endpoint in ["ask", "search"] {
            for outcome in [Outcome.answered, .abstained] {
                let value = state.queries["\(endpoint)\u{0}\(outcome.rawValue)"] ?? 0
                out += "faq_queries_total{endpoint=\"\(endpoint)\",outcome=\"\(outcome.rawValue)\"} \(value)\n"
            }
        }

        out += "# HELP faq_feedback_total Feedback received, by verdict.\n"
        out += "# TYPE faq_feedback_total counter\n"
        out += "faq_feedback_total{helpful=\"true\"} \(state.feedback[true] ?? 0)\n"
        out += "faq_feedback_total{helpful=\"false\"} \(state.feedback[false] ?? 0)\n"

        out += "# HELP faq_feedback_write_errors_total Abstained queries that could not be recorded.\n"
        out += "# TYPE faq_feedback_write_errors_total counter\n"
        out += "faq_feedback_write_errors_total \(state.feedbackWriteErrors)\n"

        out += "# HELP faq_response_cache_total Search and ask bodies served from the response cache or computed.\n"
        out += "# TYPE faq_response_cache_total counter\n"
        out += "faq_response_cache_total{result=\"hit\"} \(state.cacheHits)\n"
        out += "faq_response_cache_total{result=\"miss\"} \(state.cacheMisses)\n"

        out += "# HELP faq_rate_limited_total Requests refused with 429.\n"
        out += "# TYPE faq_rate_limited_total counter\n"
        out += "faq_rate_limited_total \(state.rateLimited)\n"

        out += "# HELP faq_index_entries FAQ entries in the open index.\n"
        out += "# TYPE faq_index_entries gauge\n"
        out += "faq_index_entries \(indexEntries)\n"

        out += "# HELP faq_index_reload_failures_total Index reloads that failed; the previous index kept serving.\n"
        out += "# TYPE faq_index_reload_failures_total counter\n"
        out += "faq_index_reload_failures_total \(reloadFailures)\n"

        out += "# HELP faq_process_start_time_seconds Start time of the server since the Unix epoch.\n"
        out += "# TYPE faq_process_start_time_seconds gauge\n"
        out += "faq_process_start_time_seconds \(Self.format(started.timeIntervalSince1970))\n"
        return out
    }

    /// Label values escape backslash, double quote and newline.
    static func escape(_ value: String) -> String {
        var out = ""
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
