import Foundation

extension ErrorRules {
    /// Name of the rules file in the corpus folder.
    public static let bundledFileName = "error-rules.json"

    /// Loads the rules shipped with FAQKit (`Corpus/error-rules.json`, copied into the module's
    /// resource bundle), so callers need no path.
    ///
    /// The folder is looked up as `Corpus` and, for the earlier layout that linked it in as the
    /// target's `Resources` folder, as `Resources`.
    ///
    /// - Throws: ``ErrorRulesError`` when the bundle lacks the file or the file is invalid.
    public static func bundled() throws -> ErrorRules {
        let folder = ["Corpus", "Resources"].lazy
            .compactMap { Bundle.module.url(forResource: $0, withExtension: nil) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(bundledFileName).path) }
        guard let folder else {
            throw ErrorRulesError(
                code: .unreadableFile, message: "FAQKit's resource bundle has no Corpus folder holding \(bundledFileName)")
        }
        return try ErrorRules(contentsOf: folder.appendingPathComponent(bundledFileName))
    }
}
