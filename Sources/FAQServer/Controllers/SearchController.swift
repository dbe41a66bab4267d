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

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("search", use: search)
            .get("ask", use: ask)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> SearchResponseBody {
        let parameters = try SearchParameters(request)
        let start = ContinuousClock.now
        let response = try knowledgeBase.current.search(
            parameters.query, limit: parameters.limit, offset: parameters.offset, category: parameters.category)
        let elapsed = Self.milliseconds(since: start)
        metrics.recordQuery(endpoint: "search", outcome: response.answered ? .answered : .abstained)
        // Paging through an unanswered query is one abstention, recorded on its first page.
        if !response.answered, parameters.offset == 0 {
            await recordAbstention(
                response.query, endpoint: "search", category: parameters.category,
                topEntryID: response.hits.first?.entry.id, context: context)
        }
        return SearchResponseBody(
            query: HTMLText.escape(response.query),
            answered: response.answered,
            hits: response.hits.map {
                HitRecord($0, pre: parameters.highlightPreTag, post: parameters.highlightPostTag, escapingHTML: true)
            },
            estimatedTotalHits: response.estimatedTotalHits,
            processingTimeMs: elapsed,
            fallback: response.fallback)
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> AskResponseBody {
        let parameters = try SearchParameters(request)
        let start = ContinuousClock.now
        let answer = try knowledgeBase.current.ask(parameters.query)
        let elapsed = Self.milliseconds(since: start)
        metrics.recordQuery(endpoint: "ask", outcome: answer.hit == nil ? .abstained : .answered)
        if answer.hit == nil {
            await recordAbstention(
                answer.query, endpoint: "ask", category: nil, topEntryID: answer.candidates.first?.entry.id,
                context: context)
        }
        return AskResponseBody(
            query: HTMLText.escape(answer.query),
            answered: answer.hit != nil,
            answer: answer.hit.map {
                HitRecord($0, pre: parameters.highlightPreTag, post: parameters.highlightPostTag, escapingHTML: true)
            },
            related: answer.related.map(EntrySummary.init),
            processingTimeMs: elapsed,
            fallback: answer.fallback)
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
