import ArgumentParser
import FAQKit
import FAQMCP
import Foundation
import Logging
import MCP

/// `faq mcp`: the knowledge base as a Model Context Protocol server on stdin/stdout, for AI
/// assistants (Claude Code, Claude Desktop, Cursor, VS Code). stdout carries only the protocol;
/// logs and errors go to stderr.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the knowledge base to AI assistants over the Model Context Protocol (stdio).",
        discussion: """
            Tools: search_faq, ask_faq, explain_error, get_entry, list_categories; every entry as a resource \
            faq://entries/{id}; the prompt answer_support_question. Example: claude mcp add faqkit -- faq mcp
            """)

    @OptionGroup var options: KnowledgeBaseOptions

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            var logger = Logger(label: "faq.mcp")
            logger.logLevel = options.verbose ? .debug : .warning
            let server = FAQMCPServer(knowledgeBase: kb, logger: logger)
            do {
                try await server.run(transport: StdioTransport(logger: logger))
            } catch {
                throw CLIError("MCP server stopped: \(error)")
            }
        }
    }
}
