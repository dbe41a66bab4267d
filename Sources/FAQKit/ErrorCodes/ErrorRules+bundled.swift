import Foundation

extension ErrorRules {
    /// Name of the rules file beside a corpus.
    public static let bundledFileName = "error-rules.json"

    /// The rules of the bundled SiliconFlow corpus (`Corpus/error-rules.json`).
    ///
    /// - Throws: ``ErrorRulesError`` when the bundle lacks the file or the file is invalid.
    public static func bundled() throws -> ErrorRules {
        try load(BundledData.url(bundledFileName))
    }

    /// The generic rules any corpus without rules of its own gets (`Corpus/data/error-rules.json`):
    /// a diagnosis and next step for each common HTTP status, naming no entry; the entries come
    /// from searching the corpus for the status and the message.
    public static func generic() throws -> ErrorRules {
        try load(BundledData.url("data/" + bundledFileName))
    }

    private static func load(_ url: URL) throws -> ErrorRules {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ErrorRulesError(code: .unreadableFile, message: "FAQKit's resource bundle has no \(url.lastPathComponent) at \(url.path)")
        }
        return try ErrorRules(contentsOf: url)
    }
}
