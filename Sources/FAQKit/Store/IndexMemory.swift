/// The parts of the index every query reads, held in memory: each term's document frequency,
/// each entry's question title, and for a small index the entries and their postings.
///
/// The index file never changes once built, so these can be read once at open. Loaded only while
/// the index is small enough (`limit` terms); a larger index is read through SQL (see
/// `CandidateSource`).
struct IndexMemory: Sendable {
    /// Document frequency by term hash (`TextAnalyzer.hash`).
    var documentFrequency: TokenTable
    /// Question titles by rowid (rowids run from 1), as tokens.
    var titleTokens: [[TitleToken]]
    /// Corpus character pairs by pinyin key (`fapiao` → [发票]).
    var pinyin: [String: [String]]
    /// Latin words of the index, for typo correction.
    var words: [String]
    /// Entries and their searchable text by rowid, when the index has at most `entryLimit`
    /// entries (empty otherwise): results then need no query at all.
    var entries: [EntryRecord?]
    /// Rowids of each category's entries, in corpus order (when the entries are in memory).
    var rowidsByCategory: [String: [Int]] = [:]
    /// Every token occurrence, when the entries are in memory and their text is small enough:
    /// queries then never reach FTS5.
    var postings: PostingsIndex?

    /// Most entries held in memory (about 1 KiB each with the bundled corpus's answer lengths).
    static let entryLimit = 50_000

    /// Most terms held in memory (about 40 bytes each).
    static let limit = 2_000_000

    /// The entry record at `rowid`, when the entries are in memory.
    func record(_ rowid: Int64) -> EntryRecord? {
        rowid >= 0 && rowid < entries.count ? entries[Int(rowid)] : nil
    }

    /// Up to `limit` other entries of a category, nearest to `entry` in corpus order (earlier
    /// first on a tie); nil when the entries are not in memory.
    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) -> [FAQEntry]? {
        guard !entries.isEmpty else { return nil }
        let others = (rowidsByCategory[category] ?? []).compactMap { entries[$0]?.entry }.filter { $0.id != entry.id }
        let byDistance = others.sorted {
            (abs($0.position - entry.position), $0.position) < (abs($1.position - entry.position), $1.position)
        }
        return Array(byDistance.prefix(limit))
    }

    /// Reads what fits in memory from `reader`; nil when the index has more than `limit` terms.
    static func load(_ reader: IndexReader, analyzer: TextAnalyzer) throws -> IndexMemory? {
        guard let terms = try reader.terms(limit: limit) else { return nil }
        var words: [String] = []
        var frequencies = TokenTable(capacity: terms.count)
        for (term, df) in terms {
            if TypoCorrector.isLetters(term) { words.append(term) }
            frequencies[TextAnalyzer.hash(term)] = Int32(clamping: df)
        }
        let titleRows = try reader.titles()
        let maxRowid = Int(titleRows.map(\.rowid).max() ?? 0)
        var titles = [[TitleToken]](repeating: [], count: maxRowid + 1)
        for (rowid, title) in titleRows where rowid >= 0 {
            titles[Int(rowid)] = TitleToken.tokens(of: title, analyzer: analyzer)
        }
        let pinyin = try reader.pinyinKeys()
        let entries = try reader.recordsByRowid(limit: entryLimit)
        var postings: PostingsIndex? = nil
        // Chinese text makes about two occurrences per three bytes (a character is 3 bytes and
        // 2 tokens), English fewer: text much larger than the postings limit would only be
        // tokenized to be thrown away.
        let textBytes = entries.reduce(0) { $0 + ($1.map { $0.body.utf8.count + $0.entry.title.utf8.count } ?? 0) }
        if !entries.isEmpty && textBytes <= PostingsIndex.limit * 3 / 2 {
            let rows = entries.indices.compactMap { rowid in entries[rowid].map { (rowid: rowid, columns: $0.searchColumns) } }
            postings = PostingsIndex(rows: rows, columnCount: IndexSchema.columns.count, analyzer: analyzer)
        }
        var byCategory: [String: [Int]] = [:]
        for (rowid, item) in entries.enumerated() {
            if let item { byCategory[item.entry.category, default: []].append(rowid) }
        }
        for category in byCategory.keys { byCategory[category]!.sort { entries[$0]!.entry.position < entries[$1]!.entry.position } }
        return IndexMemory(
            documentFrequency: frequencies, titleTokens: titles, pinyin: pinyin, words: words, entries: entries,
            rowidsByCategory: byCategory, postings: postings)
    }
}
