import Foundation

/// Small, allocation-light helpers for the llms-txt markdown dialect.
enum MarkdownText {
    /// Turns exported markdown into clean answer text: `<br />` becomes a line break, escapes such
    /// as `max\_tokens` are undone, stray HTML image tags are dropped, blank lines are collapsed.
    /// Fenced code keeps its text as written.
    static func cleanAnswer(_ text: String) -> String {
        var out: [String] = []
        var inFence = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if isFence(line) {
                inFence.toggle()
                out.append(line)
                continue
            }
            if inFence {
                out.append(line)
                continue
            }
            var cleaned = removeImageTags(line)
            if cleaned.utf8.contains(UInt8(ascii: "<")) {
                for tag in ["<br />", "<br/>", "<br>"] where cleaned.hasSuffix(tag) {
                    cleaned.removeLast(tag.count)  // a break before the line's own end adds nothing
                }
                cleaned = cleaned.replacing("<br />", with: "\n").replacing("<br/>", with: "\n").replacing("<br>", with: "\n")
            }
            // In a table row, `\|` is a pipe inside a cell, and stays escaped so the row keeps its cells.
            cleaned = unescape(cleaned, keeping: cleaned.trimmingSpaces().hasPrefix("|") ? "|" : nil)
            for piece in cleaned.split(separator: "\n", omittingEmptySubsequences: false) {
                out.append(trimTrailing(String(piece)))
            }
        }
        // Collapse runs of blank lines and trim the ends.
        var result: [String] = []
        for line in out {
            if line.trimmingSpaces().isEmpty {
                if let last = result.last, !last.isEmpty { result.append("") }
            } else {
                result.append(line)
            }
        }
        while result.last == "" { result.removeLast() }
        return result.joined(separator: "\n")
    }

    /// An answer as plain text for the index: links reduced to their labels, bare URLs and
    /// emphasis markers dropped, so search matches what a reader sees. A code fence's line, its
    /// language too (```` ```bash ````), becomes an empty line: the lines stay where they were.
    static func searchableText(_ answer: String) -> String {
        var text = linkLabelsKeepingLines(answer)
        if text.contains("```") || text.contains("~~~") {
            text = text.split(separator: "\n", omittingEmptySubsequences: false).map { isFence(String($0)) ? "" : String($0) }
                .joined(separator: "\n")
        }
        text = removingEmphasis(text)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: false)
                .filter { !($0.hasPrefix("http://") || $0.hasPrefix("https://")) }
                .joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// `[label](target)` → `label`, and a picture `![alt](source)` → its `alt` (nothing when it
    /// has none: a lone `!` was left where the picture was); everything else as it is.
    static func linkLabelsKeepingLines(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            if let close = rest[open...].firstIndex(of: "]"), rest.index(after: close) < rest.endIndex,
                rest[rest.index(after: close)] == "(", let end = rest[close...].firstIndex(of: ")")
            {
                if out.last == "!" { out.removeLast() }
                out += rest[rest.index(after: open)..<close]
                rest = rest[rest.index(after: end)...]
            } else {
                out += rest[open...open]
                rest = rest[rest.index(after: open)...]
            }
        }
        return out + rest
    }

    /// A heading's or Contents item's text without markup: emphasis, code ticks and escapes removed.
    static func plainTitle(_ text: String) -> String {
        var t = unescape(text)
        t = removingEmphasis(t)
        return t.trimmingSpaces()
    }

    /// `text` without `**`, `~~` and `` ` `` markers. Most text has none, and looking for the
    /// bytes first costs far less than a substring search.
    static func removingEmphasis(_ text: String) -> String {
        var text = text
        if text.utf8.contains(UInt8(ascii: "*")) { text = text.replacing("**", with: "") }
        if text.utf8.contains(UInt8(ascii: "~")) { text = text.replacing("~~", with: "") }
        if text.utf8.contains(UInt8(ascii: "`")) { text = text.replacing("`", with: "") }
        return text
    }

    /// Text with markdown links reduced to their label and emphasis removed, for notes.
    static func linkLabels(_ text: String) -> String {
        plainTitle(linkLabelsKeepingLines(text))
    }

    /// True when `inside` (the text between `{` and `}`) is an attribute list as Pandoc, kramdown
    /// and Docusaurus write one after a heading or a link: items separated by spaces, each an id
    /// (`#recharge`), a class (`.anchor`) or a key and value (`target="_blank"`,
    /// `aria-label="充值的直接链接"`, quoted values may hold spaces); kramdown's leading `:` allowed.
    static func isAttributeList<S: StringProtocol>(_ inside: S) -> Bool {
        var rest = Substring(inside).trimmingWhitespace()[...]
        if rest.hasPrefix(":") { rest = rest.dropFirst().trimmingWhitespace()[...] }
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            var item = ""
            var quote: Character?
            while let ch = rest.first, quote != nil || !ch.isWhitespace {
                rest.removeFirst()
                if ch == "\"" { quote = quote == nil ? ch : nil }
                item.append(ch)
            }
            guard quote == nil, isAttribute(item) else { return false }
            rest = rest.drop(while: \.isWhitespace)
        }
        return true
    }

    private static func isAttribute(_ item: String) -> Bool {
        if let first = item.first, first == "#" || first == "." { return item.count > 1 && !item.contains("=") }
        guard let equals = item.firstIndex(of: "="), equals > item.startIndex else { return false }
        let key = item[..<equals]
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_:".contains($0)) } && key.first!.isLetter
    }

    /// The target of the first markdown link in `text`.
    static func firstLinkTarget(_ text: String) -> String? {
        guard let marker = text.range(of: "](") else { return nil }
        let rest = text[marker.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        let target = rest[..<end].trimmingSpaces()
        return target.isEmpty ? nil : unescape(target)
    }

    /// Values of `src="…"` attributes in `text`.
    static func imageSources(_ text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: " src=\"") {
            let value = rest[range.upperBound...]
            guard let end = value.firstIndex(of: "\"") else { break }
            result.append(String(value[..<end]))
            rest = value[end...]
        }
        return result
    }

    /// Removes backslash escapes before ASCII punctuation (`max\_tokens` → `max_tokens`), except
    /// the escape of `kept` and any inside a code span, where a backslash is text.
    static func unescape(_ text: String, keeping kept: Character? = nil) -> String {
        guard text.contains("\\") else { return text }
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if next == kept || !(next.isASCII && next.isPunctuation || next.isASCII && next.isSymbol) { out.append("\\") }
                out.append(next)
                i += 2
            } else if ch == "`" {
                // A code span is copied as it is: a backslash in code (`\`, `C:\Users`) escapes nothing.
                let run = chars[i...].prefix(while: { $0 == "`" }).count
                let end = codeSpanEnd(chars, from: i + run, run: run) ?? i + run
                out += String(chars[i..<end])
                i = end
            } else {
                out.append(ch)
                i += 1
            }
        }
        return out
    }

    /// Where a code span opened by `run` backticks ends: after the next run of exactly as many.
    static func codeSpanEnd(_ chars: [Character], from start: Int, run: Int) -> Int? {
        var i = start
        while i < chars.count {
            guard chars[i] == "`" else {
                i += 1
                continue
            }
            let closing = chars[i...].prefix(while: { $0 == "`" }).count
            if closing == run { return i + closing }
            i += closing
        }
        return nil
    }

    /// Adds a line to a tag that spans lines (`<Frame>` … `</Frame>`); once `closing` ends it,
    /// clears `open` and returns the whole tag's text.
    static func extend(_ open: inout (line: Int, text: String)?, with line: String, until closing: String) -> String? {
        guard var tag = open else { return nil }
        tag.text += "\n" + line
        if line.contains(closing) {
            open = nil
            return tag.text
        }
        open = tag
        return nil
    }

    /// The number of spaces and tabs `line` starts with.
    static func indentation<S: StringProtocol>(_ line: S) -> Int {
        line.prefix(while: { $0 == " " || $0 == "\t" }).count
    }

    /// True when `line` starts a bullet list item (`- `, `* `, `+ `).
    static func isBulletItem<S: StringProtocol>(_ line: S) -> Bool {
        line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ")
    }

    /// A line without a `<br>` (`<br/>`, `<br />`) at its end, where it breaks nothing.
    static func droppingTrailingBreak(_ line: String) -> String {
        guard line.hasSuffix(">"), let match = line.firstMatch(of: /(?i)\s*<br\s*\/?>$/) else { return line }
        return String(line[..<match.range.lowerBound])
    }

    static func isFence(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        return trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
    }

    /// The pictures an answer's blocks show, for its entry's attachments: those a `<Frame>` held,
    /// and the `src` of each `<img>` tag in their text (outside code), which the answer text
    /// leaves out. In order, each once.
    static func attachments(_ blocks: [MarkdownBlock]) -> [String] {
        var sources: [String] = []
        for block in blocks {
            sources += block.attachments
            guard block.text.contains("<img") else { continue }
            var inFence = false
            for line in block.lines {
                if isFence(line) { inFence.toggle() }
                guard !inFence, line.contains("<img") else { continue }
                var rest = Substring(line)
                while let open = rest.range(of: "<img"), let close = rest[open.upperBound...].firstIndex(of: ">") {
                    sources += imageSources(String(rest[open.lowerBound...close]))
                    rest = rest[rest.index(after: close)...]
                }
            }
        }
        var seen = Set<String>()
        return sources.filter { seen.insert($0).inserted }
    }

    static func removeImageTags(_ line: String) -> String {
        guard line.contains("<img") else { return line }
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "<img") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else {
                rest = ""
                break
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func trimTrailing(_ line: String) -> String {
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)].isWhitespace {
            end = line.index(before: end)
        }
        return String(line[..<end])
    }
}
