/// What BM25F reads of one matched row: its hits per phrase and column, its column sizes and the
/// index's average column sizes (``SearchEngine/bm25F(_:idf:)``).
///
/// ``MatchInfo`` holds a row's evidence as values; ``PostingsIndex/Matches`` scores thousands of
/// rows through a view of its flat buffers instead, which builds nothing per row.
protocol BM25Evidence {
    /// Columns with sizes and hits.
    var evidenceColumns: Int { get }
    /// Hits of `phrase` in `column`.
    func hits(phrase: Int, column: Int) -> Int
    /// Token count of `column` in this row.
    func columnSize(_ column: Int) -> Int
    /// Average token count of `column` over the index.
    func averageSize(_ column: Int) -> Double
}

extension MatchInfo: BM25Evidence {
    var evidenceColumns: Int { min(columnCount, columnSizes.count, averageSizes.count) }
    func averageSize(_ column: Int) -> Double { averageSizes[column] }
}
