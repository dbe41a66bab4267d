import FAQKit
import Foundation
import Hummingbird
import NIOCore

/// `GET /health`, `GET /metrics` (Prometheus text) and `GET /openapi.json`.
struct SystemController {
    let knowledgeBase: KnowledgeBaseProvider
    let metrics: ServerMetrics
    /// The OpenAPI document, made once per index generation.
    let openAPI: OpenAPIDocument

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("health", use: health)
            .get("metrics", use: prometheus)
            .get("openapi.json", use: openAPIDocument)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> HealthBody {
        HealthBody(lastReloadError: knowledgeBase.reloadStatus.publicSummary)
    }

    @Sendable func prometheus(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Also kept current by builds and reloads; set here too for a provider reloaded directly.
        metrics.recordIndexEntries(knowledgeBase.current.info.entryCount)
        let text = metrics.render()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func openAPIDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Made for the index being served (its categories); a reload may change them.
        let (current, generation) = knowledgeBase.snapshot
        let body = try openAPI.body(generation: generation) { try current.categories().map(\.category.slug) }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }
}
