import Foundation

extension KnowledgeBase {
    /// Where the corpus and index live, and when to rebuild.
    public struct Configuration: Sendable {
        /// When to rebuild the index.
        public enum RebuildPolicy: Sendable {
            /// Rebuild when the index is missing, damaged or built from other inputs. A file at
            /// the index path that FAQKit did not write (not an SQLite database, or another
            /// program's) is never replaced, by this policy or `always`: opening fails instead.
            case ifNeeded
            /// Always rebuild.
            case always
            /// Never rebuild: use the index as it is (fails when missing).
            case never
        }

        /// The corpus: a markdown file or HTML page, a folder of them, or a CSV, TSV or JSON list of Q&A pairs
        /// (see ``CorpusSource``).
        public var corpusURL: URL
        public var indexURL: URL
        public var rebuild: RebuildPolicy
        /// Where to send a question the knowledge base cannot answer. Without it, the contact
        /// link the corpus's pages give (an llms-txt `<Note>`), else none.
        public var contactURL: String?

        public init(corpusURL: URL = BundledData.corpusURL, indexURL: URL? = nil, rebuild: RebuildPolicy = .ifNeeded, contactURL: String? = nil) {
            self.corpusURL = corpusURL
            self.indexURL = indexURL ?? Self.defaultIndexURL(for: corpusURL)
            self.rebuild = rebuild
            self.contactURL = contactURL
        }

        /// `$XDG_CACHE_HOME/faqkit/NAME-HASH.sqlite` (or `~/.cache/...`), one per corpus path.
        public static func defaultIndexURL(for corpusURL: URL) -> URL {
            let cache = UserDirectories.cache()
            let name = corpusURL.deletingPathExtension().lastPathComponent
            let key = String(Hashing.fnv1a(Data(corpusURL.standardizedFileURL.path.utf8)), radix: 16)
            return cache.appendingPathComponent("faqkit").appendingPathComponent("\(name)-\(key).sqlite")
        }
    }
}
