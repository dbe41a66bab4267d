/// A tool call the server refuses because of its arguments (missing, empty, of the wrong type,
/// too long) or because what it names does not exist (an unknown entry id or category).
///
/// It becomes a tool result with `isError: true` and the message as its text, not a JSON-RPC
/// error: the MCP specification (2025-11-25, "Error Handling") asks for input mistakes to be
/// reported this way so the model reads the message and can correct its call.
struct ToolInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line an assistant can act on: what was wrong and what to send instead.
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
