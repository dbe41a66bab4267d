import Foundation
import GRDB
import Logging

/// Every read of an index file: the one owner of the SQL that reads `entries`, `pages`, `meta`,
/// `terms`, `pinyin` and the FTS5 table. Query/ asks it for records and matches, never for rows.
///
/// Catalog reads (``entry(id:)``, ``entries()``, …) run in a read transaction. The query path
/// (``match(phrases:category:limit:titles:)``, ``records(rowids:)``, …) uses `unsafeRead`: the
/// index file never changes under a reader (a rebuild renames a new file into place), so a query
/// needs no transaction, and skips BEGIN/COMMIT and the schema checks.
///
/// A SQLite failure becomes a `FAQKitError` that says the file is damaged (``IndexStore/unreadable(path:error:logger:level:)``);
/// SQLite's detail goes to the log.
final class IndexReader: Sendable {
    /// The index file.
    let path: String
    private let database: any DatabaseReader
    private let logger: Logger?
    /// Log level of a read failure: `info` while opening (the caller gets the error, or a rebuild
    /// fixes it), `error` once the index serves (it passed its checks).
    private let failureLevel: Logger.Level

    init(_ database: any DatabaseReader, path: String, logger: Logger?, failureLevel: Logger.Level = .error) {
        self.database = database
        self.path = path
        self.logger = logger
        self.failureLevel = failureLevel
    }

    /// Opens the index file at `path` read-only, with a pool of readers; nil when there is no file.
    /// Its failures are logged at `info` until ``serving()``.
    static func open(path: String, logger: Logger) throws -> IndexReader? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let pool = try DatabasePool(path: path, configuration: IndexStore.configuration(readonly: true))
            return IndexReader(pool, path: path, logger: logger, failureLevel: .info)
        } catch {
            throw IndexStore.unreadable(path: path, error: error, logger: logger)
        }
    }

    /// The same reader, for an index that passed its checks: a failure now means the file was
    /// damaged after it was opened (or in a part the checks do not reach), logged at `error`.
    func serving() -> IndexReader {
        IndexReader(database, path: path, logger: logger, failureLevel: .error)
    }

    /// A read in a transaction, its failures reported as a damaged index.
    private func read<T>(level: Logger.Level? = nil, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw IndexStore.unreadable(path: path, error: error, logger: logger, level: level ?? failureLevel)
        }
    }

    /// A query's read, without a transaction (see the type's comment).
    private func queryRead<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.unsafeRead(body)
        } catch {
            throw IndexStore.unreadable(path: path, error: error, logger: logger, level: failureLevel)
        }
    }

    // MARK: - Metadata

    /// The index's fingerprint, or a clear error when the file is not a FAQKit index.
    func fingerprint() throws -> IndexStore.Fingerprint {
        try read(level: .info) { db in
            guard try db.tableExists("meta") else {
                throw FAQKitError.indexUnreadable(path: path, reason: "not a FAQKit index (no meta table)")
            }
            let meta = try self.meta(db)
            guard let schema = meta["schema_version"].flatMap(Int.init), let tokenizer = meta["tokenizer_version"],
                let hash = meta["corpus_hash"]
            else {
                throw FAQKitError.indexUnreadable(path: path, reason: "index metadata is incomplete")
            }
            return IndexStore.Fingerprint(schemaVersion: schema, tokenizerVersion: tokenizer, corpusHash: hash)
        }
    }

    /// The corpus path the build recorded, if it did.
    func corpusPath() throws -> String? {
        try read(level: .info) { db in
            guard try db.tableExists("meta") else { return nil }
            return try self.meta(db)[IndexStore.corpusPathKey]
        }
    }

    private func meta(_ db: Database) throws -> [String: String] {
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row["key"]] = row["value"] }
        return meta
    }

    /// What an open knowledge base shows about its index: pages, entry count, build time and
    /// calibration (`Calibration.uncalibrated` when it has none).
    func summary() throws -> (pages: [FAQPage], entryCount: Int, builtAt: String, calibration: Calibration) {
        try read(level: .info) { db in
            let pages = try PageRecord.fetchAll(db, sql: "SELECT * FROM pages ORDER BY id").map(\.page)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
            let meta = try self.meta(db)
            let calibration = Calibration(metadataValue: meta[Calibration.metadataKey]) ?? .uncalibrated
            return (pages, count, meta["built_at"] ?? "", calibration)
        }
    }

    /// Number of entries.
    func entryCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0 }
    }

    /// Checks the file as it is opened, so a damaged file is found (and, when allowed, rebuilt)
    /// at open rather than by a user's query: SQLite's `quick_check` reads every page of the file
    /// and checks the b-trees (measured in docs/RELIABILITY.md: a few milliseconds per megabyte),
    /// and a full-text query makes FTS5 load its configuration and structure records, which
    /// `quick_check` sees only as opaque blobs.
    /// - Throws: `FAQKitError.indexUnreadable` when the file is damaged.
    func verify() throws {
        let problem: String? = try read(level: .info) { db in
            let results = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
            guard results == ["ok"] else {
                logger?.info("index quick_check failed", metadata: ["index": "\(path)", "result": "\(results.joined(separator: "; "))"])
                return "the file is damaged"
            }
            _ = try Int64.fetchOne(db, sql: "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1", arguments: ["\"faqkit\""])
            return nil
        }
        if let problem { throw FAQKitError.indexUnreadable(path: path, reason: "\(problem); rebuild it with `faq index`") }
    }

    // MARK: - Entries

    /// The entry with this id.
    func entry(id: String) throws -> FAQEntry? {
        try read { db in
            try EntryRecord.fetchOne(db.cachedStatement(sql: "SELECT \(EntryRecord.columns) FROM entries WHERE id = ?"), arguments: [id])?.entry
        }
    }

    /// Every entry, in corpus order.
    func entries() throws -> [FAQEntry] {
        try read { db in try EntryRecord.fetchAll(db, sql: "SELECT \(EntryRecord.columns) FROM entries ORDER BY position").map(\.entry) }
    }

    /// Every entry record by rowid (nil where no row has that rowid); `[]` when there are more
    /// than `limit` entries.
    func recordsByRowid(limit: Int) throws -> [EntryRecord?] {
        try read { db in
            let maxRowid = try Int.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM entries") ?? 0
            guard maxRowid <= limit else { return [] }
            var records = [EntryRecord?](repeating: nil, count: maxRowid + 1)
            let cursor = try EntryRecord.fetchCursor(db, sql: "SELECT \(EntryRecord.columns) FROM entries")
            while let record = try cursor.next() {
                if record.rowid >= 0 && record.rowid < records.count { records[Int(record.rowid)] = record }
            }
            return records
        }
    }

    /// Which of `ids` the index holds: one lookup each, not a read of every entry.
    func existingEntryIDs(among ids: [String]) throws -> Set<String> {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM entries WHERE id = ?")
            return try Set(ids.filter { try Bool.fetchOne(statement, arguments: [$0]) != nil })
        }
    }

    /// Entry count by category slug.
    func categoryCounts() throws -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT category, count(*) AS n FROM entries GROUP BY category") {
                result[row["category"]] = row["n"]
            }
            return result
        }
    }

    /// Up to `limit` other entries of a category, nearest to `entry` in corpus order.
    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) throws -> [FAQEntry] {
        try queryRead { db in
            try EntryRecord.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(EntryRecord.columns) FROM entries WHERE category = ? AND id != ? ORDER BY abs(position - ?) LIMIT ?"),
                arguments: [category, entry.id, entry.position, limit]
            ).map(\.entry)
        }
    }

    /// The records of `rowids` that exist, by rowid.
    func records(rowids: [Int64]) throws -> [Int64: EntryRecord] {
        try queryRead { db in
            let statement = try db.cachedStatement(sql: "SELECT \(EntryRecord.columns) FROM entries WHERE rowid = ?")
            var result: [Int64: EntryRecord] = [:]
            for rowid in rowids {
                if let record = try EntryRecord.fetchOne(statement, arguments: [rowid]) { result[rowid] = record }
            }
            return result
        }
    }

    /// The page title of the entry at `rowid`.
    func pageTitle(rowid: Int64) throws -> String? {
        try queryRead { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT pageTitle FROM entries WHERE rowid = ?"), arguments: [rowid])
        }
    }

    /// Every `step`th entry's rowid, title and searchable text, in rowid order (the calibration sample).
    func sample(every step: Int) throws -> [(rowid: Int64, title: String, body: String)] {
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT rowid, title, body FROM entries WHERE (rowid - 1) % ? = 0 ORDER BY rowid", arguments: [step])
            var result: [(rowid: Int64, title: String, body: String)] = []
            while let row = try rows.next() { result.append((row["rowid"], row["title"], row["body"])) }
            return result
        }
    }

    // MARK: - Terms

    /// Every term and its document frequency, when there are at most `limit`; nil otherwise.
    func terms(limit: Int) throws -> [(term: String, df: Int)]? {
        try read { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM terms") ?? 0
            guard count <= limit else { return nil }
            var result: [(term: String, df: Int)] = []
            result.reserveCapacity(count)
            let cursor = try Row.fetchCursor(db, sql: "SELECT term, df FROM terms")
            while let row = try cursor.next() { result.append((row["term"], row["df"])) }
            return result
        }
    }

    /// Every question title by rowid.
    func titles() throws -> [(rowid: Int64, title: String)] {
        try read { db in
            var result: [(rowid: Int64, title: String)] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT rowid, title FROM entries")
            while let row = try cursor.next() { result.append((row["rowid"], row["title"])) }
            return result
        }
    }

    /// Corpus character pairs by pinyin key (`fapiao` → [发票]).
    func pinyinKeys() throws -> [String: [String]] {
        try read { db in
            var pinyin: [String: [String]] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, term FROM pinyin")
            while let row = try cursor.next() { pinyin[row["key"], default: []].append(row["term"]) }
            return pinyin
        }
    }

    /// Document frequencies of `tokens` from the `terms` table written at build time, by token
    /// hash (a B-tree seek per token; SQLite's fts5vocab table walks its whole vocabulary per lookup).
    func documentFrequencies(of tokens: [String]) throws -> [UInt64: Int] {
        try queryRead { db in
            var result: [UInt64: Int] = [:]
            let statement = try db.cachedStatement(sql: "SELECT df FROM terms WHERE term = ?")
            for token in tokens {
                if let df = try Int.fetchOne(statement, arguments: [token]) { result[TextAnalyzer.hash(token)] = df }
            }
            return result
        }
    }

    // MARK: - Full-text search

    /// A row FTS5 matched: its rowid, the evidence (`MatchInfo`), and its title when asked for.
    struct Match {
        var rowid: Int64
        var info: MatchInfo
        var title: String?
    }

    /// Rows matching any of `phrases` (each a sequence of exact tokens), optionally only of one
    /// category, and when `limit` is given the best `limit` by FTS5's bm25 (`rank`).
    func match(phrases: [[String]], category: String?, limit: Int?, titles: Bool) throws -> [Match] {
        var sql = """
            SELECT rowid, \(MatchInfo.functionName)(entries_fts) AS info\(titles ? ", title" : "")
            FROM entries_fts WHERE entries_fts MATCH ?
            """
        var arguments: StatementArguments = [Self.pattern(phrases)]
        if let category {
            sql += Self.categoryFilter
            arguments += [category]
        }
        // FTS5's own rank column: `ORDER BY rank LIMIT n` lets FTS5 sort by bm25 itself and run
        // the other auxiliary functions (our matchinfo) only for the rows it returns.
        if let limit { sql += " ORDER BY rank LIMIT \(limit)" }
        return try queryRead { db in
            var rows: [Match] = []
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try cursor.next() {
                let blob: Data = row["info"] ?? Data()
                let info = MatchInfo(blob: [UInt8](blob), columnCount: IndexSchema.columns.count)
                rows.append(Match(rowid: row["rowid"], info: info, title: titles ? row["title"] ?? "" : nil))
            }
            return rows
        }
    }

    /// Rowids of the best `limit` rows by FTS5's bm25 among those matching any of `phrases`.
    func rankedRowids(phrases: [[String]], category: String?, limit: Int) throws -> [Int64] {
        var arguments: StatementArguments = [Self.pattern(phrases)]
        var sql = "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?"
        if let category {
            sql += Self.categoryFilter
            arguments += [category]
        }
        sql += " ORDER BY rank LIMIT \(limit)"
        return try queryRead { db in try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments) }
    }

    /// The text of the indexed columns of `rowids`, in order, for those that exist.
    func searchColumns(rowids: [Int64]) throws -> [(rowid: Int, columns: [String])] {
        try queryRead { db in
            let statement = try db.cachedStatement(sql: "SELECT title, body, context FROM entries WHERE rowid = ?")
            var documents: [(rowid: Int, columns: [String])] = []
            documents.reserveCapacity(rowids.count)
            for rowid in rowids {
                guard let row = try Row.fetchOne(statement, arguments: [rowid]) else { continue }
                documents.append((Int(rowid), [row["title"], row["body"], row["context"]]))
            }
            return documents
        }
    }

    /// The index's row count and average column sizes, as FTS5 keeps them: the header of any
    /// row's match info; nil for an index without terms.
    func columnStatistics() throws -> (rowCount: Int, averageSizes: [Double])? {
        try read { db in
            guard let term = try String.fetchOne(db.cachedStatement(sql: "SELECT term FROM terms LIMIT 1")),
                let blob = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT \(MatchInfo.functionName)(entries_fts) FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1"),
                    arguments: [Self.phrase([term])])
            else { return nil }
            let info = MatchInfo(blob: [UInt8](blob), columnCount: IndexSchema.columns.count)
            return (info.rowCount, info.averageSizes)
        }
    }

    /// Restricts an FTS5 match to the entries of one category (the argument after the pattern).
    private static let categoryFilter = " AND rowid IN (SELECT rowid FROM entries WHERE category = ?)"

    /// An FTS5 pattern: the OR of `phrases`.
    static func pattern(_ phrases: [[String]]) -> String {
        phrases.map(phrase).joined(separator: " OR ")
    }

    /// An FTS5 phrase of exact tokens: `"a"`, or `"a" + "b"` for a sequence. Quotes are doubled,
    /// so no user text can act as query syntax.
    static func phrase(_ tokens: [String]) -> String {
        tokens.map { token in
            "\"" + (token.contains("\"") ? token.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") : token) + "\""
        }.joined(separator: " + ")
    }
}
