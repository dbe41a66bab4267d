import GRDB
import GRDBSQLite

/// Which query terms an FTS5 row matched, in which columns, and how often: the evidence the
/// ranker needs beyond a single bm25 number (coverage of the question, title matches).
///
/// It comes from the FTS5 auxiliary function `faqkit_matchinfo(entries_fts)`, registered on every
/// connection, which reads the positions FTS5 already loaded for the row, so the ranker pays no
/// second pass over the text. The blob holds, for each column, its token count (UInt16, little
/// endian), then for each phrase and column the phrase's hit count (UInt8, saturating).
struct MatchInfo {
    /// Token count of each column.
    var columnSizes: [Int]
    /// `hits[phrase * columnCount + column]`.
    var hits: [UInt8]
    var columnCount: Int

    init(blob: [UInt8], columnCount: Int) {
        self.columnCount = columnCount
        var sizes: [Int] = []
        for c in 0..<columnCount where blob.count >= 2 * c + 2 {
            sizes.append(Int(blob[2 * c]) | Int(blob[2 * c + 1]) << 8)
        }
        columnSizes = sizes
        hits = blob.count > 2 * columnCount ? Array(blob[(2 * columnCount)...]) : []
    }

    /// Hits of `phrase` in `column`.
    @inline(__always)
    func hits(phrase: Int, column: Int) -> Int {
        let index = phrase * columnCount + column
        return index < hits.count ? Int(hits[index]) : 0
    }

    /// Name of the auxiliary function.
    static let functionName = "faqkit_matchinfo"

    /// Registers the auxiliary function on a connection.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), functionName, nil, matchInfoFunction, nil)
    }
}

/// SQLite's SQLITE_TRANSIENT: copy the result before returning.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

private let matchInfoFunction: fts5_extension_function = { api, fts, context, _, _ in
    guard let api = api?.pointee, let fts else { return }
    let phraseCount = Int(api.xPhraseCount(fts))
    let columnCount = Int(api.xColumnCount(fts))
    let header = 2 * columnCount
    var blob = [UInt8](repeating: 0, count: header + phraseCount * columnCount)
    for column in 0..<columnCount {
        var size: CInt = 0
        if api.xColumnSize(fts, CInt(column), &size) == SQLITE_OK {
            let clamped = min(Int(size), 0xFFFF)
            blob[2 * column] = UInt8(clamped & 0xFF)
            blob[2 * column + 1] = UInt8(clamped >> 8)
        }
    }
    var instances: CInt = 0
    if api.xInstCount(fts, &instances) == SQLITE_OK {
        for i in 0..<instances {
            var phrase: CInt = 0
            var column: CInt = 0
            var offset: CInt = 0
            guard api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK else { continue }
            let index = header + Int(phrase) * columnCount + Int(column)
            if index < blob.count && blob[index] < 255 { blob[index] += 1 }
        }
    }
    blob.withUnsafeBytes { bytes in
        sqlite3_result_blob(context, bytes.baseAddress, CInt(bytes.count), transient)
    }
}
