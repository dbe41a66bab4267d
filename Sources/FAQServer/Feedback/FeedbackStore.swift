import FAQKit
import Foundation
import GRDB
import Synchronization

/// The feedback database: what readers said about answers, and the queries the knowledge base
/// could not answer. A separate SQLite file, never the index, so rebuilding the index keeps it.
///
/// Durability: the database is in WAL mode (GRDB's `DatabasePool` sets it), and a vote is
/// acknowledged (the HTTP 201 is sent) only after its transaction has committed.
///
/// - kill -9 of the server: a commit appends the transaction to the WAL file with `write(2)`, so
///   from then on it is in the kernel's page cache, not in this process, and survives the kill
///   whatever the synchronous setting (SQLite: "transactions are durable across application
///   crashes regardless of the synchronous setting"). `tools/reliability/feedback_kill.sh`
///   checks it: 0 acknowledged votes lost over repeated kills.
/// - Power loss or a kernel crash: votes are written with `synchronous = FULL`, which fsyncs the
///   WAL at each commit, so an acknowledged vote is on disk. Abstained queries are recorded
///   with `NORMAL` (fsync at checkpoints only): they are written on the search path, nobody is
///   told they were stored, and an fsync there would put a disk flush into every unanswered
///   search. In WAL mode a FULL commit also makes every earlier commit durable.
///
/// Size: an unanswered query is one row per normalized query (a count, first- and last-seen
/// times), so repeats of one query cost nothing but an update; the WAL is checkpointed every
/// 100 pages and trimmed to 1 MiB. ``Retention`` bounds the rest: the most recently seen
/// distinct unanswered queries and the newest votes are kept, older ones deleted.
public final class FeedbackStore: Sendable {
    /// How much the store keeps. Unanswered queries and vote queries are at most 2,048 bytes
    /// (`KnowledgeBase.maxQueryBytes`), so the defaults bound the file to roughly
    /// 10,000 × 4 KiB + 100,000 × 2.1 KiB ≈ 250 MiB in the worst case (every query at the byte
    /// limit); typical queries are under 100 bytes, about 15 MiB.
    public struct Retention: Sendable, Hashable {
        /// Distinct unanswered queries kept; past it, the least recently seen are deleted.
        public var maxUnansweredQueries: Int
        /// Votes kept; past it, the oldest are deleted.
        public var maxVotes: Int

        public init(maxUnansweredQueries: Int = 10_000, maxVotes: Int = 100_000) {
            self.maxUnansweredQueries = maxUnansweredQueries
            self.maxVotes = maxVotes
        }
    }

    /// An unanswered query as stored: one row per normalized query.
    public struct UnansweredQuery: Sendable, Hashable, Codable {
        /// The most recent spelling.
        public var query: String
        /// The endpoint of the most recent request (`search` or `ask`).
        public var endpoint: String
        /// The category filter of the most recent request, if any.
        public var category: String?
        /// The best candidate of the most recent request, if any.
        public var topEntryID: String?
        /// Requests recorded.
        public var count: Int
        public var firstSeen: Date
        public var lastSeen: Date
    }

    /// One vote on one answer.
    public struct Feedback: Sendable, Hashable, Codable {
        public var query: String
        public var entryID: String
        public var helpful: Bool
        public var createdAt: Date
    }

    /// A query the knowledge base abstained on.
    public struct Abstention: Sendable, Hashable, Codable {
        public var query: String
        /// `search` or `ask`.
        public var endpoint: String
        /// The category filter, if any.
        public var category: String?
        /// The best candidate the engine found but did not trust, if any.
        public var topEntryID: String?
        public var createdAt: Date
    }

    /// Where the database lives.
    public let url: URL
    /// What is kept.
    public let retention: Retention
    private let pool: DatabasePool
    /// Unanswered queries recorded since the last prune.
    private let writesSincePrune = Mutex(0)

    /// Why the feedback database could not be opened, in a message fit to show as it is.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating if needed) the feedback database at `url`, and migrates it. A file that is
    /// something else (a document, another program's database) is refused and left as it is:
    /// migrating it would add tables to it and switch it to WAL mode.
    public init(url: URL, retention: Retention = Retention()) throws {
        self.url = url
        self.retention = retention
        do {
            try Self.checkOurs(url)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            pool = try Self.openPool(url)
            try Self.migrator.migrate(pool)
        } catch let error as OpenError {
            throw error
        } catch let error as DatabaseError {
            throw OpenError(description: "cannot open the feedback database \(url.path): \(error.message ?? "\(error.resultCode)")")
        } catch {
            throw OpenError(description: "cannot open the feedback database \(url.path): \(error.localizedDescription)")
        }
    }

    /// The tables a feedback database holds (GRDB's migration log among them).
    static let ownTables: Set<String> = ["feedback", "unanswered", "grdb_migrations", "sqlite_sequence"]

    /// Throws unless `url` is missing, empty, or a database with no tables but ours.
    static func checkOurs(_ url: URL) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        let advice = "move it away or choose another path (--feedback-db or FAQ_FEEDBACK_DB)"
        if isDirectory.boolValue { throw OpenError(description: "the feedback database \(path) is a directory; \(advice)") }
        guard let handle = FileHandle(forReadingAtPath: path) else { return }  // opening says why
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard !header.isEmpty else { return }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw OpenError(description: "\(path) is not a FAQKit feedback database (not an SQLite database); \(advice)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let tables = try DatabaseQueue(path: path, configuration: configuration).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        let foreign = tables.filter { !ownTables.contains($0) }
        if !foreign.isEmpty {
            throw OpenError(
                description:
                    "\(path) is another program's SQLite database (tables: \(foreign.prefix(5).joined(separator: ", "))), not a FAQKit feedback database; \(advice)"
            )
        }
    }

    private static func openPool(_ url: URL) throws -> DatabasePool {
        var configuration = Configuration()
        // `faq report` may read from another process while the server writes.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // DatabasePool already uses WAL and NORMAL; stated here because durability depends on
            // it (votes raise it to FULL for their own commit, see `record(_:)`).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A busy abstention path must not leave a WAL of megabytes: checkpoint every 100
            // pages (SQLite's default is 1,000) and truncate the WAL back to 1 MiB after one.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 100")
            try db.execute(sql: "PRAGMA journal_size_limit = 1048576")
        }
        return try DatabasePool(path: url.path, configuration: configuration)
    }

    /// `FAQ_FEEDBACK_DB`, else `$XDG_DATA_HOME/faqkit/feedback.sqlite` (or `~/.local/share/...`).
    /// Data, not cache: it is not kept beside the index, which lives under `~/.cache`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["FAQ_FEEDBACK_DB"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return UserDirectories.data(environment: environment).appendingPathComponent("faqkit").appendingPathComponent("feedback.sqlite")
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "feedback") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("query", .text).notNull()
                t.column("entryId", .text).notNull().indexed()
                t.column("helpful", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "abstention") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("query", .text).notNull()
                t.column("normalizedQuery", .text).notNull().indexed()
                t.column("endpoint", .text).notNull()
                t.column("category", .text)
                t.column("topEntryId", .text)
                t.column("createdAt", .datetime).notNull()
            }
        }
        // One row per normalized query instead of one per request: 2,000 repeats of one query
        // grew the file by 20 MB before (security review, finding 3).
        migrator.registerMigration("v2-unanswered") { db in
            try db.create(table: "unanswered") { t in
                t.primaryKey("normalizedQuery", .text)
                t.column("query", .text).notNull()
                t.column("endpoint", .text).notNull()
                t.column("category", .text)
                t.column("topEntryId", .text)
                t.column("count", .integer).notNull()
                t.column("firstSeen", .datetime).notNull()
                t.column("lastSeen", .datetime).notNull().indexed()
            }
            // With max(), SQLite takes the bare columns from the most recent row of each group.
            try db.execute(
                sql: """
                    INSERT INTO unanswered (normalizedQuery, query, endpoint, category, topEntryId, count, firstSeen, lastSeen)
                    SELECT normalizedQuery, query, endpoint, category, topEntryId, count(*), min(createdAt), max(createdAt)
                    FROM abstention GROUP BY normalizedQuery
                    """)
            try db.drop(table: "abstention")
        }
        return migrator
    }

    // MARK: - Writing

    /// Stores one vote; returns once it is committed and on disk (`synchronous = FULL` for this
    /// commit: the caller acknowledges the vote as stored).
    /// - Returns: the row id of the stored vote.
    @discardableResult
    public func record(_ feedback: Feedback) async throws -> Int64 {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            var id: Int64 = 0
            try db.inTransaction {
                try db.execute(
                    sql: "INSERT INTO feedback (query, entryId, helpful, createdAt) VALUES (?, ?, ?, ?)",
                    arguments: [feedback.query, feedback.entryID, feedback.helpful, feedback.createdAt])
                id = db.lastInsertedRowID
                if id > Int64(retention.maxVotes) {
                    try db.execute(sql: "DELETE FROM feedback WHERE id <= ?", arguments: [id - Int64(retention.maxVotes)])
                }
                return .commit
            }
            return id
        }
    }

    /// Counts a query the knowledge base did not answer: a new row for a new query, else one
    /// more on its row. Every 256 calls, unanswered queries past ``Retention/maxUnansweredQueries``
    /// are deleted, least recently seen first.
    public func record(_ abstention: Abstention) async throws {
        let prune = writesSincePrune.withLock { count in
            count += 1
            if count >= 256 { count = 0 }
            return count == 0
        }
        let keep = retention.maxUnansweredQueries
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO unanswered (normalizedQuery, query, endpoint, category, topEntryId, count, firstSeen, lastSeen)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                    ON CONFLICT (normalizedQuery) DO UPDATE SET
                        query = excluded.query, endpoint = excluded.endpoint, category = excluded.category,
                        topEntryId = excluded.topEntryId, count = count + 1, lastSeen = excluded.lastSeen
                    """,
                arguments: [
                    Self.normalize(abstention.query), abstention.query, abstention.endpoint, abstention.category,
                    abstention.topEntryID, abstention.createdAt, abstention.createdAt,
                ])
            if prune { try Self.pruneUnanswered(db, keeping: keep) }
        }
    }

    /// Deletes unanswered queries past the newest `keep`, least recently seen first.
    static func pruneUnanswered(_ db: Database, keeping keep: Int) throws {
        try db.execute(
            sql: """
                DELETE FROM unanswered WHERE normalizedQuery IN
                (SELECT normalizedQuery FROM unanswered ORDER BY lastSeen DESC LIMIT -1 OFFSET ?)
                """,
            arguments: [keep])
    }

    /// Applies the retention now (it is otherwise applied every 256 recorded queries).
    public func prune() async throws {
        let keep = retention.maxUnansweredQueries
        try await pool.write { db in try Self.pruneUnanswered(db, keeping: keep) }
    }

    /// The key unanswered queries are grouped by: lowercased, whitespace runs collapsed.
    static func normalize(_ query: String) -> String {
        query.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: - Reading

    /// Every vote, oldest first.
    public func allFeedback() throws -> [Feedback] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT query, entryId, helpful, createdAt FROM feedback ORDER BY id").map {
                Feedback(query: $0["query"], entryID: $0["entryId"], helpful: $0["helpful"], createdAt: $0["createdAt"])
            }
        }
    }

    /// Every unanswered query kept, most recently seen first.
    public func unansweredQueries() throws -> [UnansweredQuery] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT query, endpoint, category, topEntryId, count, firstSeen, lastSeen FROM unanswered
                    ORDER BY lastSeen DESC, rowid DESC
                    """
            ).map {
                UnansweredQuery(
                    query: $0["query"], endpoint: $0["endpoint"], category: $0["category"], topEntryID: $0["topEntryId"],
                    count: $0["count"], firstSeen: $0["firstSeen"], lastSeen: $0["lastSeen"])
            }
        }
    }

    /// What support staff need: the most frequent unanswered queries, and each entry's votes.
    /// - Parameter limit: how many unanswered queries to list.
    public func report(limit: Int = 20) throws -> FeedbackReport {
        try pool.read { db in
            let unanswered = try Row.fetchAll(
                db,
                sql: "SELECT query, count, lastSeen FROM unanswered ORDER BY count DESC, lastSeen DESC LIMIT ?",
                arguments: [limit]
            ).map { FeedbackReport.UnansweredQuery(query: $0["query"], count: $0["count"], lastSeen: $0["lastSeen"]) }
            let entries = try Row.fetchAll(
                db,
                sql: """
                    SELECT entryId, sum(helpful) AS helpful, sum(NOT helpful) AS unhelpful FROM feedback
                    GROUP BY entryId ORDER BY count(*) DESC, entryId
                    """
            ).map { FeedbackReport.EntryVotes(entryID: $0["entryId"], helpful: $0["helpful"], unhelpful: $0["unhelpful"]) }
            let abstentions = try Int.fetchOne(db, sql: "SELECT coalesce(sum(count), 0) FROM unanswered") ?? 0
            return FeedbackReport(totalAbstentions: abstentions, unanswered: unanswered, entries: entries)
        }
    }
}
