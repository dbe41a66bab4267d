/// Candidates for a large index, in two stages when the query's phrases match many rows.
///
/// FTS5 ranks every row any phrase matches (reading each row's size from a B-tree) before
/// `LIMIT` applies, so a query's cost would grow with the index. When the phrases match more than
/// `matchBudget` rows in all, FTS5 ranks only the rows the rarest phrases match and keeps the
/// `candidateLimit` best; then every phrase's evidence is read for those candidates alone, from
/// their text tokenized into a `PostingsIndex` (the same hits and sizes FTS5 reports, per
/// `PostingsIndexTests`), with the whole index's column averages. The cost is bounded by the
/// budget and the candidates, not by the index's size. Within the budget, ``FTS5Candidates`` answers.
struct TwoStageCandidates: CandidateSource {
    let fts5: FTS5Candidates
    /// The index's row count and average column sizes (``IndexReader/columnStatistics()``).
    let statistics: (rowCount: Int, averageSizes: [Double])
    /// Most rows the phrases that pick the candidates may match in all (see `retrievalPhrases`).
    var matchBudget = 30_000

    init(fts5: FTS5Candidates) throws {
        self.fts5 = fts5
        statistics =
            try fts5.reader.columnStatistics()
            ?? (fts5.entryCount, [Double](repeating: 1, count: IndexSchema.columns.count))
    }

    func match(_ request: MatchRequest) throws -> [MatchedRow] {
        guard let retrieval = Self.retrievalPhrases(rows: request.documentFrequencies, ownWords: request.ownWords, budget: matchBudget) else {
            return try fts5.match(request)
        }
        let candidates = try fts5.reader.rankedRowids(
            phrases: retrieval.map { request.phrases[$0] }, category: request.category, limit: SearchEngine.candidateLimit)
        guard !candidates.isEmpty else { return [] }
        let documents: [(rowid: Int, columns: [String])]
        if let memory = fts5.entriesInMemory {
            documents = candidates.compactMap { rowid in memory.record(rowid).map { (Int(rowid), $0.searchColumns) } }
        } else {
            documents = try fts5.reader.searchColumns(rowids: candidates)
        }
        guard let postings = PostingsIndex(rows: documents, columnCount: IndexSchema.columns.count, analyzer: fts5.analyzer, limit: .max)
        else { return [] }
        let titles = Dictionary(uniqueKeysWithValues: documents.map { ($0.rowid, $0.columns[IndexSchema.titleColumn]) })
        return postings.match(phrases: request.phrases.map { $0.map(TextAnalyzer.hash) }).map { match in
            var info = match.info
            info.rowCount = statistics.rowCount
            info.averageSizes = statistics.averageSizes
            let title = fts5.titleTokens(rowid: match.rowid, title: titles[Int(match.rowid)] ?? "")
            return MatchedRow(rowid: match.rowid, info: info, title: title)
        }
    }

    /// The phrases that pick the candidates: the rarest that fit `budget` (at least one),
    /// or nil when all of them fit. `rows` holds each phrase's matching rows; the result lists
    /// positions in it. Candidates come from the user's own words (`ownWords`) when there are
    /// any: a rare synonym picks the entries about the synonym, not the one whose question the
    /// user typed.
    static func retrievalPhrases(rows: [Int], ownWords: [Bool]? = nil, budget: Int) -> [Int]? {
        guard rows.reduce(0, +) > budget else { return nil }
        var eligible = Array(rows.indices)
        if let ownWords, ownWords.contains(true) { eligible = eligible.filter { ownWords[$0] } }
        var kept: [Int] = []
        var total = 0
        for i in eligible.sorted(by: { rows[$0] < rows[$1] }) {
            guard kept.isEmpty || total + rows[i] <= budget else { break }
            kept.append(i)
            total += rows[i]
        }
        return kept
    }

    func documentFrequencies(of tokens: [String]) throws -> (UInt64) -> Int { try fts5.documentFrequencies(of: tokens) }
    func records(_ rowids: [Int64]) throws -> [Int64: EntryRecord] { try fts5.records(rowids) }
    func answerRanges(of hashes: [UInt64], rowid: Int64) -> [Range<Int>]? { nil }
    func pageTitle(rowid: Int64) throws -> String? { try fts5.pageTitle(rowid: rowid) }
    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) throws -> [FAQEntry] {
        try fts5.nearest(inCategory: category, to: entry, limit: limit)
    }
    var pinyin: [String: [String]]? { fts5.pinyin }
    var words: [String] { fts5.words }
}
