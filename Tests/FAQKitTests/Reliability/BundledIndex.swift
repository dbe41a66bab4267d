import FAQKit
import Foundation

extension Reliability {
    /// The knowledge base the reliability tests attack: the bundled corpus's shared index
    /// (``SharedKnowledgeBase``), which nothing writes to once it is built.
    enum BundledIndex {
        static var indexURL: URL { SharedKnowledgeBase.indexURL }
        static var kb: KnowledgeBase { SharedKnowledgeBase.kb }
        static var builtIndexBytes: Data { SharedKnowledgeBase.builtIndexBytes }

        /// Entries in the bundled corpus, counted by the parser rather than read from the index.
        static let expectedEntryCount: Int = {
            let text = String(decoding: FileManager.default.contents(atPath: BundledData.corpusURL.path)!, as: UTF8.self)
            return CorpusParser(categories: BundledData.categories).parse(text).entries.count
        }()
    }
}
