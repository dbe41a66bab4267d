import Foundation

/// The data files bundled with FAQKit: the default corpus and the tables the engine reads.
///
/// They live in the package's top-level `Corpus/` folder (documented in `Corpus/README.md`),
/// which the FAQKit target ships as its resources.
public enum BundledData {
    /// The bundled `Corpus/` folder.
    public static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Corpus", isDirectory: true)
    }

    /// The bundled FAQ corpus.
    public static var corpusURL: URL { directory.appendingPathComponent("siliconflow-faqs.md") }

    /// The URL of a bundled data file, such as `categories.tsv` or `data/t2s.tsv`.
    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The contents of a bundled data file, or nil when it is missing.
    public static func text(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: url(name).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Traditional → simplified folding from `data/t2s.tsv`; identity when the table is absent.
    public static let folding: CharacterFolding = text("data/t2s.tsv").map(CharacterFolding.init(tsv:)) ?? .identity

    /// The category map from `categories.tsv`.
    public static var categories: CategoryMap { text("categories.tsv").map(CategoryMap.init(tsv:)) ?? CategoryMap() }
}
