import Foundation
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
/// rebuilds it when they differ. Reads go through one ``IndexReader`` (a GRDB `DatabasePool`), so
/// one knowledge base serves concurrent callers.
public final class KnowledgeBase: Sendable {
    public let configuration: Configuration
    public let info: IndexInfo
    /// The corpus's pages, in order.
    public let pages: [FAQPage]
    /// Category slug → display name, from the pages (the first page of a category names it).
    private let categoryNames: [String: String]
    private let reader: IndexReader
    let engine: SearchEngine
    /// The language of the FAQ's pages, which its fallback messages use.
    private let language: Fallback.Language
    private let defaultFallback: Fallback
    /// The error mapper, or why the corpus's error rules cannot be used: a broken
    /// `error-rules.json` fails `explain` only, and search and ask go on serving.
    private let errorMapper: Result<ErrorMapper, FAQKitError>

    /// Opens the knowledge base, building or rebuilding its index when needed.
    ///
    /// The corpus and its data files are read once (``CorpusSource/snapshot()``), and the index
    /// file is opened once unless this open rebuilds it.
    /// - Parameters:
    ///   - configuration: corpus, index path and rebuild policy.
    ///   - logger: where build progress, rebuild decisions and index failures are logged (the
    ///     caller's; the task-local logger by default).
    ///   - progress: called with (entries written, total) during a build.
    public static func open(
        _ configuration: Configuration = Configuration(), logger: Logger = .current, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> KnowledgeBase {
        if let link = configuration.contactURL, !Fallback.isContactLink(link) {
            throw FAQKitError.invalidInput(
                "the contact link \(link.debugDescription) is not an http(s), mailto: or tel: link (such as https://example.com/support)")
        }
        let indexPath = configuration.indexURL.path
        var warnings: [CorpusWarning] = []
        var rebuilt = false
        // Every input is read once; a corpus that cannot be read still lets an existing index serve.
        let corpus = CorpusResources(source: CorpusSource(url: configuration.corpusURL))
        let rules = Result { () throws(FAQKitError) in try corpus.errorRules() }

        func buildIndex() throws -> IndexReader {
            let snapshot = try corpus.snapshot.get()
            let parsed = try snapshot.parse()
            logger.info(
                "building index",
                metadata: ["corpus": "\(configuration.corpusURL.path)", "index": "\(indexPath)", "entries": "\(parsed.entries.count)"])
            let analyzer = corpus.queryAnalyzer
            try IndexStore.build(
                parsed, fingerprint: snapshot.fingerprint, pinyin: analyzer.pinyinTable, at: configuration.indexURL,
                corpusPath: configuration.corpusURL.standardizedFileURL.path, progress: progress,
                calibrate: { try Calibrator.calibrate($0, analyzer: analyzer) })
            warnings = parsed.warnings
            rebuilt = true
            return try openReader(indexPath, logger: logger)
        }

        var reader: IndexReader
        switch configuration.rebuild {
        case .always:
            reader = try buildIndex()
        case .never:
            reader = try openReader(indexPath, logger: logger)
        case .ifNeeded:
            do {
                if let existing = try IndexReader.open(path: indexPath, logger: logger) {
                    reader = existing
                    if let current = try? corpus.snapshot.get().fingerprint, current != (try existing.fingerprint()) {
                        logger.info("corpus or tokenizer changed; rebuilding index", metadata: ["index": "\(indexPath)"])
                        reader = try buildIndex()
                    }
                } else {
                    reader = try buildIndex()
                }
            } catch let error as FAQKitError where error.code == .indexUnreadable && !rebuilt {
                // A file FAQKit did not write is refused as it is, not announced as a rebuild.
                try IndexStore.checkReplaceable(configuration.indexURL)
                logger.warning("index is unusable; rebuilding from the corpus", metadata: ["index": "\(indexPath)", "reason": "\(error.message)"])
                reader = try buildIndex()
            }
        }

        do {
            return try KnowledgeBase(
                configuration, reader: reader, rebuilt: rebuilt, warnings: warnings, rules: rules, corpus: corpus, logger: logger)
        } catch let error as FAQKitError where error.code == .indexUnreadable && configuration.rebuild == .ifNeeded && !rebuilt {
            // The metadata read fine but the rest of the file is damaged: the corpus is at hand.
            logger.warning("index is damaged; rebuilding from the corpus", metadata: ["index": "\(indexPath)", "reason": "\(error.message)"])
            reader = try buildIndex()
            return try KnowledgeBase(
                configuration, reader: reader, rebuilt: rebuilt, warnings: warnings, rules: rules, corpus: corpus, logger: logger)
        }
    }

    /// The corpus the index file at `url` was built from, as its build recorded it; nil when there
    /// is no file, it is not a readable FAQKit index, or it was built before the path was recorded.
    ///
    /// A tool given only an index (`faq ask --db my.sqlite`) opens it with this corpus rather
    /// than the default one, which would rebuild the file from another FAQ.
    public static func recordedCorpusURL(ofIndexAt url: URL) -> URL? {
        guard let reader = try? IndexReader.open(path: url.path, logger: Logger(label: "faqkit.index", factory: { _ in SwiftLogNoOpLogHandler() })),
            let path = try? reader.corpusPath(), !path.isEmpty
        else { return nil }
        return URL(fileURLWithPath: path)
    }

    private static func openReader(_ path: String, logger: Logger) throws -> IndexReader {
        guard let reader = try IndexReader.open(path: path, logger: logger) else {
            throw FAQKitError.indexUnreadable(path: path, reason: "no index file there")
        }
        return reader
    }

    /// Opens an index file that is expected to be current, and checks it: its schema version,
    /// its pages (``IndexReader/verify()``), and the error rules against its entries (rules that
    /// name an entry it lacks are reported and leave `explain` failing, nothing else).
    private init(
        _ configuration: Configuration, reader: IndexReader, rebuilt: Bool, warnings: [CorpusWarning], rules: Result<ErrorRules, FAQKitError>,
        corpus: CorpusResources, logger: Logger
    ) throws {
        let path = configuration.indexURL.path
        let stored = try reader.fingerprint()
        guard stored.schemaVersion == IndexStore.schemaVersion else {
            throw FAQKitError.indexUnreadable(
                path: path,
                reason:
                    "it has index schema version \(stored.schemaVersion), and this version of FAQKit reads version \(IndexStore.schemaVersion); rebuild it with `faq index`"
            )
        }
        if stored.tokenizerVersion != IndexStore.tokenizerVersion {
            logger.warning(
                "index was built with another tokenizer; results may be poor until it is rebuilt",
                metadata: ["index": "\(path)", "found": "\(stored.tokenizerVersion)", "expected": "\(IndexStore.tokenizerVersion)"])
        }
        // A file this open just wrote needs no check.
        if !rebuilt { try reader.verify() }
        let summary = try reader.summary()
        self.configuration = configuration
        self.reader = reader.serving()
        self.engine = try SearchEngine.open(reader, analyzer: corpus.queryAnalyzer, calibration: summary.calibration)
        self.pages = summary.pages
        self.categoryNames = Dictionary(pages.map { ($0.category, $0.categoryName) }, uniquingKeysWith: { first, _ in first })
        let checkedRules = rules.flatMap { rules in
            Result {
                try corpus.validate(rules, entryIDs: reader.existingEntryIDs(among: rules.rules.flatMap(\.entryIDs) + rules.fallback.entryIDs))
                return rules
            }.mapError { $0 as? FAQKitError ?? .corpusInvalid("error rules: \($0)") }
        }
        var rulesProblem: String?
        if case .failure(let error) = checkedRules {
            logger.warning("error rules are unusable; explain fails until they are fixed", metadata: ["reason": "\(error.message)"])
            rulesProblem = error.message
        }
        self.errorMapper = checkedRules.map(ErrorMapper.init(rules:))
        self.info = IndexInfo(
            path: path, corpusPath: configuration.corpusURL.path, entryCount: summary.entryCount, pageCount: pages.count,
            builtAt: summary.builtAt, fingerprint: stored, rebuilt: rebuilt, warnings: warnings, calibration: summary.calibration,
            errorRulesProblem: rulesProblem)
        // The configured contact link, else the one most pages share.
        self.language = Fallback.Language.of(pages.map(\.title) + pages.map(\.categoryName))
        self.defaultFallback = Fallback(
            contactURL: configuration.contactURL ?? Self.mostCommon(pages.compactMap(\.contactURL).filter(Fallback.isContactLink)), language: language
        )
    }

    /// The most frequent string, the first seen on a tie.
    static func mostCommon(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: String? = nil
        for value in values where best == nil || counts[value]! > counts[best!]! { best = value }
        return best
    }

    // MARK: - Queries

    /// Confidence at or above which `ask` answers (see `SearchHit.confidence`).
    public static var confidenceThreshold: Double { SearchEngine.confidenceThreshold }

    /// The longest query accepted, in characters (``QueryLimits/maxLength``).
    public static var maxQueryLength: Int { QueryLimits.maxLength }
    /// The longest query accepted, in bytes of UTF-8 (``QueryLimits/maxBytes``).
    public static var maxQueryBytes: Int { QueryLimits.maxBytes }

    /// Analyzes a query without searching: the units, terms and expansions the engine uses.
    public func analyze(_ query: String) -> AnalyzedQuery {
        engine.analyze(query)
    }

    /// Searches for entries matching `query`, best first.
    /// - Parameters:
    ///   - limit: most hits returned (``QueryLimits/resultLimits``, 1...100).
    ///   - offset: hits to skip, for paging.
    ///   - category: only entries of this category slug; one the index does not have is an
    ///     `invalidInput` error naming the categories.
    ///   - highlight: mark matches in titles and cut snippets around them; without it, titles are
    ///     plain and snippets are the answers' first lines (cheaper, for callers that only rank).
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, category: String? = nil, highlight: Bool = true) throws -> SearchResponse {
        try search(query, limit: limit, offset: offset, category: category, highlight: highlight, highlightedAnswers: 0)
    }

    func search(_ query: String, limit: Int, offset: Int, category: String?, highlight: Bool = true, highlightedAnswers: Int) throws -> SearchResponse
    {
        let trimmed = try QueryLimits.validate(query)
        try QueryLimits.validate(limit: limit, offset: offset)
        // A misspelt filter is the caller's mistake, not a question nobody can answer: an empty
        // result would read as "no answer" (and be counted as one).
        if let category, categoryNames[category] == nil {
            // Quoted as a string literal, cut short: the message stays one line whatever was sent.
            let shown = category.count > 40 ? String(category.prefix(40)) + "…" : category
            throw FAQKitError.invalidInput(
                "unknown category \(shown.debugDescription); the categories are \(categoryNames.keys.sorted().joined(separator: ", "))")
        }
        let analysis = analyze(trimmed)
        let ranked = try engine.rank(query: analysis, category: category)
        let page = ranked.dropFirst(offset).prefix(limit)
        let hits = try engine.hits(query: analysis, candidates: page, highlight: highlight, highlightedAnswers: highlightedAnswers)
        let decision = engine.decide(ranked)
        let answered = decision.outcome == .answer
        let fallback = answered ? nil : try fallback(for: ranked.first?.rowid)
        var suggestions: [SearchHit] = []
        if decision.outcome == .suggest {
            let firstThree =
                offset == 0 && limit >= 3
                ? Array(hits.prefix(3))
                : try engine.hits(query: analysis, candidates: ranked.prefix(3), highlight: highlight)
            suggestions = SearchEngine.suggestions(firstThree)
        }
        return SearchResponse(
            query: trimmed, answered: answered, outcome: decision.outcome, suggestions: suggestions, decision: decision,
            hits: hits, estimatedTotalHits: ranked.count, fallback: fallback, analysis: analysis)
    }

    /// True when searches read no file: the postings, titles and entries of a small index are held
    /// in memory from the moment it opens. A larger index is searched through FTS5 on disk, and a
    /// search can wait on I/O (the server then runs it off the cooperative thread pool).
    public var answersFromMemory: Bool { engine.source is MemoryCandidates }

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
            let sameCategory = try engine.source.nearest(inCategory: best.entry.category, to: best.entry, limit: 4)
            for entry in sameCategory where !related.contains(where: { $0.id == entry.id }) { related.append(entry) }
        }
        return Array(related.prefix(3))
    }

    /// Explains a pasted API failure (a status, curl output, an SDK exception, a log line, a JSON
    /// body): what went wrong, the next step, and the FAQ entries that fix it.
    public func explain(_ text: String) throws -> ErrorDiagnosis {
        try errorMapper.get().explain(
            text, entry: { try self.entry(id: $0) },
            search: { query in
                guard case .success(let trimmed) = QueryLimits.check(query) else { return [] }
                return try self.search(trimmed, limit: 5, highlight: false).hits.filter { $0.confidence > 0 }.map(\.entry)
            })
    }

    /// The entry with this id.
    public func entry(id: String) throws -> FAQEntry? {
        try reader.entry(id: id)
    }

    /// Every entry, in corpus order.
    public func entries() throws -> [FAQEntry] {
        try reader.entries()
    }

    /// The display name of a category slug (`invoices` → `开具发票`), for clients that show
    /// categories to people; the slug itself when no page has that category.
    public func categoryName(for slug: String) -> String {
        categoryNames[slug] ?? slug
    }

    /// Categories with their display names and entry counts, in corpus order.
    public func categories() throws -> [(category: CategoryMap.Category, count: Int)] {
        let counts = try reader.categoryCounts()
        var seen = Set<String>()
        return pages.compactMap { page in
            guard seen.insert(page.category).inserted else { return nil }
            return (CategoryMap.Category(slug: page.category, name: page.categoryName), counts[page.category] ?? 0)
        }
    }

    /// The fallback for an unanswered query: the contact link of the best candidate's page, or
    /// the one most pages share.
    private func fallback(for rowid: Int64?) throws -> Fallback {
        guard configuration.contactURL == nil, let rowid, let pageTitle = try engine.source.pageTitle(rowid: rowid),
            let page = pages.first(where: { $0.title == pageTitle }), let url = page.contactURL
        else { return defaultFallback }
        return Fallback(contactURL: url, language: language)
    }

    /// `query` without leading and trailing white space and line breaks (``QueryLimits/trimmed(_:)``).
    public static func trimmed(_ query: String) -> String {
        QueryLimits.trimmed(query)
    }
}
