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

    /// The part of `text` with the most matched characters, marked, with `…` where it was cut.
    func snippet(_ text: String) -> HighlightedText {
        snippet(text, ranges: ranges(in: text))
    }

    /// `mark(_:)` with the merged byte ranges to mark already known.
    func mark(_ text: String, ranges: [Range<Int>]) -> HighlightedText {
        HighlightedText(marked: Self.render(text, ranges: ranges))
    }

    /// `snippet(_:)` with the merged byte ranges to mark already known (see `PostingsIndex`).
    /// Works on the UTF-8 bytes, counting Unicode scalars rather than Characters: grapheme
    /// breaking and scalar-by-scalar string building cost more than they give here.
    func snippet(_ text: String, ranges: [Range<Int>]) -> HighlightedText {
        var text = text
        let marked = text.withUTF8 { Self.snippet($0, ranges: ranges) }
        return HighlightedText(marked: marked ?? text)
    }

    /// The snippet's text, or nil when it is the whole text unmarked.
    private static func snippet(_ bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> String? {
        let length = snippetLength
        // Byte offset of each scalar, and one past the end.
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        for (i, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(i) }
        let count = offsets.count
        offsets.append(bytes.count)
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
        guard !ranges.isEmpty else {
            guard count > length else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offsets[length]]), as: UTF8.self) + "…"
        }
        guard count > length else { return render(bytes, ranges: ranges) }
        // Per scalar: is it inside a match?
        var marked = [Bool](repeating: false, count: count)
        var rangeIndex = 0
        for i in 0..<count {
            let (from, to) = (offsets[i], offsets[i + 1])
            while rangeIndex < ranges.count && ranges[rangeIndex].upperBound <= from { rangeIndex += 1 }
            if rangeIndex < ranges.count && ranges[rangeIndex].lowerBound < to && ranges[rangeIndex].upperBound > from {
                marked[i] = true
            }
        }
        // The window with the most marked scalars; ties keep the earliest.
        var inWindow = 0
        for i in 0..<length where marked[i] { inWindow += 1 }
        var best = (start: 0, count: inWindow)
        if inWindow < length {
            for start in 1...(count - length) {
                if marked[start - 1] { inWindow -= 1 }
                if marked[start + length - 1] { inWindow += 1 }
                if inWindow > best.count { best = (start, inWindow) }
            }
        }
        // Start a little before the first match in the window, at a line start when one is near.
        var start = best.start
        if best.count > 0, let first = (best.start..<(best.start + length)).first(where: { marked[$0] }) {
            start = max(0, first - 12)
            if let newline = (start..<first).last(where: { bytes[offsets[$0]] == 0x0A }) { start = newline + 1 }
        }
        let end = min(count, start + length)
        var out: [UInt8] = []
        out.reserveCapacity(offsets[end] - offsets[start] + 64)
        if start > 0 { out += ellipsis }
        var open = false
        for i in start..<end {
            if marked[i] && !open {
                out += openMarker
                open = true
            }
            if !marked[i] && open {
                out += closeMarker
                open = false
            }
            out += UnsafeBufferPointer(rebasing: bytes[offsets[i]..<offsets[i + 1]])
        }
        if open { out += closeMarker }
        if end < count { out += ellipsis }
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
