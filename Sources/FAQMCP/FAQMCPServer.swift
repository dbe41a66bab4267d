import FAQKit
import Logging
import MCP

/// The knowledge base as a Model Context Protocol server: the tools `search_faq`, `ask_faq`,
/// `explain_error`, `get_entry` and `list_categories`, every entry as a resource
/// `faq://entries/{id}`, and the prompt `answer_support_question`.
///
/// It holds no state of its own beyond the knowledge base, so one value can serve any number of
/// connections; each ``run(transport:)`` makes its own SDK `Server`. `faq mcp` runs it on stdio.
public struct FAQMCPServer: Sendable {
    public let knowledgeBase: KnowledgeBase
    public let configuration: FAQMCPConfiguration
    let logger: Logger
    /// Category slug → display name, from the corpus's pages.
    let categoryNames: [String: String]

    /// - Parameters:
    ///   - logger: where requests and failures are logged; over stdio it must write to stderr,
    ///     since stdout carries the protocol.
    public init(knowledgeBase: KnowledgeBase, configuration: FAQMCPConfiguration = .init(), logger: Logger) {
        self.knowledgeBase = knowledgeBase
        self.configuration = configuration
        self.logger = logger
        var names: [String: String] = [:]
        for page in knowledgeBase.pages where names[page.category] == nil { names[page.category] = page.categoryName }
        categoryNames = names
    }

    /// What the server tells a client at `initialize`: how to use the tools together. Clients may
    /// put it in the model's system prompt.
    static let instructions = """
        FAQKit answers questions from an FAQ knowledge base with a search engine that abstains when unsure. \
        For a user's question call ask_faq; to explore a topic call search_faq; for a pasted API error \
        (HTTP status, SDK exception, JSON error body) call explain_error; get_entry gives an entry's whole \
        answer and list_categories the category slugs. Cite the source URL of every entry you use, and when \
        ask_faq returns no answer, give its contact link instead of guessing.
        """

    /// An SDK server with every handler registered, not yet started.
    public func makeServer() async -> Server {
        let server = Server(
            name: configuration.name, version: configuration.version, title: "FAQKit knowledge base",
            instructions: Self.instructions,
            capabilities: .init(
                prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                tools: .init(listChanged: false)))
        let tools = ToolCatalog.tools(maxErrorTextBytes: configuration.maxErrorTextBytes)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { params in try await self.callTool(params) }
        await server.withMethodHandler(ListResources.self) { params in try self.listResources(cursor: params.cursor) }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in ListResourceTemplates.Result(templates: [Self.entryTemplate]) }
        await server.withMethodHandler(ReadResource.self) { params in try self.readResource(uri: params.uri) }
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: [Self.answerPrompt]) }
        await server.withMethodHandler(GetPrompt.self) { params in try self.getPrompt(params) }
        return server
    }

    /// Serves on `transport` until the client disconnects (stdin closes, for stdio).
    /// Requests read before the input ended are still answered (up to 30 s).
    public func run(transport: any Transport) async throws {
        let server = await makeServer()
        let draining = DrainingTransport(transport, logger: logger)
        try await server.start(transport: draining)
        logger.info("MCP server ready", metadata: ["entries": "\(knowledgeBase.info.entryCount)", "index": "\(knowledgeBase.info.path)"])
        await server.waitUntilCompleted()
        await draining.drain(timeout: .seconds(30))
        await server.stop()
    }

    /// The display name of a category slug (the slug itself when the corpus names none).
    func categoryName(_ slug: String) -> String { categoryNames[slug] ?? slug }

    func record(_ entry: FAQEntry, confidence: Double? = nil) -> EntryRecord {
        EntryRecord(entry, categoryName: categoryName(entry.category), confidence: confidence)
    }

    /// A search or ask hit: a long answer as its passage that answers the query.
    func record(_ hit: SearchHit) -> EntryRecord {
        var record = record(hit.entry, confidence: hit.confidence)
        record.answer = hit.answerText
        record.partial = hit.passage != nil
        record.section = hit.passage?.heading
        return record
    }
}
