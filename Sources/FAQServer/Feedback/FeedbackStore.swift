import Foundation
import GRDB

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
public final class FeedbackStore: Sendable {
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
    private let pool: DatabasePool

    /// Opens (creating if needed) the feedback database at `url`, and migrates it.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        // `faq report` may read from another process while the server writes.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // DatabasePool already uses WAL and NORMAL; stated here because durability depends on
            // it (votes raise it to FULL for their own commit, see `record(_:)`).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: url.path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// `FAQ_FEEDBACK_DB`, else `$XDG_DATA_HOME/faqkit/feedback.sqlite` (or `~/.local/share/...`).
    /// Data, not cache: it is not kept beside the index, which lives under `~/.cache`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["FAQ_FEEDBACK_DB"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return data.appendingPathComponent("faqkit").appendingPathComponent("feedback.sqlite")
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
                return .commit
            }
            return id
        }
    }

    /// Stores a query the knowledge base did not answer.
    public func record(_ abstention: Abstention) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO abstention (query, normalizedQuery, endpoint, category, topEntryId, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    abstention.query, Self.normalize(abstention.query), abstention.endpoint, abstention.category,
                    abstention.topEntryID, abstention.createdAt,
                ])
        }
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

    /// Every recorded abstention, oldest first.
    public func allAbstentions() throws -> [Abstention] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT query, endpoint, category, topEntryId, createdAt FROM abstention ORDER BY id").map {
                Abstention(
                    query: $0["query"], endpoint: $0["endpoint"], category: $0["category"], topEntryID: $0["topEntryId"],
                    createdAt: $0["createdAt"])
            }
        }
    }

    /// What support staff need: the most frequent unanswered queries, and each entry's votes.
    /// - Parameter limit: how many unanswered queries to list.
    public func report(limit: Int = 20) throws -> FeedbackReport {
        try pool.read { db in
            // With max(), SQLite takes the bare `query` column from the most recent row of the group.
            let unanswered = try Row.fetchAll(
                db,
                sql: """
                    SELECT query, count(*) AS count, max(createdAt) AS lastSeen FROM abstention
                    GROUP BY normalizedQuery ORDER BY count DESC, lastSeen DESC LIMIT ?
                    """,
                arguments: [limit]
            ).map { FeedbackReport.UnansweredQuery(query: $0["query"], count: $0["count"], lastSeen: $0["lastSeen"]) }
            let entries = try Row.fetchAll(
                db,
                sql: """
                    SELECT entryId, sum(helpful) AS helpful, sum(NOT helpful) AS unhelpful FROM feedback
                    GROUP BY entryId ORDER BY count(*) DESC, entryId
                    """
            ).map { FeedbackReport.EntryVotes(entryID: $0["entryId"], helpful: $0["helpful"], unhelpful: $0["unhelpful"]) }
            let abstentions = try Int.fetchOne(db, sql: "SELECT count(*) FROM abstention") ?? 0
            return FeedbackReport(totalAbstentions: abstentions, unanswered: unanswered, entries: entries)
        }
    }
}

/// The feedback database summarized for support staff (`faq report`).
public struct FeedbackReport: Sendable, Hashable, Codable {
    /// A query the knowledge base keeps failing to answer.
    public struct UnansweredQuery: Sendable, Hashable, Codable {
        /// The most recent spelling of the query.
        public var query: String
        /// How many times it was asked (grouped case- and whitespace-insensitively).
        public var count: Int
        public var lastSeen: Date
    }

    /// Votes on one entry.
    public struct EntryVotes: Sendable, Hashable, Codable {
        public var entryID: String
        public var helpful: Int
        public var unhelpful: Int
        /// Share of helpful votes, in [0, 1].
        public var helpfulRatio: Double { Double(helpful) / Double(max(1, helpful + unhelpful)) }
    }

    /// Abstained queries recorded, all told.
    public var totalAbstentions: Int
    /// Most frequent unanswered queries, most frequent first.
    public var unanswered: [UnansweredQuery]
    /// Entries with votes, most voted first.
    public var entries: [EntryVotes]
}
