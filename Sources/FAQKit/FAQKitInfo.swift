/// FAQKit turns FAQ markdown into a searchable knowledge base.
public enum FAQKitInfo {
    /// The library version, reported by the CLI and the server.
    public static let version = "0.1.0"
}
