/// Where a query's candidates and their evidence come from: the one seam between the ranker and
/// the index, chosen once when the index opens (``SearchEngine/candidateSource(reader:memory:entryCount:analyzer:)``).
///
/// - ``MemoryCandidates``: a small index, postings and entries held in memory; a query reads no SQL.
/// - ``FTS5Candidates``: FTS5 scores every matching row (an index too large for the postings in
///   memory but with at most `SearchEngine.candidateLimit` entries, or one whose vocabulary does
///   not fit in memory).
/// - ``TwoStageCandidates``: a large index; FTS5 picks candidates by its bm25 from the rarest
///   phrases, and every phrase's evidence is read for those alone.
///
/// All three report the same rows and evidence for the same index (`PostingsIndexTests`,
/// `LargeIndexTests`), so ranking never depends on the mode.
protocol CandidateSource: Sendable {
    /// Document frequency by token hash, for `tokens` at least (0 for a token not in the index).
    func documentFrequencies(of tokens: [String]) throws -> (UInt64) -> Int
    /// Rows matching any of the request's phrases, with each phrase's hits per column and the
    /// row's title tokens; on a large index at most `SearchEngine.candidateLimit` or so.
    func match(_ request: MatchRequest) throws -> [MatchedRow]
    /// The entries of `rowids` that exist, by rowid.
    func records(_ rowids: [Int64]) throws -> [Int64: EntryRecord]
    /// UTF-8 byte ranges of the tokens `hashes` in a row's answer text, when the source holds
    /// the postings; nil when the caller has to tokenize the answer.
    func answerRanges(of hashes: [UInt64], rowid: Int64) -> [Range<Int>]?
    /// The title of the page of the entry at `rowid`.
    func pageTitle(rowid: Int64) throws -> String?
    /// Up to `limit` other entries of a category, nearest to `entry` in corpus order.
    func nearest(inCategory category: String, to entry: FAQEntry, limit: Int) throws -> [FAQEntry]
    /// The corpus's character pairs by pinyin key, for Latin-letter queries; nil when not held.
    var pinyin: [String: [String]]? { get }
    /// Latin words of the index, for typo correction.
    var words: [String] { get }
}
