import Testing

@testable import FAQKit

/// Snippets are cut in scalar positions from matched intervals; this checks them against the
/// plain definition (a table of marked scalars and a sliding window) on generated texts.
@Suite struct HighlighterTests {
    /// The plain definition: mark each scalar inside a range, take the earliest window of
    /// `snippetLength` scalars with the most marks, start up to 12 scalars before its first mark
    /// (after a newline when one is there), and mark runs of marked scalars.
    static func referenceSnippet(_ text: String, ranges: [Range<Int>]) -> String {
        let length = Highlighter.snippetLength
        let characters = Array(text.unicodeScalars)
        if ranges.isEmpty {
            return characters.count > length ? String(String.UnicodeScalarView(characters.prefix(length))) + "…" : text
        }
        if characters.count <= length { return Highlighter.render(text, ranges: ranges) }
        var marked = [Bool](repeating: false, count: characters.count)
        var offset = 0
        for (i, ch) in characters.enumerated() {
            let width = UTF8.width(ch)
            marked[i] = ranges.contains { $0.lowerBound < offset + width && $0.upperBound > offset }
            offset += width
        }
        var count = marked[0..<length].filter { $0 }.count
        var best = (start: 0, count: count)
        if count < length {
            for start in 1...(characters.count - length) {
                if marked[start - 1] { count -= 1 }
                if marked[start + length - 1] { count += 1 }
                if count > best.count { best = (start, count) }
            }
        }
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
            if marked[i] && !open {
                out.append("\u{E000}")
                open = true
            }
            if !marked[i] && open {
                out.append("\u{E001}")
                open = false
            }
            out.append(characters[i])
        }
        if open { out.append("\u{E001}") }
        if end < characters.count { out.append("…") }
        return String(out)
    }

    @Test func snippetsMatchThePlainDefinition() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["发票", "开具", "实名认证", "的", "API", " key ", "429", "\n", "。", "模型", "é", "🙂", "  ", "max_tokens", "账户余额"]
        var compared = 0
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 1...120, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let tokens = TextAnalyzer.shared.tokens(text).map(\.text)
            let terms = Set((0..<Int.random(in: 0...4, using: &rng)).compactMap { _ in tokens.randomElement(using: &rng) })
            let highlighter = Highlighter(terms: terms)
            let ranges = highlighter.ranges(in: text)
            #expect(highlighter.snippet(text, ranges: ranges).marked == Self.referenceSnippet(text, ranges: ranges), "\(text) \(terms)")
            compared += 1
        }
        #expect(compared == 400)
    }
}
