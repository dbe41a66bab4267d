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

    /// True when a markdown block is HTML: it starts with a block-level tag (`<table>`, `<div>`,
    /// `<p>`, `<ul>`…) and closes one (CommonMark's HTML blocks). Disclosures (`<details>`) are
    /// the outline parser's own, and are not.
    static func isHTMLBlock(_ text: String) -> Bool {
        let lower = text.prefix(12).lowercased()
        let opens = ["<table", "<div", "<p>", "<p ", "<ul", "<ol", "<dl", "<blockquote", "<section", "<h1", "<h2", "<h3", "<h4"]
        guard opens.contains(where: { lower.hasPrefix($0) }) else { return false }
        return looksLikeHTML(text) || text.lowercased().contains("</table>")
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
    /// sidebar in a body, and kept as a callout in main content. A page that declares its FAQ in
    /// schema.org JSON-LD but does not show the questions as headings or question lines (a
    /// script draws them) is read from the declaration. A page whose content has no `<h1>`
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
        let title = pageTitle(tokens)
        if !content.contains(where: { $0.kind == .start && $0.name == "h1" }), let title { markdown = "# \(title)\n\n" + markdown }
        // The FAQ the page declares for search engines, when its visible text does not show the
        // questions as headings or question lines (they are drawn by a script, or styled divs).
        let declared = declaredFAQ(tokens)
        if !declared.isEmpty {
            let lines = Set(markdown.split(separator: "\n").map { MarkdownText.plainTitle($0.drop { $0 == "#" }.trimmingWhitespace()) })
            let shown = declared.filter { lines.contains(MarkdownText.plainTitle($0.question)) }.count
            if shown * 2 < declared.count {
                let questions = declared.map { "## \($0.question)\n\n\($0.answer)" }.joined(separator: "\n\n")
                return "# \(title ?? "FAQ")\n\n" + questions
            }
        }
        return markdown
    }

    /// The page's `<title>`, up to the first ` - ` or ` | ` (`常见问题 - 帮助中心` → 常见问题).
    static func pageTitle(_ tokens: [HTMLToken]) -> String? {
        guard let index = tokens.firstIndex(where: { $0.kind == .start && $0.name == "title" }), index + 1 < tokens.count,
            tokens[index + 1].kind == .text
        else { return nil }
        let title = decodeEntities(tokens[index + 1].content).split(whereSeparator: \.isNewline).joined(separator: " ")
        let name = [" - ", " | ", " – ", " — ", "_"].reduce(title) { name, separator in
            name.components(separatedBy: separator).first ?? name
        }.trimmingWhitespace()
        return name.isEmpty ? nil : name
    }

    /// The questions and answers of the schema.org `FAQPage` a page declares in JSON-LD
    /// (`<script type="application/ld+json">`): each `Question`'s `name` and its
    /// `acceptedAnswer`'s `text`, the answer as markdown.
    static func declaredFAQ(_ tokens: [HTMLToken]) -> [(question: String, answer: String)] {
        var pairs: [(question: String, answer: String)] = []
        for (index, token) in tokens.enumerated()
        where token.kind == .start && token.name == "script" && token.content.lowercased().contains("ld+json") && index + 1 < tokens.count {
            guard let json = try? JSONSerialization.jsonObject(with: Data(tokens[index + 1].content.utf8)) else { continue }
            collectFAQ(json, into: &pairs)
        }
        return pairs
    }

    private static func collectFAQ(_ value: Any, into pairs: inout [(question: String, answer: String)]) {
        if let list = value as? [Any] {
            for item in list { collectFAQ(item, into: &pairs) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let graph = object["@graph"] { collectFAQ(graph, into: &pairs) }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String] ?? [])
        guard types.contains("FAQPage") else { return }
        let entities = object["mainEntity"] as? [Any] ?? (object["mainEntity"].map { [$0] } ?? [])
        for case let question as [String: Any] in entities {
            let accepted = question["acceptedAnswer"] as? [String: Any] ?? (question["acceptedAnswer"] as? [[String: Any]])?.first
            guard let name = (question["name"] as? String)?.trimmingWhitespace(), !name.isEmpty,
                let text = (accepted?["text"] as? String)?.trimmingWhitespace(), !text.isEmpty
            else { continue }
            pairs.append((decodeEntities(name[...]), looksLikeHTML(text) ? markdown(text) : decodeEntities(text[...])))
        }
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
