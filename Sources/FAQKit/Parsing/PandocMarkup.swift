import Foundation

/// What Pandoc's Markdown writer adds when it converts an HTML page (a docs page saved with
/// `pandoc -f html -t markdown`): attribute lists after links, images and spans
/// (`[问卷](https://…){target="_blank" rel="noopener noreferrer"}`, `[常见问题]{.breadcrumbs__link}`),
/// wrapped onto the next lines as Pandoc wraps its output. Read as the markdown a writer would have
/// written: the link or image as it is, a span as its text. Fenced code is left as it is.
enum PandocMarkup {
    /// `text` without the attribute lists that follow a link, an image or a bracketed span.
    static func strippingInlineAttributes(_ text: String) -> String {
        guard text.contains("){") || text.contains("]{") else { return text }
        let chars = Array(text)
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var inFence = false
        var lineStart = true
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if lineStart {
                let line = String(chars[i..<(chars[i...].firstIndex(of: "\n") ?? chars.count)])
                if MarkdownText.isFence(line.trimmingWhitespace()) { inFence.toggle() }
            }
            lineStart = ch == "\n"
            if !inFence, ch == "{", let previous = out.last, previous == ")" || previous == "]",
                let end = attributeListEnd(chars, from: i)
            {
                if previous == "]", let open = spanOpening(out) {
                    out.remove(at: out.count - 1)
                    out.remove(at: open)
                }
                i = end + 1
                continue
            }
            out.append(ch)
            i += 1
        }
        return String(out)
    }

    /// The index of the `}` closing an attribute list that starts at `start`, within a paragraph
    /// (it may wrap onto the next lines, never past a blank one), or nil when it is no such list.
    private static func attributeListEnd(_ chars: [Character], from start: Int) -> Int? {
        var index = start + 1
        var inside = ""
        var quoted = false
        while index < chars.count, index - start <= maxLength {
            let ch = chars[index]
            if ch == "\"" { quoted.toggle() }
            if ch == "}" && !quoted { return MarkdownText.isAttributeList(inside) ? index : nil }
            if ch == "{" && !quoted { return nil }
            if ch == "\n" {
                if index + 1 < chars.count, chars[index + 1] == "\n" { return nil }
                inside.append(" ")
            } else {
                inside.append(ch)
            }
            index += 1
        }
        return nil
    }

    /// The longest attribute list read (Pandoc writes a link's target and rel, a few classes).
    static let maxLength = 400

    /// Where the `[` of a bracketed span ending `out` (with its `]`) is, when it is one: a `[`
    /// at the same depth, not itself the text of a link or image (`[x](…)`, which ends in `)`).
    private static func spanOpening(_ out: [Character]) -> Int? {
        var depth = 0
        var index = out.count - 1
        while index >= 0 {
            if out[index] == "]" { depth += 1 }
            if out[index] == "[" {
                depth -= 1
                if depth == 0 { return index > 0 && out[index - 1] == "!" ? nil : index }
            }
            if out[index] == "\n", index > 0, out[index - 1] == "\n" { return nil }
            index -= 1
        }
        return nil
    }
}
