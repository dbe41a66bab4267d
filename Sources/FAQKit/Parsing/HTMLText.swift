import Foundation

/// Turns the HTML of a helpdesk article body (`<p>…</p><ul><li>…</li></ul>`) into the markdown
/// answers are stored as, so tag names are not indexed as words and answers read as text.
///
/// Helpdesk exports (Zendesk, Freshdesk, Intercom) give answers as HTML fragments. Only what an
/// answer needs survives: paragraphs and line breaks, list items, links, bold and code; every
/// other tag is dropped with its text kept, and character references are decoded. No HTML parser
/// library builds on Linux from this machine's packages (SwiftSoup is not among them), and an
/// article body needs no more than this.
enum HTMLText {
    /// True when `text` is an HTML fragment rather than markdown or plain text: it closes a
    /// paragraph, list item, div or heading, or breaks a line with `<br>`.
    static func looksLikeHTML(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["</p>", "</li>", "</div>", "<br>", "<br/>", "<br />", "</h2>", "</h3>"].contains { lower.contains($0) }
    }

    /// The markdown of an HTML fragment.
    static func markdown(_ html: String) -> String {
        var out = ""
        var link: String?
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += decodeEntities(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else {
                out += decodeEntities(rest[open...])
                rest = rest[rest.endIndex...]
                break
            }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let closing = tag.hasPrefix("/")
            let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
            switch (name, closing) {
            case ("br", _), ("tr", true), ("li", true):
                out += "\n"
            case ("p", true), ("div", true), ("ul", true), ("ol", true), ("table", true), ("blockquote", true),
                ("h1", true), ("h2", true), ("h3", true), ("h4", true), ("h5", true), ("h6", true):
                out += "\n\n"
            case ("td", true), ("th", true):
                out += " "
            case ("li", false):
                if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                out += "- "
            case ("strong", _), ("b", _):
                out += "**"
            case ("code", _):
                out += "`"
            case ("a", false):
                link = OutlineReader.attribute("href", in: String(tag))
                out += link == nil ? "" : "["
            case ("a", true):
                if let url = link { out += "](\(url))" }
                link = nil
            default:
                break
            }
        }
        out += decodeEntities(rest)
        // No two blank lines in a row, no space at line ends.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        return result.joined(separator: "\n").trimmingWhitespace()
    }

    private static let namedEntities: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and numeric references decoded.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
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
