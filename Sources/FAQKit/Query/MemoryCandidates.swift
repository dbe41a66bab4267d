/// Candidates from the postings and entries held in memory (``IndexMemory``): a small index is
/// searched without SQL. The same rows and evidence as FTS5 (`PostingsIndexTests`).
struct MemoryCandidates: CandidateSource {
    let memory: IndexMemory
    let postings: PostingsIndex

    /// Nil unless the memory holds both the postings and the entries.
    init?(memory: IndexMemory) {
        guard let postings = memory.postings, !memory.entries.isEmpty else { return nil }
        self.memory = memory
        self.postings = postings
    }

    func documentFrequencies(of tokens: [String]) -> (UInt64) -> Int {
        let table = memory.documentFrequency
        return { Int(table[$0] ?? 0) }
    }

    func match(_ request: MatchRequest) -> [MatchedRow] {
        let entries = memory.entries
        let matches = postings.match(phrases: request.phrases.map { $0.map(TextAnalyzer.hash) }) { rowid in
            guard let category = request.category else { return true }
            return rowid < entries.count && entries[Int(rowid)]?.entry.category == category
        }
        // When more rows match than are scored, only the best by bm25 get their title and row:
        // with thousands of matches, building every row cost more than finding them.
        var picked = Array(matches.indices)
        if matches.count > request.limit, request.phraseIDF.count == request.phrases.count {
            picked = SearchEngine.bestByBM25(matches.bm25(idf: request.phraseIDF), rowids: matches.rowids, limit: request.limit)
        }
        return picked.map { i in
            let match = matches[i]
            let title = match.rowid < memory.titleTokens.count ? memory.titleTokens[Int(match.rowid)] : []
            return MatchedRow(rowid: match.rowid, info: match.info, title: title)
        }
    }

    func records(_ rowids: [Int64]) -> [Int64: EntryRecord] {
        var result: [Int64: EntryRecord] = [:]
        for rowid in rowids {
            if let record = memory.record(rowid) { result[rowid] = record }
        }
        return result
    }

    func answerRanges(of hashes: [UInt64], rowid: Int64) -> [Range<Int>]? {
        postings.ranges(of: hashes, rowid: rowid, column: IndexSchema.bodyColumn)
    }

    func pageTitle(rowid: Int64) -> String? { memory.record(rowid)?.entry.pageTitle }

    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) -> [FAQEntry] {
        memory.nearest(inCategory: category, to: entry, limit: limit) ?? []
    }

    var pinyin: [String: [String]]? { memory.pinyin }
    var words: [String] { memory.words }
}
