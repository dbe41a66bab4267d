import FAQKit
import Foundation

extension Reliability {
    /// The knowledge base the reliability tests attack: the bundled corpus, indexed once into a
    /// temporary directory of its own, so nothing another suite does can change what these tests see.
    enum BundledIndex {
        static let directory: URL = {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqkit-reliability-\(UUID().uuidString)")
            try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }()

        static let indexURL = directory.appendingPathComponent("index.sqlite")

        static let kb: KnowledgeBase = try! KnowledgeBase.open(.init(indexURL: indexURL))

        /// Entries in the bundled corpus, counted by the parser rather than read from the index.
        static let expectedEntryCount: Int = {
            let text = String(decoding: FileManager.default.contents(atPath: BundledData.corpusURL.path)!, as: UTF8.self)
            return CorpusParser(categories: BundledData.categories).parse(text).entries.count
        }()

        /// The index file's bytes right after it was built (queries only read it).
        static let builtIndexBytes: Data = {
            _ = kb
            return FileManager.default.contents(atPath: indexURL.path)!
        }()

        /// A fresh temporary directory for a test's own corpora and indexes.
        static func temporaryDirectory() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqkit-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
    }
}
