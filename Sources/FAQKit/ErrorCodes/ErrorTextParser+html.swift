/// Reading the message of an HTML error page.
///
/// Gateways and CDNs answer failures with HTML (nginx's `<html><head><title>502 Bad Gateway</title>`),
/// not JSON. The first line of such a body is markup and the text after a status inside it is closing
/// tags, so neither is a message: the page says what went wrong in its title or first heading, and
/// everything else on it (nginx's version footer, styles, scripts) is decoration. Pages are read with
/// the corpus parser's HTML tokenizer and entity decoder (`HTMLToken`, `HTMLText`).
extension ErrorTextParser {
    /// Elements whose text names an error page, most telling first.
    private static let headingElements = ["title", "h1", "h2", "h3"]

    /// The text of the first non-empty ``headingElements`` element in `bytes`, or nil when the text
    /// holds no HTML heading. `lower` is `bytes` lowercased, for the cheap check that there is one.
    static func htmlHeading(in bytes: [UInt8], lower: [UInt8]) -> String? {
        guard headingElements.contains(where: { ErrorTextBytes.firstIndex(of: ErrorTextBytes.bytes("<" + $0), in: lower) != nil }) else {
            return nil
        }
        return heading(HTMLToken.tokens(ErrorTextBytes.string(bytes[...])))
    }

    /// Whether a message candidate starts with a tag (`<html>`, `</title>`, `<!DOCTYPE html>`), so it
    /// is markup read from a page rather than words. A tag later in a message (`expected <string>`)
    /// leaves it words.
    static func startsWithTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(2))
        guard bytes.count == 2, bytes[0] == ErrorTextBytes.lessThan else { return false }
        return ErrorTextBytes.isLetter(bytes[1]) || bytes[1] == 0x2F || bytes[1] == 0x21
    }

    /// A message that is markup, read as a page: its heading, else its text without tags.
    static func messageOfMarkup(_ text: String) -> String {
        let tokens = HTMLToken.tokens(text)
        return heading(tokens) ?? plainText(tokens[...])
    }

    /// The text of the first heading element with letters or digits in it, in ``headingElements``
    /// order (a page cut off inside the element keeps what is there).
    private static func heading(_ tokens: [HTMLToken]) -> String? {
        for element in headingElements {
            var from = tokens.startIndex
            while let start = tokens[from...].firstIndex(where: { $0.kind == .start && $0.name == element }) {
                let end = tokens[(start + 1)...].firstIndex(where: { $0.kind == .end && $0.name == element }) ?? tokens.endIndex
                let text = plainText(tokens[(start + 1)..<end])
                if text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) { return text }
                guard end < tokens.endIndex else { break }
                from = end
            }
        }
        return nil
    }

    /// The text of `tokens` without tags or the contents of `<style>` and `<script>`, entities
    /// decoded, runs of white space made one space.
    private static func plainText(_ tokens: ArraySlice<HTMLToken>) -> String {
        var text = ""
        var previous: HTMLToken?
        for token in tokens {
            defer { previous = token }
            guard token.kind == .text else { continue }
            if let previous, previous.kind == .start, previous.name == "style" || previous.name == "script" { continue }
            text += HTMLText.decodeEntities(token.content) + " "
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
