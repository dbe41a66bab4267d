/// Every token occurrence of a small index, in memory: what FTS5 stores, read without SQLite.
///
/// On a small index most of a query's time went to FTS5 itself: about 8 µs per OR'd phrase to
/// find each term's posting list and decode it, for queries of 5–26 phrases. The index file never
/// changes once built, so its postings can be rebuilt once at open from the entries already held
/// in memory, with the same tokenizer, and a query then becomes a few array walks. Positions and
/// column sizes follow FTS5's rules (a colocated token shares the previous token's position and
/// does not count towards the column's size), so ranking is the same on both paths.
///
/// Large indexes stay on FTS5: ``limit`` bounds the occurrences held (8 bytes each).
struct PostingsIndex: Sendable {
    /// Term number by token hash (`TextAnalyzer.hash`).
    private var termIDs: TokenTable
    /// Occurrences of term `t` are `keys[starts[t]..<starts[t + 1]]`.
    private var starts: [Int32]
    /// `rowid << 32 | column << 24 | position`, sorted within each term: one integer orders an
    /// occurrence by row, column and position, so a phrase check is a binary search.
    private var keys: [UInt64]
    /// Where each occurrence sits in its column's text, in UTF-8 bytes, parallel to `keys`: a
    /// snippet's highlights come from here instead of tokenizing the answer again.
    private var byteStarts: [UInt32]
    private var byteLengths: [UInt16]
    /// Token count of each row's columns, `columnSizes[rowid * columnCount + column]`.
    private var columnSizes: [UInt32]
    /// Average token count of each column over all rows.
    private(set) var averageSizes: [Double]
    let columnCount: Int
    /// Rows indexed.
    let rowCount: Int

    /// Most occurrences held in memory (14 bytes each, about 56 MiB: a corpus of a few MB of text).
    static let limit = 4_000_000
    private static let positionMask: UInt64 = 0xFF_FFFF

    /// Indexes `rows` (rowid and the text of each column) with `analyzer`; nil when the text holds
    /// more than `limit` occurrences.
    init?(rows: [(rowid: Int, columns: [String])], columnCount: Int, analyzer: TextAnalyzer = .shared, limit: Int = PostingsIndex.limit) {
        self.columnCount = columnCount
        // Rows taken in rowid order make each term's occurrences come out sorted.
        let rows = rows.sorted { $0.rowid < $1.rowid }
        let maxRowid = rows.map(\.rowid).max() ?? 0
        var sizes = [UInt32](repeating: 0, count: (maxRowid + 1) * columnCount)
        var totals = [Double](repeating: 0, count: columnCount)
        var ids = TokenTable()
        // (term, key) pairs in document order, then grouped by term with a counting sort.
        var occurrenceTerms: [Int32] = []
        var occurrenceKeys: [UInt64] = []
        var occurrenceBytes: [(start: UInt32, length: UInt16)] = []
        for row in rows where row.rowid >= 0 {
            for (column, text) in row.columns.prefix(columnCount).enumerated() {
                var size: UInt64 = 0
                var text = text
                var overflow = false
                text.withUTF8 { bytes in
                    analyzer.scan(bytes) { token, _, from, to, colocated in
                        // FTS5: a colocated token takes the previous position, the first token never does.
                        if !colocated || size == 0 { size += 1 }
                        guard size - 1 <= Self.positionMask else { return false }
                        let hash = TextAnalyzer.hash(token)
                        let id: Int32
                        if let known = ids[hash] {
                            id = known
                        } else {
                            id = Int32(ids.count)
                            ids[hash] = id
                        }
                        occurrenceTerms.append(id)
                        occurrenceKeys.append(UInt64(row.rowid) << 32 | UInt64(column) << 24 | (size - 1))
                        occurrenceBytes.append((UInt32(clamping: from), UInt16(clamping: to - from)))
                        if occurrenceKeys.count > limit {
                            overflow = true
                            return false
                        }
                        return true
                    }
                }
                if overflow { return nil }
                sizes[row.rowid * columnCount + column] = UInt32(clamping: size)
                totals[column] += Double(size)
            }
        }
        var starts = [Int32](repeating: 0, count: ids.count + 1)
        for term in occurrenceTerms { starts[Int(term) + 1] += 1 }
        for t in 0..<ids.count { starts[t + 1] += starts[t] }
        var next = starts
        var keys = [UInt64](repeating: 0, count: occurrenceKeys.count)
        var byteStarts = [UInt32](repeating: 0, count: occurrenceKeys.count)
        var byteLengths = [UInt16](repeating: 0, count: occurrenceKeys.count)
        for (i, term) in occurrenceTerms.enumerated() {
            let slot = Int(next[Int(term)])
            keys[slot] = occurrenceKeys[i]
            (byteStarts[slot], byteLengths[slot]) = occurrenceBytes[i]
            next[Int(term)] += 1
        }
        self.termIDs = ids
        self.starts = starts
        self.keys = keys
        self.byteStarts = byteStarts
        self.byteLengths = byteLengths
        self.columnSizes = sizes
        self.rowCount = rows.count
        self.averageSizes = totals.map { $0 / Double(max(rows.count, 1)) }
    }

    /// Rows matching any of `phrases` (each a sequence of token hashes that must occur at
    /// consecutive positions of one column), with each phrase's hits per column, as FTS5's
    /// `MatchInfo` would report them. Rows come in rowid order; `include` filters them.
    func match(phrases: [[UInt64]], include: (Int64) -> Bool = { _ in true }) -> Matches {
        let width = phrases.count * columnCount
        guard width > 0 else {
            return Matches(
                rowids: [], slots: [], hits: [], sizes: [], width: 0, columnCount: columnCount, rowCount: rowCount, averageSizes: averageSizes)
        }
        // A row's slot in `hits`, by rowid (-1: not seen, -2: excluded); one flat buffer of hit
        // counts, `width` per matched row.
        var slots = [Int32](repeating: -1, count: columnSizes.count / columnCount)
        var rowids: [Int64] = []
        var hits: [UInt8] = []
        func record(_ key: UInt64, phrase: Int) {
            let rowid = Int(key >> 32)
            guard rowid < slots.count else { return }
            var slot = Int(slots[rowid])
            if slot == -2 { return }
            if slot == -1 {
                guard include(Int64(rowid)) else {
                    slots[rowid] = -2
                    return
                }
                slot = rowids.count
                slots[rowid] = Int32(slot)
                rowids.append(Int64(rowid))
                hits.append(contentsOf: repeatElement(0, count: width))
            }
            let index = slot * width + phrase * columnCount + Int((key >> 24) & 0xFF)
            if hits[index] < 255 { hits[index] += 1 }
        }
        for (p, phrase) in phrases.enumerated() {
            guard let first = phrase.first, let head = range(of: first) else { continue }
            if phrase.count == 1 {
                for i in head { record(keys[i], phrase: p) }
                continue
            }
            let rest = phrase.dropFirst().map(range)
            guard rest.allSatisfy({ $0 != nil }) else { continue }
            for i in head {
                let key = keys[i]
                var offset: UInt64 = 1
                var found = true
                for range in rest {
                    // The next token must sit at the next position of the same row and column.
                    guard (key & Self.positionMask) + offset <= Self.positionMask, contains(key + offset, in: range!) else {
                        found = false
                        break
                    }
                    offset += 1
                }
                if found { record(key, phrase: p) }
            }
        }
        let order = rowids.indices.sorted { rowids[$0] < rowids[$1] }
        // Every matched row's column sizes in one buffer, as its hits are.
        var sizes: [Int] = []
        sizes.reserveCapacity(rowids.count * columnCount)
        for slot in rowids.indices {
            let base = Int(rowids[slot]) * columnCount
            for c in 0..<columnCount { sizes.append(Int(min(columnSizes[base + c], 0xFFFF))) }
        }
        return Matches(
            rowids: order.map { rowids[$0] }, slots: order, hits: hits, sizes: sizes, width: width, columnCount: columnCount,
            rowCount: rowCount, averageSizes: averageSizes)
    }

    /// The rows a match found, in rowid order, with their evidence in two flat buffers (`width`
    /// hit counts and `columnCount` sizes per row): a row's ``MatchInfo`` is built only when
    /// asked for, and ``bm25(idf:)`` scores every row without building any.
    struct Matches: RandomAccessCollection {
        let rowids: [Int64]
        /// Each row's place in the buffers, in rowid order.
        fileprivate let slots: [Int]
        fileprivate let hits: [UInt8]
        fileprivate let sizes: [Int]
        fileprivate let width: Int
        let columnCount: Int
        let rowCount: Int
        let averageSizes: [Double]

        var startIndex: Int { 0 }
        var endIndex: Int { rowids.count }

        subscript(position: Int) -> (rowid: Int64, info: MatchInfo) {
            let slot = slots[position]
            let info = MatchInfo(
                rowCount: rowCount, averageSizes: averageSizes, columnSizes: sizes[(slot * columnCount)..<((slot + 1) * columnCount)],
                hits: hits[(slot * width)..<((slot + 1) * width)], columnCount: columnCount)
            return (rowids[position], info)
        }

        /// Each row's BM25F (``SearchEngine/bm25F(_:idf:)``), in order, read from the buffers.
        func bm25(idf: [Double]) -> [Double] {
            hits.withUnsafeBufferPointer { hits in
                sizes.withUnsafeBufferPointer { sizes in
                    averageSizes.withUnsafeBufferPointer { averages in
                        slots.map { slot in
                            SearchEngine.bm25F(
                                Row(
                                    hits: hits, sizes: sizes, averages: averages, hitsStart: slot * width, sizesStart: slot * columnCount,
                                    width: width, columnCount: columnCount),
                                idf: idf)
                        }
                    }
                }
            }
        }

        /// One row's evidence, seen in the buffers while they are borrowed.
        private struct Row: BM25Evidence {
            let hits: UnsafeBufferPointer<UInt8>
            let sizes: UnsafeBufferPointer<Int>
            let averages: UnsafeBufferPointer<Double>
            let hitsStart: Int
            let sizesStart: Int
            let width: Int
            let columnCount: Int

            var evidenceColumns: Int { Swift.min(columnCount, averages.count) }
            /// 0 for a phrase the match was not asked for, as ``MatchInfo`` reads it.
            func hits(phrase: Int, column: Int) -> Int {
                let offset = phrase * columnCount + column
                return offset < width ? Int(hits[hitsStart + offset]) : 0
            }
            func columnSize(_ column: Int) -> Int { sizes[sizesStart + column] }
            func averageSize(_ column: Int) -> Double { averages[column] }
        }
    }

    /// Merged, sorted UTF-8 byte ranges of the tokens `hashes` in one row's column: what
    /// `Highlighter.ranges(in:)` finds by tokenizing the text, found by seeking each token.
    func ranges(of hashes: some Sequence<UInt64>, rowid: Int64, column: Int) -> [Range<Int>] {
        let prefix = UInt64(rowid) << 32 | UInt64(column) << 24
        var ranges: [Range<Int>] = []
        for hash in hashes {
            guard let range = range(of: hash) else { continue }
            var i = lowerBound(prefix, in: range)
            while i < range.upperBound && keys[i] & ~Self.positionMask == prefix {
                let start = Int(byteStarts[i])
                ranges.append(start..<(start + Int(byteLengths[i])))
                i += 1
            }
        }
        return Highlighter.merge(ranges)
    }

    /// Number of rows holding the token.
    func documentFrequency(_ hash: UInt64) -> Int {
        guard let range = range(of: hash) else { return 0 }
        var count = 0
        var last: UInt64 = .max
        for i in range where keys[i] >> 32 != last {
            last = keys[i] >> 32
            count += 1
        }
        return count
    }

    private func range(of hash: UInt64) -> Range<Int>? {
        guard let id = termIDs[hash] else { return nil }
        return Int(starts[Int(id)])..<Int(starts[Int(id) + 1])
    }

    private func contains(_ key: UInt64, in range: Range<Int>) -> Bool {
        let low = lowerBound(key, in: range)
        return low < range.upperBound && keys[low] == key
    }

    /// The first index of `range` whose key is not below `key`.
    private func lowerBound(_ key: UInt64, in range: Range<Int>) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
