import Foundation

/// Stands in for FAQKit's `BundledData` in the fuzz builds, which compile the library's sources
/// with swiftc directly and so have no `Bundle.module`. Reads the same files from the package's
/// `Corpus/` folder, named by `FAQKIT_CORPUS_DIR` (set by `run.sh`).
public enum BundledData {
    public static var directory: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["FAQKIT_CORPUS_DIR"] ?? "Corpus", isDirectory: true)
    }

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    public static func text(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: url(name).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static let folding: CharacterFolding = text("data/t2s.tsv").map(CharacterFolding.init(tsv:)) ?? .identity
}

/// Stands in for FAQKit's `AnalysisResources` in the fuzz builds: the tokenizer's folding only.
public struct AnalysisResources {
    public static let bundled = AnalysisResources()
    public var textAnalyzer: TextAnalyzer { TextAnalyzer(folding: BundledData.folding) }
}
