import Foundation
import GRDB
import Logging

/// The FAQ knowledge base: an index over a corpus, and the questions you can ask it.
///
/// ```swift
/// let kb = try KnowledgeBase.open()                 // bundled corpus, index built on first use
/// let answer = try kb.ask("发票多久能开出来？")
/// print(answer.hit?.entry.answer ?? answer.fallback?.url ?? "")
/// ```
///
/// Opening checks the index against its corpus (content hash, tokenizer and schema versions) and
/// rebuilds it when they differ. Reads go through a GRDB `DatabasePool`, so one knowledge base
/// serves concurrent callers.
public final class KnowledgeBase: Sendable {
    /// Where the corpus and index live, and when to rebuild.
    public struct Configuration: Sendable {
        /// When to rebuild the index.
        public enum RebuildPolicy: Sendable {
            /// Rebuild when the index is missing, unusable or built from other inputs.
            case ifNeeded
            /// Always rebuild.
            case always
            /// Never rebuild: use the index as it is (fails when missing).
            case never
        }

        /// The corpus: a markdown file, a folder of them, or a CSV or JSON list of Q&A pairs
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
            let environment = ProcessInfo.processInfo.environment
            let cache = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
            let name = corpusURL.deletingPathExtension().lastPathComponent
            let key = String(Hashing.fnv1a(Data(corpusURL.standardizedFileURL.path.utf8)), radix: 16)
            return cache.appendingPathComponent("faqkit").appendingPathComponent("\(name)-\(key).sqlite")
        }
    }

    /// Facts about the open index, for `faq stats` and `/health`.
    public struct IndexInfo: Sendable, Codable {
        public var path: String
        public var corpusPath: String
        public var entryCount: Int
        public var pageCount: Int
        public var builtAt: String
        public var fingerprint: IndexStore.Fingerprint
        /// True when this open built the index.
        public var rebuilt: Bool
        /// Corpus warnings from the build done by this open (empty when the index was reused).
        public var warnings: [CorpusWarning]
        /// The thresholds this index's calibration found (see `Calibration`).
        public var calibration: Calibration
    }

    public let configuration: Configuration
    public let info: IndexInfo
    /// The corpus's pages, in order.
    public let pages: [FAQPage]
    /// Category slug → display name, from the pages (the first page of a category names it).
    private let categoryNames: [String: String]
    private let reader: DatabasePool
    private let engine: SearchEngine
    private let queryAnalyzer: QueryAnalyzer
    private let defaultFallback: Fallback
    private let errorMapper: ErrorMapper
    private let typos: TypoCorrector
    /// Where failures of the index file are logged with SQLite's detail.
    private let logger: Logger

    /// Opens the knowledge base, building or rebuilding its index when needed.
    /// - Parameters:
    ///   - configuration: corpus, index path and rebuild policy.
    ///   - logger: where build progress and rebuild decisions are logged.
    ///   - progress: called with (entries written, total) during a build.
    public static func open(
        _ configuration: Configuration = Configuration(), logger: Logger = Logger(label: "faqkit"),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> KnowledgeBase {
        let indexPath = configuration.indexURL.path
        var warnings: [CorpusWarning] = []
        var rebuilt = false
        let source = CorpusSource(url: configuration.corpusURL)
        // Every input is read once; a corpus that cannot be read still lets an existing index serve.
        let snapshot = Result { try source.snapshot() }
        let resources = CorpusResources(snapshot: try? snapshot.get())
        let rules = try resources.errorRules()

        func buildIndex() throws {
            let files = try snapshot.get()
            let parsed = try files.parse()
            try resources.validate(rules, entryIDs: Set(parsed.entries.map(\.id)))
            logger.info("building index", metadata: ["corpus": "\(configuration.corpusURL.path)", "index": "\(indexPath)", "entries": "\(parsed.entries.count)"])
            let analyzer = resources.queryAnalyzer
            try IndexStore.build(
                parsed, fingerprint: files.fingerprint, at: configuration.indexURL, progress: progress,
                calibrate: { try Calibrator.calibrate($0, analyzer: analyzer) })
            warnings = parsed.warnings
            rebuilt = true
        }

        let exists = FileManager.default.fileExists(atPath: indexPath)
        switch configuration.rebuild {
        case .always:
            try buildIndex()
        case .never:
            guard exists else { throw FAQKitError.indexUnreadable(path: indexPath, reason: "no index file there") }
        case .ifNeeded:
            if !exists {
                try buildIndex()
            } else {
                let current = try? snapshot.get().fingerprint
                do {
                    let stored = try Self.readFingerprint(indexPath, logger: logger)
                    if let current, current != stored {
                        logger.info("corpus or tokenizer changed; rebuilding index", metadata: ["index": "\(indexPath)"])
                        try buildIndex()
                    }
                } catch let error as FAQKitError where error.code == .indexUnreadable {
                    logger.warning("index is unusable; rebuilding from the corpus", metadata: ["index": "\(indexPath)", "reason": "\(error.message)"])
                    try buildIndex()
                }
            }
        }

        do {
            return try openBuilt(configuration, logger: logger, rebuilt: rebuilt, warnings: warnings, rules: rules, resources: resources)
        } catch let error as FAQKitError where error.code == .indexUnreadable && configuration.rebuild == .ifNeeded && !rebuilt {
            // The metadata read fine but the rest of the file is damaged: the corpus is at hand.
            logger.warning("index is damaged; rebuilding from the corpus", metadata: ["index": "\(indexPath)", "reason": "\(error.message)"])
            try buildIndex()
            return try openBuilt(configuration, logger: logger, rebuilt: rebuilt, warnings: warnings, rules: rules, resources: resources)
        }
    }

    /// Opens an index file that is expected to be current, and checks it: its schema version,
    /// its pages (``IndexStore/verify(_:path:logger:)``), and the error rules against its entries.
    private static func openBuilt(
        _ configuration: Configuration, logger: Logger, rebuilt: Bool, warnings: [CorpusWarning], rules: ErrorRules,
        resources: CorpusResources
    ) throws -> KnowledgeBase {
        let indexPath = configuration.indexURL.path
        guard let pool = try openPool(indexPath, logger: logger) else {
            throw FAQKitError.indexUnreadable(path: indexPath, reason: "no index file there")
        }
        let stored = try IndexStore.fingerprint(of: pool, path: indexPath, logger: logger)
        guard stored.schemaVersion == IndexStore.schemaVersion else {
            throw FAQKitError.indexUnreadable(
                path: indexPath,
                reason: "it has index schema version \(stored.schemaVersion), and this version of FAQKit reads version \(IndexStore.schemaVersion); rebuild it with `faq index`")
        }
        if stored.tokenizerVersion != IndexStore.tokenizerVersion {
            logger.warning(
                "index was built with another tokenizer; results may be poor until it is rebuilt",
                metadata: ["index": "\(indexPath)", "found": "\(stored.tokenizerVersion)", "expected": "\(IndexStore.tokenizerVersion)"])
        }
        // A file this open just wrote needs no check.
        if !rebuilt { try IndexStore.verify(pool, path: indexPath, logger: logger) }
        let kb = try KnowledgeBase(
            configuration: configuration, pool: pool, fingerprint: stored, rebuilt: rebuilt, warnings: warnings, rules: rules,
            resources: resources, logger: logger)
        if !rebuilt { try resources.validate(rules, entryIDs: kb.existingEntryIDs(among: rules.rules.flatMap(\.entryIDs) + rules.fallback.entryIDs)) }
        return kb
    }

    /// The fingerprint of the index file at `path`.
    private static func readFingerprint(_ path: String, logger: Logger) throws -> IndexStore.Fingerprint {
        guard let pool = try openPool(path, logger: logger) else {
            throw FAQKitError.indexUnreadable(path: path, reason: "no index file there")
        }
        return try IndexStore.fingerprint(of: pool, path: path, logger: logger)
    }

    private init(
        configuration: Configuration, pool: DatabasePool, fingerprint: IndexStore.Fingerprint, rebuilt: Bool, warnings: [CorpusWarning],
        rules: ErrorRules, resources: CorpusResources, logger: Logger
    ) throws {
        self.errorMapper = ErrorMapper(rules: rules)
        let path = configuration.indexURL.path
        self.configuration = configuration
        self.reader = pool
        self.logger = logger
        do {
            let (pages, counts, builtAt, engine): ([FAQPage], Int, String, SearchEngine) = try pool.read { db in
                let pages = try Row.fetchAll(db, sql: "SELECT * FROM pages ORDER BY id").map { row in
                    FAQPage(
                        title: row["title"], url: row["url"], category: row["category"], categoryName: row["categoryName"],
                        contactURL: row["contactURL"], contactText: row["contactText"], line: row["line"])
                }
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
                let builtAt = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'built_at'") ?? ""
                var engine = SearchEngine(entryCount: count, memory: try IndexMemory.load(db))
                engine.calibration = try IndexStore.calibration(db)
                engine.fillerHashes = TokenSet(resources.queryAnalyzer.fillerTokenHashes)
                if !engine.answersFromMemory { engine.statistics = try engine.columnStatistics(db) }
                return (pages, count, builtAt, engine)
            }
            self.pages = pages
            self.categoryNames = Dictionary(pages.map { ($0.category, $0.categoryName) }, uniquingKeysWith: { first, _ in first })
            self.engine = engine
            self.info = IndexInfo(
                path: path, corpusPath: configuration.corpusURL.path, entryCount: counts, pageCount: pages.count,
                builtAt: builtAt, fingerprint: fingerprint, rebuilt: rebuilt, warnings: warnings,
                calibration: engine.calibration)
        } catch {
            throw IndexStore.unreadable(path: path, error: error, logger: logger)
        }
        self.queryAnalyzer = resources.queryAnalyzer
        // Words a typo can be corrected to: the index's own and the glossary's English.
        let glossaryWords = queryAnalyzer.synonyms.groups.joined().flatMap { $0.units.filter { $0.kind == .word }.map(\.text) }
        self.typos = TypoCorrector(words: (engine.memory?.words ?? []) + glossaryWords)
        // The configured contact link, else the one most pages share.
        self.defaultFallback = Fallback(contactURL: configuration.contactURL ?? Self.mostCommon(pages.compactMap(\.contactURL)))
    }

    /// The most frequent string, the first seen on a tie.
    static func mostCommon(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: String? = nil
        for value in values where best == nil || counts[value]! > counts[best!]! { best = value }
        return best
    }


    private static func openPool(_ path: String, logger: Logger) throws -> DatabasePool? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try DatabasePool(path: path, configuration: IndexStore.configuration(readonly: true))
        } catch {
            throw IndexStore.unreadable(path: path, error: error, logger: logger)
        }
    }

    /// Runs a read of the index. A SQLite failure there means the file was damaged after it
    /// was opened and checked (or in a part the checks do not reach); the caller gets a
    /// `FAQKitError` that says so, and the log gets SQLite's detail at error level.
    private func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw IndexStore.unreadable(path: info.path, error: error, logger: logger, level: .error)
        }
    }

    /// `reader.read` under `reading`: one read of the index, its failures reported as such.
    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reading { try reader.read(body) }
    }

    // MARK: - Queries

    /// Confidence at or above which `ask` answers (see `SearchHit.confidence`).
    public static var confidenceThreshold: Double { SearchEngine.confidenceThreshold }

    /// The longest query accepted, in characters.
    public static let maxQueryLength = 512
    /// The longest query accepted, in bytes of UTF-8. A character can hold any number of
    /// combining marks (one `Character` of a megabyte passes ``maxQueryLength``), so the
    /// character count alone does not bound the work a query causes. 2,048 bytes leave room for
    /// 512 characters of CJK (3 bytes each) with a few marks or emoji.
    public static let maxQueryBytes = 2048

    /// Analyzes a query without searching: the units, terms and expansions the engine uses.
    public func analyze(_ query: String) -> AnalyzedQuery {
        let pinyin = engine.memory?.pinyin
        return queryAnalyzer.analyze(query, pinyin: pinyin.map { table in { table[$0] ?? [] } }, typos: typos)
    }

    /// Searches for entries matching `query`, best first.
    /// - Parameters:
    ///   - limit: most hits returned (1...100).
    ///   - offset: hits to skip, for paging.
    ///   - category: only entries of this category slug.
    ///   - highlight: mark matches in titles and cut snippets around them; without it, titles are
    ///     plain and snippets are the answers' first lines (cheaper, for callers that only rank).
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, category: String? = nil, highlight: Bool = true) throws -> SearchResponse {
        try search(query, limit: limit, offset: offset, category: category, highlight: highlight, highlightedAnswers: 0)
    }

    func search(_ query: String, limit: Int, offset: Int, category: String?, highlight: Bool = true, highlightedAnswers: Int) throws -> SearchResponse {
        let trimmed = try Self.validate(query)
        guard (1...100).contains(limit) else { throw FAQKitError.invalidInput("limit must be between 1 and 100") }
        guard offset >= 0 else { throw FAQKitError.invalidInput("offset must not be negative") }
        let analysis = analyze(trimmed)
        return try reading { try withConnection { db in
            let ranked = try engine.rank(db, query: analysis, category: category)
            let page = ranked.dropFirst(offset).prefix(limit)
            let hits = try engine.hits(db, query: analysis, candidates: page, highlight: highlight, highlightedAnswers: highlightedAnswers)
            let decision = engine.decide(ranked)
            let answered = decision.outcome == .answer
            let fallback = answered ? nil : try fallback(db, for: ranked.first?.rowid)
            var suggestions: [SearchHit] = []
            if decision.outcome == .suggest {
                let firstThree = offset == 0 && limit >= 3 ? Array(hits.prefix(3))
                    : try engine.hits(db, query: analysis, candidates: ranked.prefix(3), highlight: highlight)
                suggestions = SearchEngine.suggestions(firstThree)
            }
            return SearchResponse(
                query: trimmed, answered: answered, outcome: decision.outcome, suggestions: suggestions, decision: decision,
                hits: hits, estimatedTotalHits: ranked.count, fallback: fallback, analysis: analysis)
        } }
    }

    /// Runs a query's reads: with no connection at all when the index is answered from memory,
    /// otherwise on a pooled reader. The index file never changes under a reader (a rebuild
    /// renames a new file into place), so a query needs no transaction: `unsafeRead` skips
    /// BEGIN/COMMIT and the schema checks.
    private func withConnection<T>(_ body: (Database?) throws -> T) throws -> T {
        if engine.answersFromMemory { return try body(nil) }
        return try reader.unsafeRead { db in try body(db) }
    }

    /// True when searches read no file: the postings, titles and entries of a small index are held
    /// in memory from the moment it opens. A larger index is searched through FTS5 on disk, and a
    /// search can wait on I/O (the server then runs it off the cooperative thread pool).
    public var answersFromMemory: Bool { engine.answersFromMemory }

    /// The best answer to `question`, or an abstention with the fallback link.
    public func ask(_ question: String) throws -> Answer {
        let response = try search(question, limit: 5, offset: 0, category: nil, highlightedAnswers: 1)
        guard response.answered, let best = response.hits.first else {
            return Answer(
                query: response.query, hit: nil, outcome: response.outcome, suggestions: response.suggestions, decision: response.decision,
                related: [], fallback: response.fallback ?? defaultFallback, candidates: response.hits, analysis: response.analysis)
        }
        let related = try relatedEntries(to: best, among: response.hits.dropFirst())
        return Answer(
            query: response.query, hit: best, outcome: .answer, suggestions: [], decision: response.decision, related: related,
            fallback: nil, candidates: response.hits, analysis: response.analysis)
    }

    /// Up to three entries related to an answer: the next-best hits that are reasonably close,
    /// then entries sharing its category.
    func relatedEntries(to best: SearchHit, among others: ArraySlice<SearchHit>) throws -> [FAQEntry] {
        var related = others.filter { $0.confidence >= SearchEngine.confidenceThreshold * 0.6 }.map(\.entry)
        if related.count < 3 {
            let sameCategory = try engine.memory?.nearest(inCategory: best.entry.category, to: best.entry, limit: 4) ?? reading { try reader.unsafeRead { db in
                try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT \(SearchEngine.entryColumns) FROM entries WHERE category = ? AND id != ? ORDER BY abs(position - ?) LIMIT 4"),
                    arguments: [best.entry.category, best.entry.id, best.entry.position]
                ).map { try SearchEngine.entry($0) }
            } }
            for entry in sameCategory where !related.contains(where: { $0.id == entry.id }) { related.append(entry) }
        }
        return Array(related.prefix(3))
    }

    /// Explains a pasted API failure (a status, curl output, an SDK exception, a log line, a JSON
    /// body): what went wrong, the next step, and the FAQ entries that fix it.
    public func explain(_ text: String) throws -> ErrorDiagnosis {
        try errorMapper.explain(
            text, entry: { try self.entry(id: $0) },
            search: { query in
                guard let trimmed = try? Self.validate(query) else { return [] }
                return try self.search(trimmed, limit: 5, highlight: false).hits.filter { $0.confidence > 0 }.map(\.entry)
            })
    }

    /// The entry with this id.
    public func entry(id: String) throws -> FAQEntry? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SearchEngine.entryColumns) FROM entries WHERE id = ?"), arguments: [id]).map { try SearchEngine.entry($0) }
        }
    }

    /// Which of `ids` the index holds: one lookup each, not a read of every entry.
    func existingEntryIDs(among ids: [String]) throws -> Set<String> {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM entries WHERE id = ?")
            return try Set(ids.filter { try Bool.fetchOne(statement, arguments: [$0]) != nil })
        }
    }

    /// Every entry, in corpus order.
    public func entries() throws -> [FAQEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(SearchEngine.entryColumns) FROM entries ORDER BY position").map { try SearchEngine.entry($0) }
        }
    }

    /// The display name of a category slug (`invoices` → `开具发票`), for clients that show
    /// categories to people; the slug itself when no page has that category.
    public func categoryName(for slug: String) -> String {
        categoryNames[slug] ?? slug
    }

    /// Categories with their display names and entry counts, in corpus order.
    public func categories() throws -> [(category: CategoryMap.Category, count: Int)] {
        let counts: [String: Int] = try read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT category, count(*) FROM entries GROUP BY category") { result[row[0]] = row[1] }
            return result
        }
        var seen = Set<String>()
        return pages.compactMap { page in
            guard seen.insert(page.category).inserted else { return nil }
            return (CategoryMap.Category(slug: page.category, name: page.categoryName), counts[page.category] ?? 0)
        }
    }

    /// The fallback for an unanswered query: the contact link of the best candidate's page, or
    /// the one most pages share.
    private func fallback(_ db: Database?, for rowid: Int64?) throws -> Fallback {
        guard configuration.contactURL == nil, let rowid, let pageTitle = try pageTitle(db, rowid: rowid),
            let page = pages.first(where: { $0.title == pageTitle }), let url = page.contactURL
        else { return defaultFallback }
        return Fallback(contactURL: url)
    }

    private func pageTitle(_ db: Database?, rowid: Int64) throws -> String? {
        if let entries = engine.memory?.entries, rowid >= 0, rowid < entries.count, let item = entries[Int(rowid)] {
            return item.entry.pageTitle
        }
        return try String.fetchOne(
            SearchEngine.connection(db).cachedStatement(sql: "SELECT pageTitle FROM entries WHERE rowid = ?"), arguments: [rowid])
    }

    /// `query` without leading and trailing white space and line breaks (Unicode White_Space).
    public static func trimmed(_ query: String) -> String {
        query.trimmingWhitespace()
    }

    static func validate(_ query: String) throws -> String {
        let trimmed = Self.trimmed(query)
        guard !trimmed.isEmpty else { throw FAQKitError.invalidInput("the query is empty") }
        guard trimmed.utf8.count <= maxQueryBytes else {
            throw FAQKitError.invalidInput("the query is longer than \(maxQueryBytes) bytes of UTF-8")
        }
        guard trimmed.count <= maxQueryLength else {
            throw FAQKitError.invalidInput("the query is longer than \(maxQueryLength) characters")
        }
        return trimmed
    }
}
