import FAQKit

/// Settings of the MCP server: what it tells clients about itself and how much input it takes.
public struct FAQMCPConfiguration: Sendable {
    /// The server name clients show (`serverInfo.name`).
    public var name: String
    /// The server version clients show (`serverInfo.version`).
    public var version: String
    /// Most bytes of UTF-8 in a pasted error for `explain_error`: the same 64 KiB the HTTP API
    /// accepts as a request body, so a paste works the same over both.
    public var maxErrorTextBytes: Int
    /// Most resources in one `resources/list` page; the rest follow through `nextCursor`.
    public var resourcePageSize: Int

    public init(
        name: String = "faqkit", version: String = FAQKitInfo.version, maxErrorTextBytes: Int = 64 * 1024,
        resourcePageSize: Int = 200
    ) {
        self.name = name
        self.version = version
        self.maxErrorTextBytes = maxErrorTextBytes
        self.resourcePageSize = resourcePageSize
    }
}
