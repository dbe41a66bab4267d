import Foundation

/// The data files bundled with FAQKit: the default corpus and the tables the engine reads.
///
/// They live in the package's top-level `Corpus/` folder (documented in `Corpus/README.md`), where
/// the tools, docs and users name them. The FAQKit target keeps only Swift sources, so the folder
/// is found at run time: `FAQKIT_DATA_DIR` when set (a binary installed away from its sources),
/// else beside the sources this file was compiled from (a clone, `swift run`, `swift test`).
public enum BundledData {
    /// The bundled `Corpus/` folder.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["FAQKIT_DATA_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return packageCorpus
    }

    /// `Corpus/` of the package: two levels above `Sources/FAQKit/`.
    private static let packageCorpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus", isDirectory: true)

    /// The bundled FAQ corpus.
    public static var corpusURL: URL { directory.appendingPathComponent("siliconflow-faqs.md") }

    /// The URL of a bundled data file, such as `categories.tsv` or `data/t2s.tsv`.
    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The contents of a bundled data file, or nil when it is missing.
    public static func text(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: url(name).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The category map from `categories.tsv`.
    public static var categories: CategoryMap { text("categories.tsv").map(CategoryMap.init(tsv:)) ?? CategoryMap() }
}
