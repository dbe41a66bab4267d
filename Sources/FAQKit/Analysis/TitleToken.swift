/// A token of a question title, as the ranker's question match reads it (`SearchEngine.questionMatch`).
struct TitleToken: Sendable {
    var hash: UInt64
    var kind: TextAnalyzer.TokenKind

    /// The tokens of a title, in order.
    static func tokens(of title: String, analyzer: TextAnalyzer) -> [TitleToken] {
        var tokens: [TitleToken] = []
        var title = title
        title.withUTF8 { bytes in
            analyzer.scan(bytes) { token, kind, _, _, _ in
                tokens.append(TitleToken(hash: TextAnalyzer.hash(token), kind: kind))
                return true
            }
        }
        return tokens
    }
}
