import FAQKit
import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/feedback {"query", "entryId", "helpful"}`: one vote, stored in the feedback
/// database and acknowledged with 201 only once committed.
struct FeedbackController {
    let knowledgeBase: KnowledgeBaseProvider
    let feedback: FeedbackStore
    let metrics: ServerMetrics

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("feedback", use: create)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<FeedbackResponseBody> {
        // A browser sends a cross-site form or text/plain POST without asking first (no CORS
        // preflight); application/json always needs one.
        guard request.headers[.contentType].map(Self.isJSON) == true else { throw APIError.unsupportedMediaType }
        let buffer = try await request.body.collect(upTo: ServerOptions.maxBodySize)
        let body: FeedbackRequestBody
        do {
            body = try JSONDecoder().decode(FeedbackRequestBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest(
                .invalidBody, "expected a JSON object {\"query\": string, \"entryId\": string, \"helpful\": boolean}")
        }
        // Trimmed as a search trims it, so a vote is recorded under the query that was searched.
        let query = QueryLimits.trimmed(body.query)
        // Code points of the value as sent, as the OpenAPI document's `maxLength` counts them.
        guard QueryLimits.fitsAsSent(body.query), query.utf8.count <= QueryLimits.maxBytes else {
            throw APIError.badRequest(
                .queryTooLong, "query is longer than \(QueryLimits.maxLength) characters or \(QueryLimits.maxBytes) bytes")
        }
        guard !body.entryId.isEmpty else { throw APIError.badRequest(.invalidBody, "entryId is empty") }
        let entryID = body.entryId
        guard try await knowledgeBase.current.reading({ try $0.entry(id: entryID) }) != nil else {
            throw APIError(.notFound, code: .entryNotFound, message: "entryId does not name an entry of this knowledge base")
        }
        let id = try await feedback.record(
            FeedbackStore.Feedback(query: query, entryID: body.entryId, helpful: body.helpful, createdAt: Date()))
        metrics.recordFeedback(helpful: body.helpful)
        return EditedResponse(status: .created, response: FeedbackResponseBody(id: id))
    }

    /// `application/json`, with or without parameters (`; charset=utf-8`), in any case.
    static func isJSON(_ contentType: String) -> Bool {
        contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }
}
