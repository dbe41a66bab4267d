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
        let buffer = try await request.body.collect(upTo: ServerOptions.maxBodySize)
        let body: FeedbackRequestBody
        do {
            body = try JSONDecoder().decode(FeedbackRequestBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest(
                .invalidBody, "expected a JSON object {\"query\": string, \"entryId\": string, \"helpful\": boolean}")
        }
        let query = body.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.utf8.count <= KnowledgeBase.maxQueryBytes, query.count <= KnowledgeBase.maxQueryLength else {
            throw APIError.badRequest(
                .queryTooLong, "query is longer than \(KnowledgeBase.maxQueryLength) characters or \(KnowledgeBase.maxQueryBytes) bytes")
        }
        guard try knowledgeBase.current.entry(id: body.entryId) != nil else {
            throw APIError.badRequest(.invalidBody, "entryId does not name an entry of this knowledge base")
        }
        let id = try await feedback.record(
            FeedbackStore.Feedback(query: query, entryID: body.entryId, helpful: body.helpful, createdAt: Date()))
        metrics.recordFeedback(helpful: body.helpful)
        return EditedResponse(status: .created, response: FeedbackResponseBody(id: id))
    }
}
