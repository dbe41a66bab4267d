import FAQKit
import Foundation
import MCP

extension FAQMCPServer {
    /// The URI prefix of entry resources; the id follows (`faq://entries/invoices/2`).
    static let entryURIPrefix = "faq://entries/"

    /// JSON-RPC error code for an unknown resource, from the MCP specification (Resources, "Error Handling").
    static let resourceNotFoundCode = -32002

    static let entryTemplate = Resource.Template(
        uriTemplate: entryURIPrefix + "{id}", name: "faq-entry", title: "FAQ entry",
        description:
            "One FAQ entry as markdown: question, answer, source URL. Ids are a category slug, a slash and the entry's own part (`invoices/2`, `billing/how-do-i-get-a-refund`), as search_faq and ask_faq give them.",
        mimeType: "text/markdown")

    static func entryURI(_ id: String) -> String { entryURIPrefix + id }

    /// Every entry as a resource, in corpus order, `resourcePageSize` at a time. The cursor is
    /// the offset of the next page, opaque to clients.
    func listResources(cursor: String?) throws -> ListResources.Result {
        var offset = 0
        if let cursor {
            guard let value = Int(cursor), value >= 0 else { throw MCPError.invalidParams("invalid cursor `\(cursor)`; pass nextCursor as it came") }
            offset = value
        }
        let entries = try knowledgeBase.entries()
        let page = entries.dropFirst(offset).prefix(configuration.resourcePageSize)
        let next = offset + page.count < entries.count ? String(offset + page.count) : nil
        let resources = page.map { entry in
            Resource(
                name: entry.id, uri: Self.entryURI(entry.id), title: entry.title,
                description: "\(categoryName(entry.category)) · \(entry.pageTitle)", mimeType: "text/markdown")
        }
        return ListResources.Result(resources: Array(resources), nextCursor: next)
    }

    /// One entry as markdown. An unknown URI is JSON-RPC error -32002 (resource not found).
    func readResource(uri: String) throws -> ReadResource.Result {
        guard uri.hasPrefix(Self.entryURIPrefix) else {
            throw MCPError.serverError(
                code: Self.resourceNotFoundCode, message: "Resource not found: \(uri); entry URIs look like \(Self.entryURIPrefix){id}")
        }
        let raw = String(uri.dropFirst(Self.entryURIPrefix.count))
        // Clients may percent-encode the id's characters (the slash, or CJK in a custom corpus).
        let id = raw.removingPercentEncoding ?? raw
        guard !id.isEmpty, id.utf8.count <= ToolCatalog.maxIDBytes, let entry = try knowledgeBase.entry(id: id) else {
            throw MCPError.serverError(code: Self.resourceNotFoundCode, message: "Resource not found: \(uri); resources/list gives the entries")
        }
        return ReadResource.Result(contents: [.text(MarkdownRenderer.entry(record(entry)), uri: uri, mimeType: "text/markdown")])
    }
}
