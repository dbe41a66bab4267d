import FAQKit
import Foundation
import MCP

extension FAQMCPServer {
    static let answerPromptName = "answer_support_question"

    static let answerPrompt = Prompt(
        name: answerPromptName, title: "Answer a support question from the FAQ",
        description:
            "Guides the assistant to answer a customer's question from the FAQ: search first, cite the entry URL, hand off when the FAQ has no answer.",
        arguments: [.init(name: "question", title: "Question", description: "The customer's question, as asked.", required: true)])

    func getPrompt(_ params: GetPrompt.Parameters) throws -> GetPrompt.Result {
        guard params.name == Self.answerPromptName else {
            throw MCPError.invalidParams("Unknown prompt: \(params.name); the prompt is \(Self.answerPromptName)")
        }
        let unknown = (params.arguments ?? [:]).keys.filter { $0 != "question" }.sorted()
        guard unknown.isEmpty else {
            throw MCPError.invalidParams("\(Self.answerPromptName): unknown argument `\(unknown[0])`; it takes `question`")
        }
        let question = KnowledgeBase.trimmed(params.arguments?["question"] ?? "")
        guard !question.isEmpty else {
            throw MCPError.invalidParams("\(Self.answerPromptName): the `question` argument is required")
        }
        guard question.utf8.count <= KnowledgeBase.maxQueryBytes, question.count <= KnowledgeBase.maxQueryLength else {
            throw MCPError.invalidParams(
                "\(Self.answerPromptName): the `question` argument is longer than \(KnowledgeBase.maxQueryLength) characters or \(KnowledgeBase.maxQueryBytes) bytes"
            )
        }
        return GetPrompt.Result(
            description: "Answer “\(question)” from the FAQ, citing the entry URL.",
            messages: [.user(.text(text: Self.answerInstructions(question: question)))])
    }

    /// The prompt's text: the order of tool calls that keeps an answer grounded in the FAQ.
    static func answerInstructions(question: String) -> String {
        """
        A customer asked:

        > \(question.replacingOccurrences(of: "\n", with: "\n> "))

        Answer from the FAQ knowledge base through the FAQKit tools, not from memory:

        1. Call `ask_faq` with the question as asked. If its outcome is `answer`, base your reply on that entry.
        2. If the outcome is `suggest`, or you need more context, call `search_faq` (and `get_entry` for an entry's whole answer). When the customer could mean more than one entry, ask which.
        3. If the question contains an API error (a status code, an SDK exception, a JSON error body), call `explain_error` with the whole error text and follow its next step.
        4. Cite the source URL of every entry you use, and change nothing in prices, limits or steps the entry states.
        5. If the outcome is `handoff`, or nothing found answers the question, say the FAQ does not cover it and give the contact message and link from the result. Do not make up an answer.

        Reply in the customer's language, briefly.
        """
    }
}
