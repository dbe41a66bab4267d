/// Reading the message of an HTML error page.
///
/// Gateways and CDNs answer failures with HTML (nginx's `<html><head><title>502 Bad Gateway</title>`),
/// not JSON. The first line of such a body is markup and the text after a status inside it is closing
/// tags, so neither is a message: the page says what went wrong in its title or first heading, and
/// everything else on it (nginx's version footer, styles, scripts) is decoration.
extension ErrorTextParser {
    /// Elements whose text names an error page, most telling first.
    private static let headingElements = ["title", "h1", "h2", "h3"].map(ErrorTextBytes.bytes)

    /// The text of the first non-empty ``headingElements`` element in `bytes`, or nil when the text
    /// holds no HTML heading.
    static func htmlHeading(in bytes: [UInt8], lower: [UInt8]) -> String? {
        for element in headingElements {
            let open = [ErrorTextBytes.lessThan] + element
            let close = ErrorTextBytes.bytes("</") + element
            var from = 0
            while let start = ErrorTextBytes.firstIndex(of: open, in: lower, from: from) {
                from = start + open.count
                // `<title>` or `<h1 class="x">`, not `<header>` or `<h10>`.
                guard from < lower.count, lower[from] == ErrorTextBytes.greaterThan || ErrorTextBytes.isSpace(lower[from]) else { continue }
                guard let contentStart = ErrorTextBytes.firstIndex(of: [ErrorTextBytes.greaterThan], in: lower, from: from) else { break }
                // A page cut off inside the element keeps what is there.
                let contentEnd = ErrorTextBytes.firstIndex(of: close, in: lower, from: contentStart + 1) ?? lower.count
                let text = textOfMarkup(ErrorTextBytes.string(bytes[(contentStart + 1)..<contentEnd]))
                if text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                    return text
                }
                // Headings do not nest, so the search goes on after this one (linear in the text).
                from = contentEnd
            }
        }
        return nil
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
        let bytes = Array(text.utf8)
        return htmlHeading(in: bytes, lower: bytes.map(ErrorTextBytes.lowercased)) ?? textOfMarkup(text)
    }

    /// `text` without tags, comments or the contents of `<style>` and `<script>`, with the common
    /// entities decoded and runs of white space made one space.
    static func textOfMarkup(_ text: String) -> String {
        var output = ""
        var skippingUntil: String? = nil
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            if skippingUntil == nil { output += rest[..<open] }
            let tagBody = rest[rest.index(after: open)...]
            guard let close = tagBody.firstIndex(of: ">") else {
                // A `<` that opens no tag (`a < b`) is text.
                if skippingUntil == nil { output += rest[open...] }
                rest = ""
                break
            }
            let tag = tagBody[..<close].lowercased()
            let name = String(tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" })
            if let until = skippingUntil {
                if name == until { skippingUntil = nil }
            } else if name == "style" || name == "script" {
                skippingUntil = "/" + name
            }
            rest = tagBody[tagBody.index(after: close)...]
        }
        if skippingUntil == nil { output += rest }
        return decodingEntities(output).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "#39": "'",
    ]

    /// `&amp;`, `&lt;`, `&#8217;`, `&#x2019;` and the like decoded; unknown entities are kept.
    private static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                output += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon].lowercased()
            var scalar: Unicode.Scalar? = nil
            if name.hasPrefix("#x") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            }
            if let known = entities[name] {
                output += known
            } else if let scalar {
                output.unicodeScalars.append(scalar)
            } else {
                output += "&" + after[..<semicolon] + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return output + rest
    }
}
