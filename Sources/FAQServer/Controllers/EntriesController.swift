import FAQKit
import Foundation
import Hummingbird

/// `GET /v1/entries/{id}` and `GET /v1/categories`.
///
/// Entry ids contain a slash (`invoices/2`, `verification/4.1`), so the entry route is a
/// recursive wildcard: `/v1/entries/invoices/2` and `/v1/entries/invoices%2F2` name the same entry.
struct EntriesController {
    let knowledgeBase: KnowledgeBaseProvider

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("entries/**", use: entry)
            .get("categories", use: categories)
    }

    @Sendable func entry(_ request: Request, context: AppRequestContext) async throws -> EntryBody {
        let raw = context.parameters.getCatchAll().joined(separator: "/")
        guard let id = raw.removingPercentEncoding else {
            throw APIError.badRequest(.invalidParameter, "the entry id is not valid percent-encoded UTF-8")
        }
        let knowledgeBase = knowledgeBase.current
        guard let entry = try await knowledgeBase.reading({ try $0.entry(id: id) }) else {
            throw APIError(.notFound, code: .entryNotFound, message: "no entry with id \(HTMLText.escape(id))")
        }
        return EntryBody(entry, categoryName: knowledgeBase.categoryName(for: entry.category))
    }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> CategoriesBody {
        CategoriesBody(
            categories: try await knowledgeBase.current.reading { try $0.categories() }.map {
                CategoriesBody.Category(slug: $0.category.slug, name: $0.category.name, count: $0.count)
            })
    }
}
