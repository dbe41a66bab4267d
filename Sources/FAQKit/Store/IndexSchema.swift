/// The indexed columns of the FTS5 table and their bm25 weights: what both the index (its FTS5
/// `rank` configuration) and the ranker (`SearchEngine.bm25F`) read, declared once here.
enum IndexSchema {
    /// The indexed columns: the question title, the answer's searchable text (`body`: link
    /// targets and markup removed, so URLs like `.../invoice` don't match words), and context
    /// (page and group titles).
    static let columns = ["title", "body", "context"]
    /// Index of the `title` column.
    static let titleColumn = 0
    /// Index of the `body` column.
    static let bodyColumn = 1
    /// bm25 column weights, in column order: a title match counts four times an answer match,
    /// a page or group title one and a half.
    static let columnWeights = [4.0, 1.0, 1.5]
}
