/// Marks query matches in titles and answers, and cuts snippets around them.
///
/// It runs the index's own `TextAnalyzer` over the text, so it marks exactly what the index
/// matched (traditional characters, full-width letters and identifier parts included), in one
/// pass with no SQL. FTS5's `highlight()` would do the same work per row and per column, and
/// re-seek every query phrase for every row it is asked about.
struct Highlighter {
    /// Hashes (`TextAnalyzer.hash`) of the index tokens to mark.
    var terms: TokenSet
    var isEmpty: Bool
    var analyzer: TextAnalyzer = .shared

    init(terms: some Sequence<String>, analyzer: TextAnalyzer = .shared) {
        let hashes = terms.map(TextAnalyzer.hash)
        self.terms = TokenSet(hashes)
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
        let ranges = ranges(in: text)
        guard !ranges.isEmpty else {
            let scalars = text.unicodeScalars
            guard scalars.count > Self.snippetLength else { return HighlightedText(marked: text) }
            return HighlightedText(marked: String(String.UnicodeScalarView(scalars.prefix(Self.snippetLength))) + "…")
        }
        // Unicode scalars rather than Characters: grapheme breaking costs more than it gives here.
        let characters = Array(text.unicodeScalars)
        guard characters.count > Self.snippetLength else { return HighlightedText(marked: Self.render(text, ranges: ranges)) }
        // Per character: is it inside a match?
        var marked = [Bool](repeating: false, count: characters.count)
        var byteOffset = 0
        var rangeIndex = 0
        for (i, ch) in characters.enumerated() {
            let width = UTF8.width(ch)
            while rangeIndex < ranges.count && ranges[rangeIndex].upperBound <= byteOffset { rangeIndex += 1 }
            if rangeIndex < ranges.count && ranges[rangeIndex].lowerBound < byteOffset + width && ranges[rangeIndex].upperBound > byteOffset {
                marked[i] = true
            }
            byteOffset += width
        }
        // The window with the most marked characters; ties keep the earliest.
        let length = Self.snippetLength
        var count = marked[0..<length].filter { $0 }.count
        var best = (start: 0, count: count)
        if count < length {
            for start in 1...(characters.count - length) {
                if marked[start - 1] { count -= 1 }
                if marked[start + length - 1] { count += 1 }
                if count > best.count { best = (start, count) }
            }
        }
        // Start a little before the first match in the window, at a line start when one is near.
        var start = best.start
        if best.count > 0, let first = (best.start..<(best.start + length)).first(where: { marked[$0] }) {
            start = max(0, first - 12)
            if let newline = (start..<first).last(where: { characters[$0] == "\n" }) { start = newline + 1 }
        }
        let end = min(characters.count, start + length)
        var out = String.UnicodeScalarView()
        if start > 0 { out.append("…") }
        var open = false
        for i in start..<end {
            if marked[i] && !open { out.append("\u{E000}"); open = true }
            if !marked[i] && open { out.append("\u{E001}"); open = false }
            out.append(characters[i])
        }
        if open { out.append("\u{E001}") }
        if end < characters.count { out.append("…") }
        return HighlightedText(marked: String(out))
    }

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
        ranges.sort { $0.lowerBound < $1.lowerBound }
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
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ranges.count * 6)
        var position = 0
        let open = Array(String(HighlightedText.open).utf8)
        let close = Array(String(HighlightedText.close).utf8)
        for range in ranges where range.lowerBound >= position && range.upperBound <= bytes.count {
            out += bytes[position..<range.lowerBound]
            out += open
            out += bytes[range]
            out += close
            position = range.upperBound
        }
        out += bytes[position...]
        return String(decoding: out, as: UTF8.self)
    }
}
