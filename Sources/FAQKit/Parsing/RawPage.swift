import Foundation

/// One page of the corpus split into its parts, before its questions are recovered.
struct RawPage {
    /// A line of the page's Contents list, before nesting is resolved.
    struct ContentsItem {
        var number: String
        var title: String
        var indent: Int
        var line: Int
    }

    /// A question heading in the body: `## 2. …` or a line of bold `**2. …**`.
    struct Heading {
        var number: String?
        var title: String
        var line: Int
        /// The number of `#`s (0 for a bold line), to tell a question from a sub-heading of its answer.
        var level = 0
        /// The line as written, to put back into an answer when the heading turns out to be a
        /// sub-heading of it.
        var markdown = ""
    }

    /// Body text under one heading (or before the first).
    struct Section {
        var heading: Heading?
        var blocks: [MarkdownBlock] = []
    }

    /// A recovered question with the blocks that answer it.
    struct Question {
        var number: String
        var title: String
        var group: String?
        var blocks: [MarkdownBlock]
        var line: Int
    }

    var title: String
    var url: String?
    var sourceURL: String?
    var line: Int
    /// Contents items, groups included, in order.
    var contents: [CorpusParser.ContentsEntry] = []
    var sections: [Section] = []
    var contactURL: String?
    var contactText: String?

    /// Parses one page chunk; nil for the file's own header (the chunk before the first page).
    init?(chunk: [CorpusParser.Line], isFirst: Bool, warnings: inout [CorpusWarning]) {
        var title: String? = nil
        var titleLine = chunk.first?.number ?? 0
        var index = 0
        var inContents = false
        var items: [ContentsItem] = []

        // Header: title, URL, Contents, Source, in any order, until the first other line.
        header: while index < chunk.count {
            let text = chunk[index].text
            let trimmed = text.trimmingSpaces()
            if trimmed.isEmpty {
                index += 1
                continue
            }
            if title == nil, trimmed.hasPrefix("## ") {
                title = MarkdownText.plainTitle(String(trimmed.dropFirst(3)))
                titleLine = chunk[index].number
                inContents = false
            } else if trimmed.hasPrefix("# "), title == nil, isFirst {
                // The file's own title.
            } else if let value = Self.field(trimmed, "**URL:**") {
                url = value
                inContents = false
            } else if trimmed == "**Contents:**" {
                inContents = true
            } else if inContents, trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                let indent = MarkdownText.indentation(text)
                let (number, itemTitle) = Self.splitNumber(MarkdownText.plainTitle(String(trimmed.dropFirst(2))))
                items.append(ContentsItem(number: number ?? "", title: itemTitle, indent: indent, line: chunk[index].number))
            } else if let value = Self.field(trimmed, "Source:") {
                sourceURL = value
                index += 1
                break header
            } else if trimmed.hasPrefix("**Pages:**") && isFirst {
                // File header metadata.
            } else {
                break header
            }
            index += 1
        }

        if title == nil {
            // Before the first `---`, text without a page title is the file's own preamble.
            if isFirst { return nil }
            let fallback = (sourceURL ?? url).flatMap(CategoryMap.lastPathSegment)
            guard fallback != nil || index < chunk.count else { return nil }
            warnings.append(CorpusWarning(line: titleLine, message: "page has no `## Title` line; named \(fallback ?? "untitled")"))
            title = fallback ?? "untitled"
        }
        self.title = title!
        self.line = titleLine
        self.contents = Self.resolveContents(items)
        parseBody(chunk[index...], warnings: &warnings)
    }

    static func field(_ line: String, _ name: String) -> String? {
        guard line.hasPrefix(name) else { return nil }
        var value = line.dropFirst(name.count).trimmingSpaces()
        if value.hasPrefix("<") && value.hasSuffix(">") { value = String(value.dropFirst().dropLast()) }
        return value.isEmpty ? nil : value
    }

    /// Splits a leading question number (`4.1 `, `2. `, `3、`) off a title.
    static func splitNumber(_ text: String) -> (String?, String) {
        var index = text.startIndex
        var sawDigit = false
        var lastWasDot = false
        while index < text.endIndex {
            let ch = text[index]
            if ch.isASCII, ch.isNumber {
                sawDigit = true
                lastWasDot = false
            } else if ch == ".", sawDigit, !lastWasDot {
                lastWasDot = true
            } else {
                break
            }
            index = text.index(after: index)
        }
        guard sawDigit else { return (nil, text) }
        var number = String(text[..<index])
        if number.hasSuffix(".") { number.removeLast() }
        let rest = text[index...]
        // A number must be followed by a separator, so `30s 的限制` is not question 30.
        guard lastWasDot || rest.first == " " || rest.first == "、" || rest.first == "．" else { return (nil, text) }
        let title = rest.drop(while: { $0 == " " || $0 == "、" || $0 == "．" })
        return (number, String(title).trimmingSpaces())
    }

    /// Marks items that have sub-items as groups and gives sub-items their parent's title.
    static func resolveContents(_ items: [ContentsItem]) -> [CorpusParser.ContentsEntry] {
        var result: [CorpusParser.ContentsEntry] = []
        var stack: [(indent: Int, title: String)] = []
        for (i, item) in items.enumerated() {
            while let top = stack.last, top.indent >= item.indent { stack.removeLast() }
            let isGroup = i + 1 < items.count && items[i + 1].indent > item.indent
            let number = item.number.isEmpty ? String(result.count + 1) : item.number
            result.append(
                CorpusParser.ContentsEntry(
                    number: number, title: item.title, line: item.line, parent: stack.last?.title, isGroup: isGroup))
            stack.append((item.indent, item.title))
        }
        return result
    }

    // MARK: - Body

    private mutating func parseBody(_ lines: ArraySlice<CorpusParser.Line>, warnings: inout [CorpusWarning]) {
        var sections = [Section(heading: nil)]
        var current: MarkdownBlock? = nil
        var pendingAttachments: [String] = []
        var inFence = false
        var frame: (line: Int, text: String)? = nil
        var note: String? = nil

        func endBlock() {
            guard var block = current else { return }
            block.attachments += pendingAttachments
            pendingAttachments = []
            sections[sections.count - 1].blocks.append(block)
            current = nil
        }
        func attach(_ sources: [String]) {
            if current != nil {
                current!.attachments += sources
            } else if let last = sections[sections.count - 1].blocks.indices.last {
                sections[sections.count - 1].blocks[last].attachments += sources
            } else {
                pendingAttachments += sources
            }
        }

        for line in lines {
            let text = line.text
            let trimmed = text.trimmingSpaces()
            if inFence {
                current?.lines.append(text)
                if MarkdownText.isFence(text) { inFence = false }
                continue
            }
            if frame != nil {
                if let whole = MarkdownText.extend(&frame, with: text, until: "</Frame>") { attach(MarkdownText.imageSources(whole)) }
                continue
            }
            if var open = note {
                open += "\n" + text
                if trimmed.contains("</Note>") {
                    setContact(open)
                    note = nil
                } else {
                    note = open
                }
                continue
            }
            if trimmed == "**Examples:**" { break }
            if trimmed.hasPrefix("<Frame") {
                if trimmed.contains("</Frame>") {
                    attach(MarkdownText.imageSources(trimmed))
                } else {
                    frame = (line.number, trimmed)
                }
                continue
            }
            if trimmed.hasPrefix("<Note") {
                if trimmed.contains("</Note>") { setContact(trimmed) } else { note = trimmed }
                continue
            }
            if let heading = Self.heading(trimmed, line: line.number) {
                endBlock()
                sections.append(Section(heading: heading))
                continue
            }
            if trimmed.isEmpty {
                endBlock()
                continue
            }
            if MarkdownText.isFence(text) { inFence = true }
            if current == nil { current = MarkdownBlock(lines: [], line: line.number) }
            current!.lines.append(text)
        }
        if inFence { endBlock() }
        endBlock()
        if let frame {
            warnings.append(CorpusWarning(line: frame.line, message: "<Frame> is never closed"))
        }
        self.sections = sections
    }

    private mutating func setContact(_ note: String) {
        var inner = note.replacing("</Note>", with: "")
        if let close = inner.firstIndex(of: ">"), inner.hasPrefix("<Note") { inner = String(inner[inner.index(after: close)...]) }
        contactURL = MarkdownText.firstLinkTarget(inner) ?? contactURL
        let text = MarkdownText.linkLabels(inner).trimmingWhitespace()
        if !text.isEmpty { contactText = text }
    }

    /// A question heading: `## …` (any level from 2) or a whole line of bold text that starts
    /// with a question number.
    static func heading(_ line: String, line number: Int) -> Heading? {
        if line.hasPrefix("##") {
            let title = line.drop(while: { $0 == "#" })
            guard title.first == " " else { return nil }
            let (num, text) = splitNumber(MarkdownText.plainTitle(String(title)))
            return Heading(number: num, title: text, line: number, level: line.count - title.count, markdown: line)
        }
        if line.hasPrefix("**"), line.hasSuffix("**"), line.count > 4 {
            let inner = String(line.dropFirst(2).dropLast(2))
            guard !inner.contains("**") else { return nil }
            let (num, text) = splitNumber(MarkdownText.plainTitle(inner))
            guard let num, !text.isEmpty else { return nil }
            return Heading(number: num, title: text, line: number)
        }
        return nil
    }
}

extension CorpusParser {
    /// A resolved Contents item.
    struct ContentsEntry {
        var number: String
        var title: String
        var line: Int
        var parent: String?
        var isGroup: Bool
    }
}
