/// Marks query matches in titles and answers, and cuts snippets around them.
///
/// It runs the index's own `TextAnalyzer` over the text, so it marks exactly what the index
/// matched (traditional characters, full-width letters and identifier parts included), in one
/// pass with no SQL. FTS5's `highlight()` would do the same work per row and per column, and
/// re-seek every query phrase for every row it is asked about.
struct Highlighter {
    /// Hashes (`TextAnalyzer.hash`) of the index tokens to mark.
    var terms: TokenSet
    /// The same hashes, listed.
    var hashes: [UInt64]
    var isEmpty: Bool
    var analyzer: TextAnalyzer = .shared

    init(terms: some Sequence<String>, analyzer: TextAnalyzer = .shared) {
        let hashes = terms.map(TextAnalyzer.hash)
        self.terms = TokenSet(hashes)
        self.hashes = hashes
        self.isEmpty = hashes.isEmpty
        self.analyzer = analyzer
    }

    /// Snippet length, in characters, when the text is longer.
    static let snippetLength = 90

    /// `text` with matched ranges between `HighlightedText.open` and `.close`; adjacent and
    /// overlapping matches merge into one range.
    func mark(_ text: String) -> HighlightedText {
        HighlightedText(marked: Self.render(text, ranges: ranges(in: text)))
    }

    /// `mark(_:)` with the merged byte ranges to mark already known.
    func mark(_ text: String, ranges: [Range<Int>]) -> HighlightedText {
        HighlightedText(marked: Self.render(text, ranges: ranges))
    }

    /// The part of `text` with the most marked characters, marked, with `…` where it was cut.
    /// `ranges` are merged byte ranges to mark: `ranges(in:)`, or the postings' stored offsets
    /// (see `PostingsIndex`). Works on the UTF-8 bytes, counting Unicode scalars rather than Characters: grapheme
    /// breaking and scalar-by-scalar string building cost more than they give here.
    func snippet(_ text: String, ranges: [Range<Int>]) -> HighlightedText {
        var text = text
        let marked = text.withUTF8 { Self.snippet($0, ranges: ranges) }
        return HighlightedText(marked: marked ?? text)
    }

    /// The snippet's text, or nil when it is the whole text unmarked.
    ///
    /// Works in scalar positions without a per-scalar table: each matched range becomes an
    /// interval of scalars, and the best window is found among the windows that start or end at
    /// an interval's edge (the count of marked scalars in a window changes slope only there), so
    /// the cost is one counting pass over the bytes plus a little per match.
    private static func snippet(_ bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> String? {
        let length = snippetLength
        // Scalars start at bytes that are not continuation bytes.
        func scalars(_ from: Int, _ to: Int) -> Int {
            var n = 0
            for i in from..<to where bytes[i] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        // The byte offset of scalar `k`, counting on from scalar `known` at byte `offset`.
        func byteOffset(ofScalar k: Int, from known: (scalar: Int, offset: Int) = (0, 0)) -> Int {
            var (scalar, i) = known
            while i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 {
                    if scalar == k { return i }
                    scalar += 1
                }
                i += 1
            }
            return bytes.count
        }
        guard !ranges.isEmpty else {
            // The first `length` scalars, read no further than they reach.
            let end = byteOffset(ofScalar: length)
            guard end < bytes.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self) + "…"
        }
        let count = scalars(0, bytes.count)
        guard count > length else { return render(bytes, ranges: ranges) }
        // Matched ranges as scalar intervals [from, to), in order, each with the index of its
        // text among the distinct matched texts.
        var intervals: [(from: Int, to: Int, text: Int)] = []
        var textIndex: [UInt64: Int] = [:]
        var occurrences: [Int] = []
        var position = (byte: 0, scalar: 0)
        for range in ranges where range.lowerBound >= position.byte && range.upperBound <= bytes.count {
            let from = position.scalar + scalars(position.byte, range.lowerBound)
            let to = from + scalars(range.lowerBound, range.upperBound)
            if to > from {
                let key = Hashing.fnv1a(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
                let text = textIndex[key] ?? occurrences.count
                if text == occurrences.count {
                    textIndex[key] = text
                    occurrences.append(0)
                }
                occurrences[text] += 1
                intervals.append((from, to, text))
            }
            position = (range.upperBound, to)
        }
        // A window's worth: for each distinct matched text, its most scalars shown in the window,
        // divided by how often the answer repeats that text. The text the answer mentions once
        // (`coffee`) says more about where the question is answered than the one it mentions
        // everywhere (`branch`). Summed in text order, so the sum is the same however it is reached.
        // The intervals are disjoint and in order, so a window's are a run found by binary search.
        var shown = [Int](repeating: 0, count: occurrences.count)
        var touched: [Int] = []
        func marked(inWindowFrom start: Int) -> Double {
            var low = 0
            var high = intervals.count
            while low < high {
                let mid = (low + high) / 2
                if intervals[mid].to <= start { low = mid + 1 } else { high = mid }
            }
            for interval in intervals[low...] {
                guard interval.from < start + length else { break }
                if shown[interval.text] == 0 { touched.append(interval.text) }
                shown[interval.text] = max(shown[interval.text], min(interval.to, start + length) - max(interval.from, start))
            }
            touched.sort()
            var worth = 0.0
            for text in touched {
                worth += Double(shown[text]) / Double(occurrences[text])
                shown[text] = 0
            }
            touched.removeAll(keepingCapacity: true)
            // Rounded, so windows whose worth is the same sum of fractions (12 + 4 and 7 + 9,
            // with thirds) tie whatever rounding the additions left, and the earliest wins.
            return (worth * 1e9).rounded() / 1e9
        }
        // The window with the most worth; ties keep the earliest.
        var starts = Set([0, count - length])
        for interval in intervals {
            for edge in [interval.from, interval.to, interval.from - length, interval.to - length] where (0...(count - length)).contains(edge) {
                starts.insert(edge)
            }
        }
        var best = (start: 0, count: marked(inWindowFrom: 0))
        for candidate in starts.sorted() {
            let n = marked(inWindowFrom: candidate)
            if n > best.count { best = (candidate, n) }
        }
        // Start a little before the first match in the window, at a line start when one is near.
        var start = best.start
        var startOffset = byteOffset(ofScalar: start)
        if best.count > 0, let first = intervals.first(where: { $0.to > best.start }).map({ max($0.from, best.start) }) {
            start = max(0, first - 12)
            startOffset = byteOffset(ofScalar: start)
            let firstOffset = byteOffset(ofScalar: first, from: (start, startOffset))
            if let newline = bytes[startOffset..<firstOffset].lastIndex(of: 0x0A) {
                start += scalars(startOffset, newline + 1)
                startOffset = newline + 1
            }
        }
        let end = min(count, start + length)
        let endOffset = byteOffset(ofScalar: end, from: (start, startOffset))
        var out: [UInt8] = []
        out.reserveCapacity(endOffset - startOffset + 64)
        if start > 0 { out += [0xE2, 0x80, 0xA6] }
        // Marks inside the window, by bytes: the window's ranges clipped to it.
        var cursor = startOffset
        for range in ranges where range.upperBound > startOffset && range.lowerBound < endOffset {
            let from = max(range.lowerBound, startOffset)
            let to = min(range.upperBound, endOffset)
            out += UnsafeBufferPointer(rebasing: bytes[cursor..<from])
            out += openMarker
            out += UnsafeBufferPointer(rebasing: bytes[from..<to])
            out += closeMarker
            cursor = to
        }
        out += UnsafeBufferPointer(rebasing: bytes[cursor..<endOffset])
        if end < count { out += [0xE2, 0x80, 0xA6] }
        return String(decoding: out, as: UTF8.self)
    }

    /// UTF-8 of `HighlightedText.open` and `.close`.
    private static let openMarker = Array(String(HighlightedText.open).utf8)
    private static let closeMarker = Array(String(HighlightedText.close).utf8)

    /// Merged UTF-8 byte ranges of tokens to mark.
    func ranges(in text: String) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var text = text
        text.withUTF8 { bytes in
            analyzer.scan(bytes) { token, _, start, end, _ in
                if terms.contains(TextAnalyzer.hash(token)) { ranges.append(start..<end) }
                return true
            }
        }
        return Self.merge(ranges)
    }

    /// Sorts byte ranges and merges those that touch or overlap.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let ranges = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// Inserts markers around byte ranges of `text`.
    static func render(_ text: String, ranges: [Range<Int>]) -> String {
        guard !ranges.isEmpty else { return text }
        var text = text
        return text.withUTF8 { render($0, ranges: ranges) }
    }

    private static func render(_ bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ranges.count * 6)
        var position = 0
        for range in ranges where range.lowerBound >= position && range.upperBound <= bytes.count {
            out += UnsafeBufferPointer(rebasing: bytes[position..<range.lowerBound])
            out += openMarker
            out += UnsafeBufferPointer(rebasing: bytes[range])
            out += closeMarker
            position = range.upperBound
        }
        out += UnsafeBufferPointer(rebasing: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
