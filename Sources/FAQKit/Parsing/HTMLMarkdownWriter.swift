import Foundation

/// Writes HTML tokens as the markdown FAQKit parses and stores: headings as `#` lines, paragraphs
/// and blocks separated by blank lines, list items as `- ` and `1. ` lines, tables as pipe
/// tables, `<pre>` as fenced code, `<details>` as the disclosure lines the outline parser reads,
/// definition terms in bold, links, bold and code.
///
/// Whitespace is collapsed as a browser shows it: runs of spaces and line breaks in the source are
/// one space, and a line break between two CJK characters is nothing (CSS Text's segment-break
/// rule), so a paragraph wrapped in the source reads as one line. What a reader of the page does
/// not see as content is dropped: scripts, styles, navigation, page footers and sidebars,
/// forms and inline SVG.
struct HTMLMarkdownWriter {
    /// Elements dropped with everything in them. Not `<form>` (some sites wrap a whole page in
    /// one) nor `<button>` (accordions put their question in one).
    static let droppedElements: Set<String> = [
        "head", "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "select", "iframe", "textarea", "title", "math",
    ]
    /// Elements that start and end a block of their own.
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "header", "blockquote", "figure", "figcaption", "address", "center", "dl", "dd", "body",
    ]

    /// The elements this writer drops: ``droppedElements``, less `<aside>` inside a page's main
    /// content, where it is a callout rather than a sidebar.
    var dropping = droppedElements
    private(set) var output = ""
    /// An element whose text is written apart, then placed whole when it ends.
    private enum Captured: Equatable {
        case heading(level: Int)
        case cell
        case summary
        case term
    }
    /// Open elements a page's styles name as a question (`<div class="faq-question">`): the
    /// element's name, how many of that name are open (itself included), and where its text
    /// starts in the output (in UTF-8 bytes).
    private var classedQuestions: [(element: String, depth: Int, start: Int)] = []
    /// The text being written apart, and whose it is.
    private var capture: String?
    private var captured: Captured?
    /// Depth inside dropped elements, and the element that started the drop.
    private var dropped: (name: String, depth: Int)?
    private var preDepth = 0
    /// Open lists, innermost last: whether each is ordered, and its items so far.
    private var lists: [(ordered: Bool, items: Int)] = []
    /// Rows of the innermost open table; cells of its open row.
    private var tableRows: [[String]] = []
    private var rowCells: [String]?
    private var tableDepth = 0
    /// The open links' targets (nil: written as plain text), innermost last.
    private var links: [String?] = []

    /// The markdown of `tokens`.
    static func markdown(_ tokens: some Sequence<HTMLToken>, dropping: Set<String> = droppedElements) -> String {
        var writer = HTMLMarkdownWriter()
        writer.dropping = dropping
        for token in tokens { writer.write(token) }
        return writer.finished()
    }

    mutating func write(_ token: HTMLToken) {
        if var drop = dropped {
            if token.name == drop.name { drop.depth += token.kind == .start ? 1 : token.kind == .end ? -1 : 0 }
            dropped = drop.depth > 0 ? drop : nil
            return
        }
        switch token.kind {
        case .text:
            text(HTMLText.decodeEntities(token.content), raw: preDepth > 0)
        case .start:
            for index in classedQuestions.indices where classedQuestions[index].element == token.name {
                classedQuestions[index].depth += 1
            }
            if dropping.contains(token.name) {
                if !token.content.hasSuffix("/") { dropped = (token.name, 1) }
            } else {
                start(token.name, attributes: String(token.content))
            }
        case .end:
            for index in classedQuestions.indices.reversed() where classedQuestions[index].element == token.name {
                classedQuestions[index].depth -= 1
            }
            if let last = classedQuestions.last, last.depth == 0 {
                classedQuestions.removeLast()
                return endClassedQuestion(from: last.start)
            }
            end(token.name)
        }
    }

    /// Ends an element named as a question: what it wrote is a question line in bold when it is
    /// one line that asks (an icon's symbol before it dropped), and stays as written otherwise (a
    /// wrapper named `faq-question-block` around a question and its answer).
    private mutating func endClassedQuestion(from start: Int) {
        let utf8 = output.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: min(start, utf8.count))
        var text = output[from...].trimmingWhitespace()
        if let space = text.firstIndex(of: " "), !text[..<space].contains(where: { $0.isLetter || $0.isNumber }) {
            text = text[space...].trimmingWhitespace()  // `+ 如何注册？`: the toggle's icon
        }
        if !text.isEmpty, !text.contains("\n"), QuestionText.endsWithQuestionMark(text) {
            output.removeSubrange(from...)
            output += "**\(text.replacingOccurrences(of: "**", with: ""))**"
        }
        blockBreak()
    }

    /// True for a class list naming a question (`faq-question`, `question-title`) or the clickable
    /// title of an accordion (`accordion-header`, `collapse-title`, `faq__toggle`).
    static func namesQuestion(classes: String) -> Bool {
        classes.lowercased().split(whereSeparator: \.isWhitespace).contains { name in
            if name.contains("question") { return true }
            let widget = ["accordion", "collapse", "faq", "toggle", "expand"].contains { name.contains($0) }
            return widget && ["title", "header", "head", "button", "trigger", "summary"].contains { name.contains($0) }
        }
    }

    private mutating func start(_ name: String, attributes: String) {
        if capture == nil, ["div", "p", "span", "button", "a", "label", "strong", "b", "dt"].contains(name),
            let classes = OutlineReader.attribute("class", in: attributes), Self.namesQuestion(classes: classes)
        {
            blockBreak()
            classedQuestions.append((name, 1, output.utf8.count))
            return
        }
        switch name {
        case "br":
            append(capture != nil ? " " : "\n")
        case "h1", "h2", "h3", "h4", "h5", "h6":
            beginCapture(.heading(level: Int(String(name.dropFirst())) ?? 2))
        case "li":
            newLine()
            if lists.isEmpty { lists.append((false, 0)) }
            lists[lists.count - 1].items += 1
            let list = lists[lists.count - 1]
            // Nested items are indented past their parents' markers (`- `, `1. `), as markdown
            // nests them; a list in a cell or a heading is flattened into its text.
            let indent = lists.dropLast().reduce(0) { $0 + ($1.ordered ? 3 : 2) }
            if capture == nil { output += String(repeating: " ", count: indent) + (list.ordered ? "\(list.items). " : "- ") }
        case "ul", "ol":
            if lists.isEmpty { blockBreak() } else { newLine() }
            lists.append((name == "ol", 0))
        case "pre":
            blockBreak()
            if capture == nil { output += "```\n" }
            preDepth += 1
        case "code", "kbd", "samp":
            if preDepth == 0 { append("`") }
        case "strong", "b":
            if !inHeading { append("**") }
        case "a":
            let href = OutlineReader.attribute("href", in: attributes)
            // In-page anchors (a heading's `#` permalink, a table of contents) are not links a
            // reader follows elsewhere, and a heading's text is its title alone.
            let target = href.flatMap { $0.hasPrefix("#") || $0.lowercased().hasPrefix("javascript:") ? nil : $0 }
            let shown = inHeading ? nil : target
            links.append(shown)
            if shown != nil { append("[") }
        case "table":
            tableDepth += 1
            if tableDepth == 1 {
                blockBreak()
                tableRows = []
            }
        case "tr":
            if tableDepth == 1 { rowCells = [] }
        case "td", "th":
            if capture != nil {
                append(" ")  // a table inside text written apart: its cells are words of it
            } else if tableDepth == 1, rowCells != nil {
                beginCapture(.cell)
            }
        case "details":
            guard capture == nil else { return }
            blockBreak()
            output += "<details>\n"
        case "summary":
            beginCapture(.summary)
        case "dt":
            beginCapture(.term)
        default:
            if Self.blockElements.contains(name) { blockBreak() }
        }
    }

    private mutating func end(_ name: String) {
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            guard case .heading(let level) = captured, let text = endCapture(captured!) else { return }
            let title = Self.headingText(text)
            if !title.isEmpty { output += String(repeating: "#", count: level) + " " + title }
            blockBreak()
        case "li":
            newLine()
        case "ul", "ol":
            if !lists.isEmpty { lists.removeLast() }
            if lists.isEmpty { blockBreak() } else { newLine() }
        case "pre":
            guard preDepth > 0 else { return }
            preDepth -= 1
            guard capture == nil else { return }
            newLine()
            output += "```"
            blockBreak()
        case "code", "kbd", "samp":
            if preDepth == 0 { append("`") }
        case "strong", "b":
            if !inHeading { append("**") }
        case "a":
            if let target = links.popLast() ?? nil { append("](\(target))") }
        case "td", "th":
            guard tableDepth == 1, rowCells != nil, let cell = endCapture(.cell) else {
                if capture != nil { append(" ") }
                return
            }
            rowCells?.append(cell.trimmingWhitespace().replacingOccurrences(of: "|", with: "\\|"))
        case "tr":
            if tableDepth == 1, let cells = rowCells, !cells.isEmpty { tableRows.append(cells) }
            rowCells = nil
        case "table":
            guard tableDepth > 0 else { return }
            tableDepth -= 1
            if tableDepth == 0 { writeTable() }
        case "details":
            guard capture == nil else { return }
            blockBreak()
            output += "</details>"
            blockBreak()
        case "summary":
            guard let summary = endCapture(.summary) else { return }
            output += "<summary>\(summary.trimmingWhitespace())</summary>"
            blockBreak()
        case "dt":
            guard let term = endCapture(.term)?.trimmingWhitespace() else { return }
            if !term.isEmpty { output += "**\(term)**" }
            blockBreak()
        default:
            if Self.blockElements.contains(name) { blockBreak() }
        }
    }

    /// Starts writing an element's text apart. An element inside one already written apart (a
    /// heading in a summary, a term in a cell) is part of that text.
    private mutating func beginCapture(_ kind: Captured) {
        guard capture == nil else { return }
        blockBreak()
        capture = ""
        captured = kind
    }

    /// The text written apart, when it is `kind`'s; writing goes back to the output.
    private mutating func endCapture(_ kind: Captured) -> String? {
        guard captured == kind, let text = capture else { return nil }
        capture = nil
        captured = nil
        return text
    }

    private var inHeading: Bool {
        if case .heading = captured { return true }
        return false
    }

    /// Text, with whitespace collapsed unless it is inside `<pre>`.
    private mutating func text(_ text: String, raw: Bool) {
        if raw {
            append(capture == nil ? text : String(text.map { $0.isNewline ? " " : $0 }))
            return
        }
        var collapsed = ""
        var pendingSpace = false
        var pendingBreak = false
        for c in text {
            if c.isWhitespace {
                pendingSpace = true
                if c.isNewline { pendingBreak = true }
                continue
            }
            if pendingSpace {
                let before = collapsed.last ?? lastCharacter
                // A line break in the source between two CJK characters is no space at all.
                let joinsCJK = pendingBreak && before.map(Self.isWide) == true && Self.isWide(c)
                if !joinsCJK { collapsed.append(" ") }
                pendingSpace = false
                pendingBreak = false
            }
            collapsed.append(c)
        }
        if pendingSpace { collapsed.append(" ") }
        // No space at the start of a line or after a space.
        if collapsed.hasPrefix(" "), lastCharacter == nil || lastCharacter == " " || lastCharacter == "\n" { collapsed.removeFirst() }
        append(collapsed)
    }

    /// The last character written, read in place: a copy of `output` held across an append
    /// would make every append copy the whole page.
    private var lastCharacter: Character? {
        capture != nil ? capture!.last : output.last
    }

    private mutating func append(_ text: String) {
        if capture != nil { capture! += text } else { output += text }
    }

    /// Ends the line (inside a list) or the paragraph (elsewhere).
    private mutating func blockBreak() {
        guard capture == nil else { return }
        if !lists.isEmpty { return newLine() }
        trimLineEnd()
        guard !output.isEmpty else { return }
        while !output.hasSuffix("\n\n") { output += "\n" }
    }

    private mutating func newLine() {
        guard capture == nil else { return append(" ") }
        trimLineEnd()
        if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
    }

    private mutating func trimLineEnd() {
        while output.last == " " { output.removeLast() }
    }

    private mutating func writeTable() {
        guard let width = tableRows.map(\.count).max() else { return }
        for (index, row) in tableRows.enumerated() {
            let cells = row + Array(repeating: "", count: width - row.count)
            output += "| " + cells.joined(separator: " | ") + " |\n"
            if index == 0 { output += "|" + String(repeating: " --- |", count: width) + "\n" }
        }
        tableRows = []
        blockBreak()
    }

    /// Characters of scripts written without spaces, and their full-width punctuation (Hangul,
    /// written with spaces, is not one).
    static func isWide(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first?.value else { return false }
        if (0xAC00...0xD7AF).contains(scalar) { return false }
        return TextAnalyzer.isIdeographic(scalar) || (0x3000...0x303F).contains(scalar) || (0xFF00...0xFFEF).contains(scalar)
    }

    /// A heading's text without the permalink marks docs sites put in it (`#`, `¶`, `§`, a
    /// zero-width space).
    static func headingText(_ text: String) -> String {
        let marks = SiteChrome.permalinkMarks
        var title = Substring(text.trimmingWhitespace())
        while let last = title.last, marks.contains(last) || last.isWhitespace { title = title.dropLast() }
        while let first = title.first, marks.contains(first) || first.isWhitespace { title = title.dropFirst() }
        return String(title)
    }

    /// The markdown, without trailing spaces or runs of blank lines.
    mutating func finished() -> String {
        var result: [Substring] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            while line.last?.isWhitespace == true { line = line.dropLast() }
            if line.isEmpty && (result.last?.isEmpty ?? true) { continue }
            result.append(line)
        }
        return result.joined(separator: "\n").trimmingWhitespace()
    }
}
