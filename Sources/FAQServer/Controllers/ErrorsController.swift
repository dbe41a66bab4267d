import FAQKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /v1/errors/explain?text=` and `POST /v1/errors/explain`: the error mapper's diagnosis of
/// a pasted API failure (a status line, curl output, an SDK exception, a JSON error body).
struct ErrorsController {
    let knowledgeBase: KnowledgeBaseProvider

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("errors/explain", use: explainQuery)
            .post("errors/explain", use: explainBody)
    }

    @Sendable func explainQuery(_ request: Request, context: AppRequestContext) async throws -> ErrorDiagnosisBody {
        guard let text = try QueryItems(request.uri.query)["text"] else {
            throw APIError.badRequest(.missingText, "the text parameter is required: paste the error")
        }
        guard text.unicodeScalars.count <= Self.maxQueryTextLength else {
            throw APIError.badRequest(
                .invalidParameter, "the text parameter is longer than \(Self.maxQueryTextLength) characters; POST longer pastes")
        }
        return try await explain(text)
    }

    /// The longest `text` accepted in the query string (longer pastes go in a POST body).
    static let maxQueryTextLength = 4096

    /// The body is the pasted text. With a JSON content type it must be a JSON object:
    /// `{"text": ...}` is unwrapped (and `text` must then be a string), any other object (a
    /// pasted error body such as `{"code": 20015, ...}`) is itself the text.
    @Sendable func explainBody(_ request: Request, context: AppRequestContext) async throws -> ErrorDiagnosisBody {
        let buffer = try await request.body.collect(upTo: ServerOptions.maxBodySize)
        let raw = String(decoding: buffer.readableBytesView, as: UTF8.self)
        var text = raw
        if let contentType = request.headers[.contentType], FeedbackController.isJSON(contentType) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
                throw APIError.badRequest(.invalidBody, "a JSON body must be an object: {\"text\": \"the pasted error\"}")
            }
            if let wrapped = object["text"] {
                guard let string = wrapped as? String else {
                    throw APIError.badRequest(.invalidBody, "text must be a string: {\"text\": \"the pasted error\"}")
                }
                text = string
            }
        }
        return try await explain(text)
    }

    private func explain(_ text: String) async throws -> ErrorDiagnosisBody {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest(.missingText, "the error text is empty: paste the error")
        }
        var diagnosis = try await knowledgeBase.current.reading { try $0.explain(text) }
        // Same rule as search hits: answers are HTML-escaped for pages that insert them.
        diagnosis.entries = diagnosis.entries.map { entry in
            var entry = entry
            entry.answer = HTMLText.escape(entry.answer)
            return entry
        }
        return ErrorDiagnosisBody(diagnosis: diagnosis)
    }
}
