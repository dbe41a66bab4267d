import FAQKit
import Foundation
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

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("search", use: search)
            .get("ask", use: ask)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try SearchParameters(request)
        let (knowledgeBase, generation) = knowledgeBase.snapshot
        let key = parameters.cacheKey(endpoint: "search")
        let cached = cache.entry(for: key, generation: generation)
        let entry: ResponseCache.Entry
        if let cached {
            entry = cached
        } else {
            let start = ContinuousClock.now
            let response = try knowledgeBase.search(
                parameters.query, limit: parameters.limit, offset: parameters.offset, category: parameters.category)
            let body = SearchResponseBody(
                query: HTMLText.escape(response.query),
                answered: response.answered,
                hits: response.hits.map {
                    HitRecord($0, pre: parameters.highlightPreTag, post: parameters.highlightPostTag, escapingHTML: true)
                },
                estimatedTotalHits: response.estimatedTotalHits,
                processingTimeMs: Self.milliseconds(since: start),
                fallback: response.fallback)
            entry = ResponseCache.Entry(
                body: try Self.encode(body), answered: response.answered, query: response.query,
                topEntryID: response.hits.first?.entry.id)
        }
        metrics.recordQuery(endpoint: "search", outcome: entry.answered ? .answered : .abstained)
        // Paging through an unanswered query is one abstention, recorded on its first page.
        if !entry.answered, parameters.offset == 0 {
            await recordAbstention(
                entry.query, endpoint: "search", category: parameters.category, topEntryID: entry.topEntryID, context: context)
        }
        return respond(with: entry, cached: cached != nil, key: key, generation: generation)
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try SearchParameters(request)
        let (knowledgeBase, generation) = knowledgeBase.snapshot
        let key = parameters.cacheKey(endpoint: "ask")
        let cached = cache.entry(for: key, generation: generation)
        let entry: ResponseCache.Entry
        if let cached {
            entry = cached
        } else {
            let start = ContinuousClock.now
            let answer = try knowledgeBase.ask(parameters.query)
            let body = AskResponseBody(
                query: HTMLText.escape(answer.query),
                answered: answer.hit != nil,
                answer: answer.hit.map {
                    HitRecord($0, pre: parameters.highlightPreTag, post: parameters.highlightPostTag, escapingHTML: true)
                },
                related: answer.related.map(EntrySummary.init),
                processingTimeMs: Self.milliseconds(since: start),
                fallback: answer.fallback)
            entry = ResponseCache.Entry(
                body: try Self.encode(body), answered: answer.hit != nil, query: answer.query,
                topEntryID: answer.candidates.first?.entry.id)
        }
        metrics.recordQuery(endpoint: "ask", outcome: entry.answered ? .answered : .abstained)
        if !entry.answered {
            await recordAbstention(entry.query, endpoint: "ask", category: nil, topEntryID: entry.topEntryID, context: context)
        }
        return respond(with: entry, cached: cached != nil, key: key, generation: generation)
    }

    /// The JSON response for a body, cached when it was just computed. `X-Cache` says which.
    private func respond(with entry: ResponseCache.Entry, cached hit: Bool, key: String, generation: Int) -> Response {
        if !hit { cache.store(entry, for: key, generation: generation) }
        if cache.isEnabled { metrics.recordCache(hit: hit) }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .init("X-Cache")!: hit ? "hit" : "miss"],
            body: ResponseBody(byteBuffer: entry.body))
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
