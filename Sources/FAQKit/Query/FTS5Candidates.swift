/// Candidates from FTS5: every row any phrase matches, scored whole on an index of at most
/// `SearchEngine.candidateLimit` entries, else the `candidateLimit` best by FTS5's bm25.
///
/// What fits in memory (``IndexMemory`` without postings: document frequencies, titles, and
/// entries up to `IndexMemory.entryLimit`) is read from there; the rest through ``IndexReader``.
struct FTS5Candidates: CandidateSource {
    let reader: IndexReader
    /// What of the index is held in memory, when its vocabulary fits.
    let memory: IndexMemory?
    let entryCount: Int
    /// Tokenizes titles not held in memory.
    let analyzer: TextAnalyzer

    func documentFrequencies(of tokens: [String]) throws -> (UInt64) -> Int {
        if let table = memory?.documentFrequency { return { Int(table[$0] ?? 0) } }
        let frequencies = try reader.documentFrequencies(of: tokens)
        return { frequencies[$0] ?? 0 }
    }

    func match(_ request: MatchRequest) throws -> [MatchedRow] {
        let limit = entryCount > SearchEngine.candidateLimit ? SearchEngine.candidateLimit : nil
        let matches = try reader.match(phrases: request.phrases, category: request.category, limit: limit, titles: memory == nil)
        return matches.map { MatchedRow(rowid: $0.rowid, info: $0.info, title: titleTokens(rowid: $0.rowid, title: $0.title ?? "")) }
    }

    /// A row's title tokens: from memory when the titles are held there, else by tokenizing
    /// `title` (only evaluated then).
    func titleTokens(rowid: Int64, title: @autoclosure () -> String) -> [TitleToken] {
        if let titles = memory?.titleTokens, rowid >= 0, rowid < titles.count { return titles[Int(rowid)] }
        return TitleToken.tokens(of: title(), analyzer: analyzer)
    }

    /// The entries held in memory, when they are.
    var entriesInMemory: IndexMemory? {
        guard let memory, !memory.entries.isEmpty else { return nil }
        return memory
    }

    func records(_ rowids: [Int64]) throws -> [Int64: EntryRecord] {
        guard let memory = entriesInMemory else { return try reader.records(rowids: rowids) }
        var result: [Int64: EntryRecord] = [:]
        for rowid in rowids {
            if let record = memory.record(rowid) { result[rowid] = record }
        }
        return result
    }

    func answerRanges(of hashes: [UInt64], rowid: Int64) -> [Range<Int>]? { nil }

    func pageTitle(rowid: Int64) throws -> String? {
        if let record = entriesInMemory?.record(rowid) { return record.entry.pageTitle }
        return try reader.pageTitle(rowid: rowid)
    }

    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) throws -> [FAQEntry] {
        if let nearest = entriesInMemory?.nearest(inCategory: category, to: entry, limit: limit) { return nearest }
        return try reader.nearest(inCategory: category, to: entry, limit: limit)
    }

    var pinyin: [String: [String]]? { memory?.pinyin }
    var words: [String] { memory?.words ?? [] }
}
