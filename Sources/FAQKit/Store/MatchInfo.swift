import GRDB
import GRDBSQLite

/// Which query terms an FTS5 row matched, in which columns, and how often: the evidence the
/// ranker needs beyond a single bm25 number (coverage of the question, title matches).
///
/// It comes from the FTS5 auxiliary function `faqkit_matchinfo(entries_fts)`, registered on every
/// connection, which reads the positions FTS5 already loaded for the row, so the ranker pays no
/// second pass over the text. The blob (little endian) holds the table's row count (UInt32), each
/// column's total token count (UInt64), this row's token count per column (UInt16), then for
/// each phrase and column the phrase's hit count (UInt8, saturating).
struct MatchInfo {
    /// Rows in the table.
    var rowCount: Int
    /// Average token count of each column over the table.
    var averageSizes: [Double]
    /// Token count of each column of this row (a slice: rows matched in memory share one buffer).
    var columnSizes: ArraySlice<Int>
    /// `hits[phrase * columnCount + column]`.
    var hits: ArraySlice<UInt8>
    var columnCount: Int

    init(blob: [UInt8], columnCount: Int) {
        self.columnCount = columnCount
        func read(_ offset: Int, _ width: Int) -> Int {
            guard offset + width <= blob.count else { return 0 }
            var value = 0
            for k in 0..<width { value |= Int(blob[offset + k]) << (8 * k) }
            return value
        }
        rowCount = read(0, 4)
        averageSizes = (0..<columnCount).map { c in Double(read(4 + 8 * c, 8)) / Double(max(read(0, 4), 1)) }
        let sizesStart = 4 + 8 * columnCount
        columnSizes = ArraySlice((0..<columnCount).map { c in read(sizesStart + 2 * c, 2) })
        let hitsStart = sizesStart + 2 * columnCount
        hits = blob.count > hitsStart ? blob[hitsStart...] : []
    }

    /// Match info computed without FTS5 (see ``PostingsIndex``).
    init(rowCount: Int, averageSizes: [Double], columnSizes: ArraySlice<Int>, hits: ArraySlice<UInt8>, columnCount: Int) {
        self.rowCount = rowCount
        self.averageSizes = averageSizes
        self.columnSizes = columnSizes
        self.hits = hits
        self.columnCount = columnCount
    }

    static func headerSize(columns: Int) -> Int { 4 + 10 * columns }

    /// Token count of `column` in this row.
    @inline(__always)
    func columnSize(_ column: Int) -> Int {
        columnSizes[columnSizes.startIndex + column]
    }

    /// Hits of `phrase` in `column`.
    @inline(__always)
    func hits(phrase: Int, column: Int) -> Int {
        let index = hits.startIndex + phrase * columnCount + column
        return index < hits.endIndex ? Int(hits[index]) : 0
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
    let header = MatchInfo.headerSize(columns: columnCount)
    var blob = [UInt8](repeating: 0, count: header + phraseCount * columnCount)
    func write(_ value: Int64, at offset: Int, width: Int) {
        for k in 0..<width { blob[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * Int64(k))) }
    }
    var rows: sqlite3_int64 = 0
    if api.xRowCount(fts, &rows) == SQLITE_OK { write(min(rows, Int64(UInt32.max)), at: 0, width: 4) }
    for column in 0..<columnCount {
        var total: sqlite3_int64 = 0
        if api.xColumnTotalSize(fts, CInt(column), &total) == SQLITE_OK { write(total, at: 4 + 8 * column, width: 8) }
        var size: CInt = 0
        if api.xColumnSize(fts, CInt(column), &size) == SQLITE_OK {
            write(Int64(min(Int(size), 0xFFFF)), at: 4 + 8 * columnCount + 2 * column, width: 2)
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
