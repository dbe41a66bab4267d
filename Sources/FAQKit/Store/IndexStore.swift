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

    /// The metadata key of the corpus's path (absent in indexes built before it was recorded).
    static let corpusPathKey = "corpus_path"

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

    /// The analysis's identity: the tokenizer's code version, the folding table it uses, the
    /// bundled data the query analysis (and so the calibration) uses, and the calibration's version.
    static var tokenizerVersion: String {
        "\(TextAnalyzer.version)+t2s\(TextAnalyzer.shared.folding.count)+data\(AnalysisResources.bundled.dataHash)+cal\(Calibrator.version)"
    }

    /// Creates the schema and stores a parsed corpus in `db`. The columns written here are read
    /// back by name in `EntryRecord` and `PageRecord`, and by `IndexReader`.
    /// - Parameters:
    ///   - pinyin: the readings the `pinyin` table is made with.
    static func write(
        _ corpus: ParsedCorpus, fingerprint: Fingerprint, pinyin: PinyinTable, into db: Database, progress: ((Int, Int) -> Void)? = nil
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
            let context = EntryRecord.context(of: entry)
            try insert.execute(arguments: [
                i + 1, entry.id, entry.category, entry.pageTitle, entry.title, entry.answer, entry.url,
                entry.position, attachments, entry.group, context, MarkdownText.searchableText(entry.answer),
            ])
            if let progress, i % 1000 == 999 { progress(i + 1, total) }
        }
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts, rank) VALUES('pgsz', \(ftsPageSize))")
        // FTS5's own rank column: `ORDER BY rank LIMIT n` lets FTS5 sort by bm25 itself and run
        // the other auxiliary functions (our matchinfo) only for the rows it returns.
        let weights = IndexSchema.columnWeights.map { "\($0)" }.joined(separator: ", ")
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts, rank) VALUES('rank', 'bm25(\(weights))')")
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts) VALUES('rebuild')")
        try db.execute(sql: "INSERT INTO entries_fts(entries_fts) VALUES('optimize')")
        // Document frequencies for the ranker, as a table it can seek in.
        try db.execute(sql: "CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID")
        try db.execute(sql: "INSERT INTO terms(term, df) SELECT term, doc FROM entries_vocab")
        try writePinyin(into: db, table: pinyin)
        let meta: [String: String] = [
            "schema_version": String(fingerprint.schemaVersion),
            "tokenizer_version": fingerprint.tokenizerVersion,
            "corpus_hash": fingerprint.corpusHash,
            "built_at": ISO8601DateFormatter().string(from: Date()),
            "entry_count": String(corpus.entries.count),
            "page_count": String(corpus.pages.count),
            "warning_count": String(corpus.warnings.count),
        ]
        for (key, value) in meta {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
        progress?(total, total)
    }

    /// Pinyin keys of every character pair in the index (`fapiao` → 发票), so Latin-letter queries
    /// can find Chinese terms; see `PinyinTable`.
    static func writePinyin(into db: Database, table: PinyinTable) throws {
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
    /// - Parameters:
    ///   - calibrate: measures the written index (see `Calibrator`) through a reader of it; its
    ///     result is stored as the `calibration` metadata. Without it the index reads as uncalibrated.
    ///   - corpusPath: where the corpus was read from, stored as the `corpus_path` metadata so a
    ///     tool given only this file can find its corpus again (``KnowledgeBase/recordedCorpusURL(ofIndexAt:)``).
    static func build(
        _ corpus: ParsedCorpus, fingerprint: Fingerprint, pinyin: PinyinTable, at url: URL, corpusPath: String? = nil,
        progress: ((Int, Int) -> Void)? = nil, calibrate: ((IndexReader) throws -> Calibration)? = nil
    ) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FAQKitError.indexWrite(
                "cannot create the index's folder \(directory.path): \(error.localizedDescription) (give the index another path: --db or FAQ_DB)")
        }
        try checkReplaceable(url)
        removeStaleTemporaryFiles(for: url)
        let temporary = temporaryURL(for: url)
        try? FileManager.default.removeItem(at: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let queue = try DatabaseQueue(path: temporary.path, configuration: configuration(readonly: false))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096")
                try db.inTransaction {
                    try write(corpus, fingerprint: fingerprint, pinyin: pinyin, into: db, progress: progress)
                    return .commit
                }
            }
            if let calibrate {
                let calibration = try calibrate(IndexReader(queue, path: temporary.path, logger: nil))
                try queue.write { db in
                    try db.execute(
                        sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [Calibration.metadataKey, calibration.metadataValue])
                }
            }
            if let corpusPath {
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [corpusPathKey, corpusPath])
                }
            }
            try queue.writeWithoutTransaction { db in
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
}
