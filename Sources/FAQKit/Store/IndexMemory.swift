import GRDB

/// The parts of the index every query reads, held in memory: each term's document frequency
/// and each entry's question title.
///
/// The index file never changes once built, so these can be read once at open. A query then
/// asks SQLite only for what FTS5 alone can answer (the matching rows). Loaded only while the
/// index is small enough (`limit` terms); a larger index is read through SQL as before.
struct IndexMemory: Sendable {
    /// Document frequency by term hash (`TextAnalyzer.hash`).
    var documentFrequency: TokenTable
    /// Question titles by rowid (rowids run from 1), as tokens.
    var titleTokens: [[SearchEngine.TitleToken]]
    /// Corpus character pairs by pinyin key (`fapiao` → [发票]).
    var pinyin: [String: [String]]
    /// Latin words of the index, for typo correction.
    var words: [String]
    /// Entries and their searchable text by rowid, when the index has at most `entryLimit`
    /// entries: results then need no query at all.
    var entries: [(entry: FAQEntry, body: String)?]
    /// Rowids of each category's entries, in corpus order (when the entries are in memory).
    var rowidsByCategory: [String: [Int]] = [:]
    /// Every token occurrence, when the entries are in memory and their text is small enough:
    /// queries then never reach FTS5.
    var postings: PostingsIndex?

    /// Most entries held in memory (about 1 KiB each with the bundled corpus's answer lengths).
    static let entryLimit = 50_000

    /// Most terms held in memory (about 40 bytes each).
    static let limit = 2_000_000

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

    static func load(_ db: Database) throws -> IndexMemory? {
        let termCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM terms") ?? 0
        let entryCount = try Int.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM entries") ?? 0
        guard termCount <= limit else { return nil }
        var words: [String] = []
        var frequencies = TokenTable(capacity: termCount)
        let terms = try Row.fetchCursor(db, sql: "SELECT term, df FROM terms")
        while let row = try terms.next() {
            let term: String = row[0]
            if TypoCorrector.isLetters(term) { words.append(term) }
            frequencies[TextAnalyzer.hash(term)] = Int32(clamping: row[1] as Int)
        }
        var titles = [[SearchEngine.TitleToken]](repeating: [], count: entryCount + 1)
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, title FROM entries")
        while let row = try rows.next() {
            let rowid: Int = row[0]
            if rowid >= 0 && rowid < titles.count { titles[rowid] = SearchEngine.titleTokens(row[1]) }
        }
        var pinyin: [String: [String]] = [:]
        let keys = try Row.fetchCursor(db, sql: "SELECT key, term FROM pinyin")
        while let row = try keys.next() { pinyin[row[0], default: []].append(row[1]) }
        var entries = [(entry: FAQEntry, body: String)?](repeating: nil, count: entryCount <= entryLimit ? entryCount + 1 : 0)
        if entryCount <= entryLimit {
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, \(SearchEngine.entryColumns) FROM entries")
            while let row = try rows.next() {
                let rowid: Int = row[0]
                guard rowid >= 0 && rowid < entries.count else { continue }
                let entry = try SearchEngine.entry(row, from: 1)
                entries[rowid] = (entry, row[10] ?? entry.answer)
            }
        }
        var postings: PostingsIndex? = nil
        // Chinese text makes about two occurrences per three bytes (a character is 3 bytes and
        // 2 tokens), English fewer: text much larger than the postings limit would only be
        // tokenized to be thrown away.
        let textBytes = entries.reduce(0) { $0 + ($1.map { $0.body.utf8.count + $0.entry.title.utf8.count } ?? 0) }
        if entryCount <= entryLimit && textBytes <= PostingsIndex.limit * 3 / 2 {
            let rows = entries.indices.compactMap { rowid in
                entries[rowid].map { item in (rowid: rowid, columns: [item.entry.title, item.body, IndexStore.context(of: item.entry)]) }
            }
            postings = PostingsIndex(rows: rows, columnCount: IndexStore.columns.count)
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
