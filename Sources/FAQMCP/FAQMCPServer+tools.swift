import FAQKit
import Foundation
import Logging
import MCP

extension FAQMCPServer {
    /// Runs one tool call. Mistakes in the arguments and names that do not exist come back as
    /// results with `isError` (the model can read them and retry); only an unknown tool is a
    /// JSON-RPC error (-32602), as the specification asks.
    func callTool(_ params: CallTool.Parameters) async throws -> CallTool.Result {
        let start = ContinuousClock.now
        let result: CallTool.Result
        do {
            switch params.name {
            case ToolCatalog.searchFAQ: result = try searchFAQ(params.arguments)
            case ToolCatalog.askFAQ: result = try askFAQ(params.arguments)
            case ToolCatalog.explainError: result = try explainError(params.arguments)
            case ToolCatalog.getEntry: result = try getEntry(params.arguments)
            case ToolCatalog.listCategories: result = try listCategories(params.arguments)
            default:
                logger.warning("unknown tool", metadata: ["tool": "\(params.name)"])
                let names = ToolCatalog.tools(maxErrorTextBytes: configuration.maxErrorTextBytes).map(\.name).joined(separator: ", ")
                throw MCPError.invalidParams("Unknown tool: \(params.name); the tools are \(names)")
            }
        } catch let error as ToolInputError {
            result = Self.errorResult(error.message)
        } catch let error as FAQKitError where error.code == .invalidInput {
            result = Self.errorResult("\(params.name): \(error.message)")
        } catch let error as FAQKitError {
            // The index could not be read: the server's problem, told without internals beyond FAQKit's one line.
            logger.error("tool failed", metadata: ["tool": "\(params.name)", "error": "\(error.message)"])
            result = Self.errorResult("\(params.name) failed: \(error.message)")
        }
        logger.debug(
            "tool call",
            metadata: ["tool": "\(params.name)", "isError": "\(result.isError ?? false)", "duration": "\(ContinuousClock.now - start)"])
        return result
    }

    static func errorResult(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// A result as markdown text plus the same record as `structuredContent`.
    static func result<Record: Codable>(_ record: Record, markdown: String) throws -> CallTool.Result {
        try CallTool.Result(content: [.text(text: markdown, annotations: nil, _meta: nil)], structuredContent: record, isError: false)
    }

    func searchFAQ(_ arguments: [String: Value]?) throws -> CallTool.Result {
        let args = try ToolArguments(tool: ToolCatalog.searchFAQ, arguments: arguments, accepted: ["query", "limit", "category"])
        let query = try args.requiredString("query", maxBytes: KnowledgeBase.maxQueryBytes)
        let limit = try args.integer("limit", in: 1...ToolCatalog.maxSearchLimit, default: ToolCatalog.defaultSearchLimit)
        let category = try args.optionalString("category", maxBytes: ToolCatalog.maxIDBytes).map(KnowledgeBase.trimmed)
        if let category, categoryNames[category] == nil {
            throw ToolInputError(
                "search_faq: unknown category `\(category)`; the categories are \(categoryNames.keys.sorted().joined(separator: ", "))")
        }
        let response = try knowledgeBase.search(query, limit: limit, category: category, highlight: false)
        let record = SearchRecord(
            query: response.query, answered: response.answered, estimatedTotalHits: response.estimatedTotalHits,
            results: response.hits.map { self.record($0) }, fallback: response.fallback)
        return try Self.result(record, markdown: MarkdownRenderer.search(record))
    }

    func askFAQ(_ arguments: [String: Value]?) throws -> CallTool.Result {
        let args = try ToolArguments(tool: ToolCatalog.askFAQ, arguments: arguments, accepted: ["question", "explain"])
        let question = try args.requiredString("question", maxBytes: KnowledgeBase.maxQueryBytes)
        let explain = try args.boolean("explain", default: false)
        let answer = try knowledgeBase.ask(question)
        var record = askRecord(answer)
        if explain { record.explanation = ExplanationRecord(answer, calibration: knowledgeBase.info.calibration) }
        return try Self.result(record, markdown: MarkdownRenderer.ask(record))
    }

    /// `faq ask`'s decision as a record. The outcome is the knowledge base's own: an answer when
    /// `ask` gave a hit, otherwise a handoff to the contact link.
    func askRecord(_ answer: Answer) -> AskRecord {
        let outcome = answer.outcome
        return AskRecord(
            query: answer.query, outcome: outcome, answered: outcome == .answer,
            answer: answer.hit.map { record($0) },
            suggestions: outcome == .suggest ? answer.suggestions.map { record($0) } : [],
            related: answer.related.map(AnswerRecord.Related.init),
            fallback: outcome == .answer ? nil : answer.fallback)
    }

    func explainError(_ arguments: [String: Value]?) throws -> CallTool.Result {
        let args = try ToolArguments(tool: ToolCatalog.explainError, arguments: arguments, accepted: ["text"])
        let text = try args.requiredString("text", maxBytes: configuration.maxErrorTextBytes)
        let diagnosis = try knowledgeBase.explain(text)
        let record = ExplainRecord(
            found: diagnosis.found, status: diagnosis.status, code: diagnosis.code, message: diagnosis.message, limit: diagnosis.limit,
            diagnosis: diagnosis.diagnosis, nextStep: diagnosis.nextStep, entries: diagnosis.entries.map { self.record($0) })
        return try Self.result(record, markdown: MarkdownRenderer.explain(record))
    }

    func getEntry(_ arguments: [String: Value]?) throws -> CallTool.Result {
        let args = try ToolArguments(tool: ToolCatalog.getEntry, arguments: arguments, accepted: ["id"])
        let id = KnowledgeBase.trimmed(try args.requiredString("id", maxBytes: ToolCatalog.maxIDBytes))
        guard let entry = try knowledgeBase.entry(id: id) else {
            throw ToolInputError(
                "get_entry: no entry with id `\(id)`; search_faq and ask_faq give the ids (a category slug, a slash and the entry's own part, such as `invoices/2` or `billing/how-do-i-get-a-refund`)"
            )
        }
        let record = self.record(entry)
        return try Self.result(record, markdown: MarkdownRenderer.entry(record))
    }

    func listCategories(_ arguments: [String: Value]?) throws -> CallTool.Result {
        _ = try ToolArguments(tool: ToolCatalog.listCategories, arguments: arguments, accepted: [])
        let record = CategoriesRecord(
            categories: try knowledgeBase.categories().map { .init(slug: $0.category.slug, name: $0.category.name, count: $0.count) })
        return try Self.result(record, markdown: MarkdownRenderer.categories(record))
    }
}
