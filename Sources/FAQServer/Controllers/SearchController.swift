import FAQKit
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `GET /v1/search` and `GET /v1/ask`. Abstentions are recorded in the feedback database for
/// `faq report`, and counted in the metrics.
struct SearchController {
    let knowledgeBase: KnowledgeBaseProvider
    let feedback: FeedbackStore
    let metrics: ServerMetrics
    /// Encoded bodies of recent requests; see ``ResponseCache``.
    let cache: ResponseCache
    /// Say whether a response came from the cache (`X-Cache`); see ``ServerOptions/debugHeaders``.
    var debugHeaders = false

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("search", use: search)
            .get("ask", use: ask)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await respond(to: request, endpoint: "search", context: context) { knowledgeBase, parameters in
            let start = ContinuousClock.now
            let response = try knowledgeBase.search(
                parameters.query, limit: parameters.limit, offset: parameters.offset, category: parameters.category)
            let body = SearchResponseBody(
                query: HTMLText.escape(response.query),
                answered: response.answered,
                hits: response.hits.map {
                    HitRecord(
                        $0, categoryName: knowledgeBase.categoryName(for: $0.entry.category), pre: parameters.highlightPreTag,
                        post: parameters.highlightPostTag, escapingHTML: true)
                },
                estimatedTotalHits: response.estimatedTotalHits,
                processingTimeMs: Self.milliseconds(since: start),
                fallback: response.fallback)
            // Paging through an unanswered query is one abstention, recorded on its first page.
            return ResponseCache.Entry(
                body: try Self.encode(body), answered: response.answered, query: response.query,
                topEntryID: response.hits.first?.entry.id, category: parameters.category,
                recordsAbstention: !response.answered && parameters.offset == 0 && parameters.analytics)
        }
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await respond(to: request, endpoint: "ask", context: context) { knowledgeBase, parameters in
            let start = ContinuousClock.now
            let answer = try knowledgeBase.ask(parameters.query)
            var record = AnswerRecord(
                answer, categoryName: knowledgeBase.categoryName(for:), pre: parameters.highlightPreTag, post: parameters.highlightPostTag,
                escapingHTML: true)
            record.query = HTMLText.escape(answer.query)
            if parameters.explain {
                record.explanation = ExplanationRecord(answer, calibration: knowledgeBase.info.calibration).mappingText(HTMLText.escape)
            }
            let body = AskResponseBody(record: record, processingTimeMs: Self.milliseconds(since: start))
            return ResponseCache.Entry(
                body: try Self.encode(body), answered: answer.hit != nil, query: answer.query,
                topEntryID: answer.candidates.first?.entry.id, category: nil, recordsAbstention: answer.hit == nil && parameters.analytics)
        }
    }

    /// Serves a search or ask: from the cache when the same request (the raw query string, so a
    /// hit needs no parsing) was answered by the current index, else by `compute` on the
    /// validated parameters. Either way the query is counted and an abstention recorded.
    private func respond(
        to request: Request, endpoint: String, context: AppRequestContext,
        compute: @escaping @Sendable (KnowledgeBase, SearchParameters) throws -> ResponseCache.Entry
    ) async throws -> Response {
        let (knowledgeBase, generation) = knowledgeBase.snapshot
        let key = endpoint + "?" + (request.uri.query ?? "")
        let cached = cache.entry(for: key, generation: generation)
        let entry: ResponseCache.Entry
        if let cached {
            entry = cached
        } else {
            let parameters = try SearchParameters(request)
            entry = try await knowledgeBase.reading { try compute($0, parameters) }
        }
        metrics.recordQuery(endpoint: endpoint, outcome: entry.answered ? .answered : .abstained)
        if entry.recordsAbstention {
            await recordAbstention(entry.query, endpoint: endpoint, category: entry.category, topEntryID: entry.topEntryID, context: context)
        }
        return respond(with: entry, cached: cached != nil, key: key, generation: generation)
    }

    /// The JSON response for a body, cached when it was just computed. With debug headers on,
    /// `X-Cache` says which.
    private func respond(with entry: ResponseCache.Entry, cached hit: Bool, key: String, generation: Int) -> Response {
        if !hit { cache.store(entry, for: key, generation: generation) }
        if cache.isEnabled { metrics.recordCache(hit: hit) }
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if debugHeaders { headers[.init("X-Cache")!] = hit ? "hit" : "miss" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: entry.body))
    }

    /// Encodes a body the way every other route's is (`JSONEncoder.api`).
    static func encode(_ body: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONEncoder.api.encode(body))
    }

    /// Stores an unanswered query. A failure here must not fail the search: it is logged and
    /// counted instead.
    private func recordAbstention(
        _ query: String, endpoint: String, category: String?, topEntryID: String?, context: AppRequestContext
    ) async {
        do {
            try await feedback.record(
                FeedbackStore.Abstention(
                    query: query, endpoint: endpoint, category: category, topEntryID: topEntryID, createdAt: Date()))
        } catch {
            metrics.recordFeedbackWriteError()
            context.logger.warning("could not record an abstained query", metadata: ["error": "\(error)"])
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
