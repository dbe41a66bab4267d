import Foundation

/// One piece of an HTML text: the text between tags, or a start or end tag.
///
/// Enough of HTML's tokenization for reading FAQ pages: comments, `<!DOCTYPE>` and processing
/// instructions are skipped, a `>` inside a quoted attribute value does not end its tag, and the
/// content of `<script>`, `<style>`, `<textarea>` and `<title>` is raw text up to its end tag, so a
/// `"<h2>"` in a script is not a heading.
struct HTMLToken: Equatable {
    enum Kind: Equatable {
        case text
        case start
        case end
    }

    var kind: Kind
    /// The tag name, lowercased; empty for text.
    var name: String
    /// The text, entities not yet decoded; for a tag, what follows its name (its attributes).
    var content: Substring

    /// Elements whose content is raw text, not markup.
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    /// The tokens of `html`, in order.
    static func tokens(_ html: String) -> [HTMLToken] {
        var tokens: [HTMLToken] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                tokens.append(HTMLToken(kind: .text, name: "", content: rest))
                break
            }
            let afterOpen = rest.index(after: open)
            let first = afterOpen < rest.endIndex ? rest[afterOpen] : " "
            // A `<` that opens no tag (`a < b`, `<3`) is text.
            guard first.isLetter || first == "/" || first == "!" || first == "?" else {
                let next = rest[afterOpen...].firstIndex(of: "<") ?? rest.endIndex
                tokens.append(HTMLToken(kind: .text, name: "", content: rest[..<next]))
                rest = rest[next...]
                continue
            }
            if open > rest.startIndex { tokens.append(HTMLToken(kind: .text, name: "", content: rest[..<open])) }
            if rest[afterOpen...].hasPrefix("!--") {
                rest = rest[afterOpen...].range(of: "-->").map { rest[$0.upperBound...] } ?? rest[rest.endIndex...]
                continue
            }
            let close = tagEnd(rest[afterOpen...])
            let inside = rest[afterOpen..<close]
            rest = close < rest.endIndex ? rest[rest.index(after: close)...] : rest[rest.endIndex...]
            if first == "!" || first == "?" { continue }
            let isEnd = first == "/"
            let body = isEnd ? inside.dropFirst() : inside
            let name = body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" }).lowercased()
            guard !name.isEmpty else { continue }
            tokens.append(HTMLToken(kind: isEnd ? .end : .start, name: name, content: body.dropFirst(name.count)))
            if !isEnd, rawTextElements.contains(name) {
                let endTag = rest.range(of: "</\(name)", options: .caseInsensitive)
                tokens.append(HTMLToken(kind: .text, name: "", content: rest[..<(endTag?.lowerBound ?? rest.endIndex)]))
                rest = rest[(endTag?.lowerBound ?? rest.endIndex)...]
            }
        }
        return tokens
    }

    /// Where the tag starting at `text` ends: its `>` outside quoted attribute values.
    private static func tagEnd(_ text: Substring) -> Substring.Index {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return index
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }
}
