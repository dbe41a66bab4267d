import GRDB
import GRDBSQLite

/// The FTS5 tokenizer `faqkit`: `TextAnalyzer` inside SQLite.
///
/// Documents (and `highlight()`/`snippet()`, which re-tokenize them) get n-grams and words with
/// exact byte offsets. Queries are different: the query engine analyzes the user's text itself and
/// sends every term quoted, already normalized, so in query mode the tokenizer passes each quoted
/// string through as one token. User text therefore never reaches FTS5's query syntax.
final class FAQTokenizer: FTS5CustomTokenizer {
    static let name = "faqkit"

    private let analyzer: TextAnalyzer

    init(db: Database, arguments: [String]) throws {
        analyzer = .shared
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        if tokenization.contains(.query) {
            return tokenCallback(context, 0, pText, nText, 0, nText)
        }
        var result = SQLITE_OK
        pText.withMemoryRebound(to: UInt8.self, capacity: Int(nText)) { start in
            let bytes = UnsafeBufferPointer(start: start, count: Int(nText))
            analyzer.scan(bytes) { token, _, from, to, colocated in
                let code = token.withMemoryRebound(to: CChar.self) { chars in
                    tokenCallback(
                        context, colocated ? FTS5_TOKEN_COLOCATED : 0, chars.baseAddress, CInt(chars.count),
                        CInt(from), CInt(to))
                }
                if code != SQLITE_OK {
                    result = code
                    return false
                }
                return true
            }
        }
        return result
    }
}
