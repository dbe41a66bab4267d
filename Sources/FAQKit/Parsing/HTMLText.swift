import Foundation

/// Turns HTML into the markdown FAQKit parses and stores, so tag names are not indexed as words,
/// answers read as text and a saved FAQ page parses like its markdown source.
///
/// Helpdesk exports (Zendesk, Freshdesk, Intercom) give answers as HTML fragments, and some FAQs
/// exist only as a help-center or docs page. What a FAQ needs survives (``HTMLMarkdownWriter``):
/// headings, paragraphs, lists, tables, code, disclosures, links and bold; other tags are dropped
/// with their text kept, and character references are decoded. No HTML parser library builds on
/// Linux from this machine's packages (SwiftSoup is not among them), and FAQ pages need no more
/// than this.
enum HTMLText {
    /// True when `text` is an HTML fragment rather than markdown or plain text: it closes a
    /// paragraph, list item, div or heading, or breaks a line with `<br>`.
    static func looksLikeHTML(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["</p>", "</li>", "</div>", "<br>", "<br/>", "<br />", "</h2>", "</h3>"].contains { lower.contains($0) }
    }

    /// True when `text` is a whole HTML page: it opens with `<!DOCTYPE html>` or `<html>`
    /// (after white space and comments).
    static func isDocument(_ text: String) -> Bool {
        var rest = Substring(text).drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        while rest.hasPrefix("<!--"), let end = rest.range(of: "-->") {
            rest = rest[end.upperBound...].drop(while: \.isWhitespace)
        }
        let head = rest.prefix(14).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }

    /// The markdown of an HTML fragment (a helpdesk article body).
    static func markdown(_ html: String) -> String {
        HTMLMarkdownWriter.markdown(HTMLToken.tokens(html))
    }

    /// The markdown of a whole HTML page (a saved help-center or docs page): its main content,
    /// `<main>` when it has one, else its only `<article>`, else its `<body>`, so site headers,
    /// menus and footers outside it are not read as questions. An `<aside>` is dropped as a
    /// sidebar in a body, and kept as a callout in main content. A page whose content has no `<h1>`
    /// is titled by its `<title>`, up to the first ` - ` or ` | ` (`常见问题 - 帮助中心` → 常见问题).
    static func documentMarkdown(_ html: String) -> String {
        let tokens = HTMLToken.tokens(html)
        func element(_ name: String) -> ArraySlice<HTMLToken>? {
            guard let start = tokens.firstIndex(where: { $0.kind == .start && $0.name == name }) else { return nil }
            let end = tokens.lastIndex(where: { $0.kind == .end && $0.name == name }) ?? tokens.endIndex
            return end > start ? tokens[start..<end] : nil
        }
        let articles = tokens.filter { $0.kind == .start && $0.name == "article" }.count
        let main = element("main") ?? (articles == 1 ? element("article") : nil)
        let content = main ?? element("body") ?? tokens[...]
        var dropping = HTMLMarkdownWriter.droppedElements
        if main != nil { dropping.remove("aside") }
        var markdown = HTMLMarkdownWriter.markdown(content, dropping: dropping)
        if !content.contains(where: { $0.kind == .start && $0.name == "h1" }),
            let index = tokens.firstIndex(where: { $0.kind == .start && $0.name == "title" }), index + 1 < tokens.count,
            tokens[index + 1].kind == .text
        {
            let title = decodeEntities(tokens[index + 1].content).split(whereSeparator: \.isNewline).joined(separator: " ")
            let name = [" - ", " | ", " – ", " — ", "_"].reduce(title) { name, separator in
                name.components(separatedBy: separator).first ?? name
            }.trimmingWhitespace()
            if !name.isEmpty { markdown = "# \(name)\n\n" + markdown }
        }
        return markdown
    }

    /// The named references FAQ pages use; others stay as written.
    private static let namedEntities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ",
        "ZeroWidthSpace": "", "zwj": "", "zwnj": "", "shy": "", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "middot": "·", "bull": "•", "copy": "©", "reg": "®", "trade": "™",
        "times": "×", "divide": "÷", "yen": "¥", "euro": "€", "deg": "°", "plusmn": "±", "le": "≤", "ge": "≥", "rarr": "→", "larr": "←",
    ]

    /// Named references (`&amp;`, `&nbsp;`, `&hellip;`…) and numeric ones (`&#39;`, `&#x597D;`) decoded.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(16).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var decoded = namedEntities[name]
            if decoded == nil, name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }
}
