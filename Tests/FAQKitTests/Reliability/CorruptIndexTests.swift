import FAQKit
import Foundation
import GRDB
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
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let indexURL = directory.appendingPathComponent("index.sqlite")
            try bytes.write(to: indexURL)
            return Result {
                let kb = try KnowledgeBase.open(.init(indexURL: indexURL, rebuild: policy))
                return try kb.ask("发票怎么开").hit?.entry.id
            }
        }

        @Test(arguments: ["zero-byte", "truncated to half", "header only"])
        func brokenFilesAreRebuilt(name: String) throws {
            let bytes: Data
            switch name {
            case "zero-byte": bytes = Data()
            case "truncated to half": bytes = Self.goodIndex.prefix(Self.goodIndex.count / 2)
            default: bytes = Self.goodIndex.prefix(100)
            }
            let rebuilt = try Self.openAndAsk(bytes, policy: .ifNeeded)
            #expect(try rebuilt.get() != nil, "rebuilt from the corpus and answered")
            if case .failure(let error) = try Self.openAndAsk(bytes, policy: .never) {
                #expect((error as? FAQKitError)?.code == .indexUnreadable, "\(error)")
            }
        }

        /// Random bytes are no SQLite database, so nothing FAQKit wrote: opening fails with a clear
        /// error whatever the policy, and the file stays as it was.
        @Test func randomBytesAreLeftAlone() throws {
            var rng = SplitMix64(seed: 0xC0)
            let bytes = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
            for policy in [KnowledgeBase.Configuration.RebuildPolicy.ifNeeded, .never] {
                guard case .failure(let error) = try Self.openAndAsk(bytes, policy: policy) else {
                    Issue.record("opened random bytes as an index with \(policy)")
                    continue
                }
                #expect((error as? FAQKitError)?.code == .indexUnreadable, "\(error)")
                #expect("\(error)".contains("not a FAQKit index") || "\(error)".contains("not a database"), "\(error)")
            }
        }

        /// Every page of the index in turn overwritten with random bytes (the header page aside):
        /// opening with `.ifNeeded` must answer (the page was not in use, or the open found the
        /// damage and rebuilt from the corpus), and `.never` must answer or fail with a
        /// `FAQKitError` whose message shows nothing of SQLite's.
        @Test func everyCorruptPageGivesAnAnswerOrAClearError() throws {
            let pages = Self.goodIndex.count / Self.pageSize
            var rng = SplitMix64(seed: 0xBAD)
            var outcomes: [String: [Int]] = [:]
            for page in 1..<pages {
                var bytes = Self.goodIndex
                let start = page * Self.pageSize
                bytes.replaceSubrange(start..<start + Self.pageSize, with: (0..<Self.pageSize).map { _ in UInt8.random(in: 0...255, using: &rng) })
                for policy in [KnowledgeBase.Configuration.RebuildPolicy.ifNeeded, .never] {
                    let outcome: String
                    switch try Self.openAndAsk(bytes, policy: policy) {
                    case .success(let id):
                        outcome = id == nil ? "no answer" : "answered"
                    case .failure(let error as FAQKitError):
                        outcome = Self.showsSQLite(error.message) ? "FAQKitError showing SQLite text" : "clear FAQKitError"
                    case .failure(let error):
                        outcome = "other error type \(type(of: error))"
                    }
                    outcomes["\(policy): \(outcome)", default: []].append(page + 1)
                }
            }
            let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.key): pages \($0.value)" }.joined(separator: "; ")
            #expect(Set(outcomes.keys).subtracting(["ifNeeded: answered", "never: answered", "never: clear FAQKitError"]).isEmpty, "\(summary)")
            #expect(outcomes["never: clear FAQKitError"] != nil, "some pages are damaged: \(summary)")
        }

        /// Whether a message (its file paths removed) shows SQLite's text or our SQL.
        static func showsSQLite(_ message: String) -> Bool {
            let lower = message.replacingOccurrences(of: #"/\S+"#, with: "PATH", options: .regularExpression).lowercased()
            return ["sqlite", "while executing", "malformed", "no such", "vtable", "select ", "fts5"].contains(where: lower.contains)
        }

        /// Overwrites `count` pages from the root page of `table` in the index file at `url`.
        static func overwrite(table: String, pages count: Int, in url: URL, seed: UInt64) throws {
            let root = try DatabaseQueue(path: url.path).read { db in
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table])
            }
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            var rng = SplitMix64(seed: seed)
            for page in try #require(root)..<(try #require(root) + count) {
                try handle.seek(toOffset: UInt64((page - 1) * pageSize))
                try handle.write(contentsOf: Data((0..<pageSize).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            }
        }

        /// Broken FTS5 records or entry pages behind an intact `meta` table: `.ifNeeded` finds the
        /// damage at open and rebuilds, `.never` refuses with a clear error.
        @Test(arguments: ["entries_fts_data", "entries"])
        func damageBehindIntactMetadataIsFoundAtOpen(table: String) throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("index.sqlite")
            try Self.goodIndex.write(to: url)
            try Self.overwrite(table: table, pages: 3, in: url, seed: 2)
            let damaged = try Data(contentsOf: url)

            let error = try #require(throws: FAQKitError.self) { try KnowledgeBase.open(.init(indexURL: url, rebuild: .never)) }
            #expect(error.code == .indexUnreadable)
            #expect(error.message.hasSuffix("rebuild it with `faq index`"), "\(error.message)")
            #expect(!Self.showsSQLite(error.message), "\(error.message)")

            try damaged.write(to: url)
            let kb = try KnowledgeBase.open(.init(indexURL: url, rebuild: .ifNeeded))
            #expect(kb.info.rebuilt)
            #expect(try kb.ask("发票怎么开").hit != nil)
        }

        /// An index damaged after it was opened: queries answer from what was read at open (a
        /// small index is held in memory) or fail with a `FAQKitError`, never GRDB's
        /// `DatabaseError` or SQLite's text; reads that need the file fail cleanly.
        @Test func damageAfterOpenGivesAClearErrorAtQueryTime() throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("index.sqlite")
            try Self.goodIndex.write(to: url)
            let kb = try KnowledgeBase.open(.init(indexURL: url, rebuild: .never))
            // Every page but the header and the schema: nothing is left to read.
            let handle = try FileHandle(forUpdating: url)
            var rng = SplitMix64(seed: 9)
            try handle.seek(toOffset: UInt64(Self.pageSize))
            try handle.write(contentsOf: Data((Self.pageSize..<Self.goodIndex.count).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            try handle.close()
            for query in ["发票怎么开", "实名认证", "API key", "充值"] {
                do {
                    #expect(try !kb.search(query).hits.isEmpty)
                    _ = try kb.ask(query)
                } catch let error as FAQKitError {
                    #expect(error.code == .indexUnreadable)
                    #expect(!Self.showsSQLite(error.message), "\(error.message)")
                } catch {
                    Issue.record("\(type(of: error)) escaped: \(error)")
                }
            }
            let error = try #require(throws: FAQKitError.self) { try kb.entries() }
            #expect(error.code == .indexUnreadable)
            #expect(!Self.showsSQLite(error.message), "\(error.message)")
        }

        /// `.never` reads the schema version first: another version's index gets an error that
        /// names both versions, not a missing table.
        @Test(arguments: [5, 999])
        func otherSchemaVersionsAreNamedWithNever(version: Int) throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("index.sqlite")
            try Self.goodIndex.write(to: url)
            try DatabaseQueue(path: url.path).write { db in
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: ["\(version)"])
                if version < IndexStore.schemaVersion { try db.execute(sql: "DROP TABLE terms") }
            }
            let error = try #require(throws: FAQKitError.self) { try KnowledgeBase.open(.init(indexURL: url, rebuild: .never)) }
            #expect(
                error.message
                    == "cannot use index \(url.path): it has index schema version \(version), and this version of FAQKit reads version \(IndexStore.schemaVersion); rebuild it with `faq index`"
            )
            let kb = try KnowledgeBase.open(.init(indexURL: url, rebuild: .ifNeeded))
            #expect(kb.info.rebuilt && kb.info.fingerprint.schemaVersion == IndexStore.schemaVersion)
        }

        /// Temporary files of killed builds are removed by the next build; a live builder's stays.
        @Test func staleTemporaryFilesAreRemovedByTheNextBuild() throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("index.sqlite")
            // A pid that has exited: a child we started and waited for.
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/true")
            try child.run()
            child.waitUntilExit()
            let dead = child.processIdentifier
            let live = getppid()
            let names = [
                ".index.sqlite.tmp-\(dead)", ".index.sqlite.tmp-\(dead)-wal", ".index.sqlite.tmp-\(live)", ".index.sqlite.tmp-\(dead)x",
                ".other.sqlite.tmp-\(dead)", ".index.sqlite.tmp-\(dead).3", ".index.sqlite.tmp-\(dead).3-journal", ".index.sqlite.tmp-\(live).2",
            ]
            for name in names { try Data("partial".utf8).write(to: directory.appendingPathComponent(name)) }
            _ = try KnowledgeBase.open(.init(indexURL: url, rebuild: .always))
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") })
            #expect(left == [".index.sqlite.tmp-\(live)", ".index.sqlite.tmp-\(dead)x", ".other.sqlite.tmp-\(dead)", ".index.sqlite.tmp-\(live).2"])
        }

        /// Tasks of one process that open the same index after its corpus changed each rebuild it
        /// into a temporary file of their own: they collided on one named by the process (a failed
        /// rename, or "database is locked").
        @Test func concurrentRebuildsInOneProcessDoNotCollide() async throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let corpus = directory.appendingPathComponent("faq.md")
            let index = directory.appendingPathComponent("faq.sqlite")
            try "# Help\n\n## How do I sign in?\n\nUse your email.\n".write(to: corpus, atomically: true, encoding: .utf8)
            _ = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index))
            for round in 1...3 {
                try "# Help\n\n## How do I sign in?\n\nUse your email.\n\n## Question \(round)?\n\nAnswer \(round).\n".write(
                    to: corpus, atomically: true, encoding: .utf8)
                let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<6 { group.addTask { try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index)).info.entryCount } }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(counts == Array(repeating: 2, count: 6), "round \(round)")
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
            #expect(left.isEmpty, "\(left)")
        }
    }
}
