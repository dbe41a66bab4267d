import FAQKit
import Foundation
import Testing

extension Reliability {
    /// Broken files at the index path, in process: opening rebuilds what it can, and whatever fails
    /// fails with a `FAQKitError` whose message shows no SQLite internals. (`tools/reliability/
    /// corrupt_index.sh` runs the same cases through the CLI.)
    @Suite struct CorruptIndexTests {
        static let pageSize = 4096

        /// The bundled corpus's index, built once, as bytes.
        static let goodIndex: Data = {
            _ = BundledIndex.kb
            return BundledIndex.builtIndexBytes
        }()

        /// Writes `bytes` at a fresh index path and opens it with `policy`, then asks a question.
        /// Returns the answer's hit id, or the error.
        static func openAndAsk(_ bytes: Data, policy: KnowledgeBase.Configuration.RebuildPolicy) throws -> Result<String?, any Error> {
            let directory = try BundledIndex.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let indexURL = directory.appendingPathComponent("index.sqlite")
            try bytes.write(to: indexURL)
            return Result {
                let kb = try KnowledgeBase.open(.init(indexURL: indexURL, rebuild: policy))
                return try kb.ask("发票怎么开").hit?.entry.id
            }
        }

        @Test(arguments: ["zero-byte", "random bytes", "truncated to half", "header only"])
        func brokenFilesAreRebuilt(name: String) throws {
            var rng = SplitMix64(seed: 0xC0)
            let bytes: Data
            switch name {
            case "zero-byte": bytes = Data()
            case "random bytes": bytes = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
            case "truncated to half": bytes = Self.goodIndex.prefix(Self.goodIndex.count / 2)
            default: bytes = Self.goodIndex.prefix(100)
            }
            let rebuilt = try Self.openAndAsk(bytes, policy: .ifNeeded)
            #expect(try rebuilt.get() != nil, "rebuilt from the corpus and answered")
            if case .failure(let error) = try Self.openAndAsk(bytes, policy: .never) {
                #expect((error as? FAQKitError)?.code == .indexUnreadable, "\(error)")
            }
        }

        /// Every page of the index in turn overwritten with random bytes (the header page aside):
        /// opening and asking must answer or fail with a clean `FAQKitError`.
        ///
        /// Known issues: (1) fixed: a broken FTS5 page made `search` throw GRDB's `DatabaseError`;
        /// (2) the `indexUnreadable` errors for other pages carry SQLite's own text ("SQLite error
        /// 11: database disk image is malformed - while executing `SELECT count(*) FROM entries`");
        /// (3) `.ifNeeded` does not rebuild either kind, although the corpus is at hand.
        @Test func everyCorruptPageGivesAnAnswerOrAClearError() throws {
            let pages = Self.goodIndex.count / Self.pageSize
            var rng = SplitMix64(seed: 0xBAD)
            var outcomes: [String: [Int]] = [:]
            for page in 1..<pages {
                var bytes = Self.goodIndex
                let start = page * Self.pageSize
                bytes.replaceSubrange(start..<start + Self.pageSize, with: (0..<Self.pageSize).map { _ in UInt8.random(in: 0...255, using: &rng) })
                let outcome: String
                switch try Self.openAndAsk(bytes, policy: .ifNeeded) {
                case .success:
                    outcome = "answered"
                case .failure(let error as FAQKitError):
                    let lower = error.message.lowercased()
                    outcome =
                        ["sqlite", "while executing", "malformed"].contains(where: lower.contains)
                        ? "FAQKitError showing SQLite text" : "clear FAQKitError"
                case .failure(let error):
                    outcome = "other error type \(type(of: error))"
                }
                outcomes[outcome, default: []].append(page + 1)
            }
            let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.key): pages \($0.value)" }.joined(separator: "; ")
            // A small index answers from memory (entries and postings read at open), so a broken
            // FTS5 page no longer reaches a query.
            #expect(!outcomes.keys.contains { $0.hasPrefix("other error type") }, "\(summary)")
            withKnownIssue("a corrupt page read while opening: the indexUnreadable message carries SQLite's text") {
                #expect(outcomes["FAQKitError showing SQLite text"] == nil, "\(summary)")
            }
        }
    }
}
