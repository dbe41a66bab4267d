/// The phrases a query sends to a candidate source.
struct MatchRequest {
    /// Each phrase's exact index tokens, in order.
    var phrases: [[String]]
    /// Each phrase's document frequency (as rare as its rarest token).
    var documentFrequencies: [Int]
    /// Which phrases are the user's own words (not expansions).
    var ownWords: [Bool]
    /// Only entries of this category slug.
    var category: String?
    /// Each phrase's idf, for sources that pick their best rows by bm25 themselves.
    var phraseIDF: [Double] = []
    /// Most rows the ranker scores (`SearchEngine.candidateLimit`): a source that matches more
    /// may return only the best of them by bm25 (``SearchEngine/bestByBM25(_:rowids:limit:)``),
    /// as FTS5 does with its own ranking.
    var limit = Int.max
}
