import Foundation
import GRDB
import Logging

/// The index file: one SQLite database holding pages, entries, an FTS5 table over them and
/// metadata describing what it was built from.
///
/// The file is built once and then only read. A build writes a new file beside the target and
/// renames it into place, so readers and a failed build never see a half-written index.
public enum IndexStore {
    /// Bumped when the tables change. 7: the `calibration` metadata (answer and suggestion
    /// thresholds learned from the corpus at build time).
    public static let schemaVersion = 7

    /// The indexed columns: the question title, the answer's searchable text (`body`: link
    /// targets and markup removed, so URLs like `.../invoice` don't match words), and context
    /// (page and group titles).
    static let columns = ["title", "body", "context"]
    /// Index of the `body` column.
    static let bodyColumn = 1

    /// FTS5 leaf page size. FTS5 scans a leaf's terms one by one to find a query term, so smaller
    /// leaves make each of a query's many term lookups cheaper.
    static let ftsPageSize = 1000

    /// Connection settings shared by builders and readers: our tokenizer and auxiliary function
    /// on every connection, and a memory map for the read path.
    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.label = "faqkit-index"
        config.prepareDatabase { db in
            db.add(tokenizer: FAQTokenizer.self)
            MatchInfo.register(db)
            if readonly {
                try db.execute(sql: "PRAGMA mmap_size = 268435456")
            }
        }
        return config
    }

    /// What an index was built from; compared with the current inputs to decide on a rebuild.
    public struct Fingerprint: Sendable, Equatable, Codable {
        public var schemaVersion: Int
        public var tokenizerVersion: String
        public var corpusHash: String

        public init(schemaVersion: Int = IndexStore.schemaVersion, tokenizerVersion: String, corpusHash: String) {
            self.schemaVersion = schemaVersion
            self.tokenizerVersion = tokenizerVersion
            self.corpusHash = corpusHash
        }
    }

    /// The tokenizer's identity: its code version and the folding table it uses.
    static var tokenizerVersion: String {
        "\(TextAnalyzer.version)+t2s\(TextAnalyzer.shared.folding.count)"
    }

    /// The `context` column of an entry: its page and group titles.
    static func context(of entry: FAQEntry) -> String {
        [entry.pageTitle, entry.group].compactMap { $0 }.joined(separator: "\n")
    }

    /// Creates the schema and stores a parsed corpus in `db`.
    /// - Parameters:
    ///   - calibrate: measures the written index (see `Calibrator`); its result is stored as the
    ///     `calibration` metadata. Without it the index reads as uncalibrated.
    static func write(
        _ corpus: ParsedCorpus, fingerprint: Fingerprint, into db: Database, progress: ((Int, Int) -> Void)? = nil,
        calibrate: ((Database) throws -> Calibration)? = nil
    ) throws {
        try db.execute(
            sql: """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE pages(
                    id INTEGER PRIMARY KEY, title TEXT NOT NULL, url TEXT NOT NULL, category TEXT NOT NULL,
                    categoryName TEXT NOT NULL, contactURL TEXT, contactText TEXT, line INTEGER NOT NULL);
                CREATE TABLE entries(
                    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, category TEXT NOT NULL,
                    pageTitle TEXT NOT NULL, title TEXT NOT NULL, answer TEXT NOT NULL, url TEXT NOT NULL,
                    position INTEGER NOT NULL, attachments TEXT NOT NULL, grp TEXT, context TEXT NOT NULL,
                    body TEXT NOT NULL);
                CREATE INDEX entries_category ON entries(category);
                CREATE VIRTUAL TABLE entries_fts USING fts5(
                    title, body, context, content='entries', content_rowid='rowid', tokenize='faqkit');
                CREATE VIRTUAL TABLE entries_vocab USING fts5vocab(entries_fts, 'row');
                """)
        for page in corpus.pages {
            try db.execute(
                sql: "INSERT INTO pages(title, url, category, categoryName, contactURL, contactText, line) VALUES (?,?,?,?,?,?,?)",
                arguments: [page.title, page.url, page.category, page.categoryName, page.contactURL, page.contactText, page.line])
        }
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO entries(rowid, id, category, pageTitle, title, answer, url, position, attachments, grp, context, body)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """)
        let total = corpus.entries.count
        for (i, entry) in corpus.entries.enumerated() {
            // One URL per line: URLs hold no newlines, and reading it back needs no JSON decoder.
            let attachments = entry.attachments.joined(separator: "\n")
            let context = Self.context(of: entry)
            try insert.execute(arguments: [
                i + 1, entry.id, entry.category, entry.pageTitle, entry.title, entry.answer, entry.url,
                entry.position, attachments, entry.group, context, MarkdownText.searchableText(entry.answer),
            ])
            if let progress, i % 1000 == 999 { progress(i + 1, total) }
        }
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts, rank) VALUES('pgsz', \(ftsPageSize))")
        // FTS5's own rank column: `ORDER BY rank LIMIT n` lets FTS5 sort by bm25 itself and run
        // the other auxiliary functions (our matchinfo) only for the rows it returns.
        let w = SearchEngine.columnWeights
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts, rank) VALUES('rank', 'bm25(\(w.title), \(w.answer), \(w.context))')")
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts) VALUES('rebuild')")
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts) VALUES('optimize')")
        // Document frequencies for the ranker, as a table it can seek in.
        try db.execute(sql: "CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID")
        try db.execute(sql: "INSERT INTO terms(term, df) SELECT term, doc FROM entries_vocab")
        try writePinyin(into: db)
        var meta: [String: String] = [
            "schema_version": String(fingerprint.schemaVersion),
            "tokenizer_version": fingerprint.tokenizerVersion,
            "corpus_hash": fingerprint.corpusHash,
            "built_at": ISO8601DateFormatter().string(from: Date()),
            "entry_count": String(corpus.entries.count),
            "page_count": String(corpus.pages.count),
            "warning_count": String(corpus.warnings.count),
        ]
        if let calibrate { meta[Calibration.metadataKey] = try calibrate(db).metadataValue }
        for (key, value) in meta {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
        progress?(total, total)
    }

    /// Pinyin keys of every character pair in the index (`fapiao` → 发票), so Latin-letter queries
    /// can find Chinese terms; see `PinyinTable`.
    static func writePinyin(into db: Database, table: PinyinTable = .bundled) throws {
        try db.execute(sql: "CREATE TABLE pinyin(key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term)) WITHOUT ROWID")
        guard !table.isEmpty else { return }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO pinyin(key, term) VALUES (?, ?)")
        let terms = try String.fetchAll(db, sql: "SELECT term FROM terms")
        for term in terms {
            let scalars = term.unicodeScalars.map(\.value)
            guard scalars.count == 2, scalars.allSatisfy(TextAnalyzer.isIdeographic) else { continue }
            for key in table.keys(for: term) { try insert.execute(arguments: [key, term]) }
        }
    }

    /// Builds an index file at `url` from a parsed corpus, atomically: the new file is written
    /// beside it and renamed over it only once complete.
    static func build(
        _ corpus: ParsedCorpus, fingerprint: Fingerprint, at url: URL, progress: ((Int, Int) -> Void)? = nil,
        calibrate: ((Database) throws -> Calibration)? = nil
    ) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        removeStaleTemporaryFiles(for: url)
        let temporary = temporaryURL(for: url)
        try? FileManager.default.removeItem(at: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let queue = try DatabaseQueue(path: temporary.path, configuration: configuration(readonly: false))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096")
                try db.inTransaction {
                    try write(corpus, fingerprint: fingerprint, into: db, progress: progress, calibrate: calibrate)
                    return .commit
                }
                // WAL lets a DatabasePool read the finished file with concurrent readers.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try queue.close()
            // fsync the new file before it replaces the old one.
            if let handle = try? FileHandle(forUpdating: temporary) {
                try? handle.synchronize()
                try? handle.close()
            }
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: url.path + suffix)
            }
            if rename(temporary.path, url.path) != 0 {
                throw FAQKitError.indexWrite("could not move the new index into place at \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch let error as FAQKitError {
            throw error
        } catch {
            throw FAQKitError.indexWrite("could not build the index at \(url.path): \(error)")
        }
    }

    /// The calibration stored in an index; `Calibration.uncalibrated` when it has none.
    static func calibration(_ db: Database) throws -> Calibration {
        let value = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Calibration.metadataKey])
        return Calibration(metadataValue: value) ?? .uncalibrated
    }

    /// Reads an index's fingerprint, or throws a clear error when the file is not a FAQKit index.
    static func fingerprint(of reader: any DatabaseReader, path: String, logger: Logger? = nil) throws -> Fingerprint {
        do {
            return try reader.read { db in
                guard try db.tableExists("meta") else {
                    throw FAQKitError.indexUnreadable(path: path, reason: "not a FAQKit index (no meta table)")
                }
                let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta")
                var meta: [String: String] = [:]
                for row in rows { meta[row["key"]] = row["value"] }
                guard let schema = meta["schema_version"].flatMap(Int.init), let tokenizer = meta["tokenizer_version"],
                    let hash = meta["corpus_hash"]
                else {
                    throw FAQKitError.indexUnreadable(path: path, reason: "index metadata is incomplete")
                }
                return Fingerprint(schemaVersion: schema, tokenizerVersion: tokenizer, corpusHash: hash)
            }
        } catch {
            throw unreadable(path: path, error: error, logger: logger)
        }
    }
}
