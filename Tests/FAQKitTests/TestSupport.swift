import Foundation

@testable import FAQKit

/// Fixture files shipped with the tests, and the one helper that makes temporary directories.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// A fresh temporary directory for a test's own corpora and indexes.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One knowledge base over the bundled corpus for the whole test run, built on first use in a
/// temporary directory of its own: building it is the slow part. Every suite only reads it (the
/// reliability tests check that its file's bytes never change), so they can share it.
enum SharedKnowledgeBase {
    static let indexURL = try! Fixtures.temporaryDirectory().appendingPathComponent("index.sqlite")

    static let kb: KnowledgeBase = try! KnowledgeBase.open(.init(indexURL: indexURL))

    /// The query analysis of the bundled corpus: the generic resources and SiliconFlow's glossary.
    static let analyzer = AnalysisResources.bundled.queryAnalyzer(synonyms: BundledData.text("synonyms.txt"))

    /// The index file's bytes right after it was built (queries only read it).
    static let builtIndexBytes: Data = {
        _ = kb
        return FileManager.default.contents(atPath: indexURL.path)!
    }()
}
