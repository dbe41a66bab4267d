import Foundation
import Yams

/// Reads one markdown document into ``OutlineParser`` pages: headings, question lines and
/// disclosure blocks become nodes, everything else blocks of answer text under the node before it.
///
/// Markup that is not answer text is dropped here: YAML front matter (its `title:` names the page),
/// thematic breaks (`---`, `***`), MDX components (`<SeoMeta … />`, `<CodePreview … />`; the tags of
/// `<Callout>`, `<Tip>`, `<Note>`, `<Check>` and the like, keeping their text), `<Frame>` images (kept
/// as attachments), a page's `Source:` line and `> description` (its header), heading ids
/// (`{#id}`), `:::` callout markers (keeping their text), Docsify's `?>` and `!>` marks (keeping
/// their text), GitHub's alert marks (`> [!NOTE]`), template tag lines (`{% hint %}`) and the `>`
/// marks of a blockquote that holds marked questions (`> **问：…**`).
/// Fenced code is copied as it is: a `#` line inside it is code, not a heading.
struct OutlineReader {
    typealias Node = OutlineParser.Node
    typealias Page = OutlineParser.Page

    var document: OutlineParser.Document

    private var pages: [Page] = []
    /// True while the last page is the one made for text before the document's first title.
    private var pageBeforeFirstTitle = false
    private var stack: [Node] = []
    private var block: MarkdownBlock?
    private var headingLevel = 1
    /// Open `<details>`, `<Accordion>` and `::: details` blocks, innermost last, each closed by its
    /// end tag: the node it opened, or nil for one kept inside an answer.
    private var disclosures: [Node?] = []
    /// Set after a question line, so its answer's `A：` marker is dropped.
    private var expectingAnswer = false
    /// While reading the answer of a list item that asks a question (`- **如何注册？**` over an
    /// indented paragraph): the indentation its answer lines carry.
    private var listAnswerIndent: Int?
    /// Open `:::` containers, innermost last: true for a `::: details` disclosure.
    private var containers: [Bool] = []
    private var frontMatter: [String: String] = [:]
    /// Set by a thematic break (`---`), until the next line that is not blank.
    private var afterBreak = false
    /// Inside a blockquote that holds marked questions, read without its `>` marks.
    private var quotedQuestions = false
    /// The last question such a blockquote opened.
    private var quotedQuestion: Node?
    /// The last node a numbered bold line opened (`**1. 退款政策**`, `**2. 如何退款？**`) and its
    /// number, so the next number titles the next entry.
    private var numberedBoldNode: (node: Node, number: Int)?

    init(document: OutlineParser.Document) {
        self.document = document
    }

    /// The document's pages.
    func read(warnings: inout [CorpusWarning]) -> [Page] {
        var reader = self
        reader.run(warnings: &warnings)
        return reader.pages
    }

    private mutating func run(warnings: inout [CorpusWarning]) {
        let lines = CorpusParser.splitLines(document.text)
        var index = readFrontMatter(lines)
        var fenceLine: Int? = nil
        var pendingTag: (line: Int, text: String)? = nil
        var frame: (line: Int, text: String)? = nil
        var awaitingSummary: Int? = nil
        // The indentation of a `!!! note` block's text, read as if it had none.
        var calloutIndent: Int? = nil
        // The indentation of a disclosure's text (`<Accordion>` content indented under its tag, as
        // MDX allows), read as if it had none, until the disclosure closes.
        var disclosureIndent: Int? = nil

        while index < lines.count {
            let line = lines[index]
            index += 1
            var text = line.text
            if let indent = calloutIndent {
                if let inner = Self.dedented(text, by: indent) { text = inner } else { calloutIndent = nil }
            }
            if let indent = disclosureIndent, let inner = Self.dedented(text, by: indent) { text = inner }
            // Questions set in a blockquote (`> **问：如何退款？**` over `> 答：…`, as some FAQs set
            // each pair apart): the quote, from its first line that asks a marked question to its
            // end, is read as if it were not quoted. Not inside an answer of another shape, where
            // a quoted `Q: … A: …` is an example the answer gives.
            if fenceLine == nil {
                if let quoted = Self.blockquoteContent(text) {
                    if quotedQuestions
                        || (answeredQuestion == nil || answeredQuestion === quotedQuestion) && Self.asksMarkedQuestion(quoted)
                    {
                        quotedQuestions = true
                        text = quoted
                    }
                } else if !text.trimmingWhitespace().isEmpty {
                    quotedQuestions = false
                }
            }
            let trimmed = text.trimmingWhitespace()
            // The next line that is not blank, looked up only by the shapes that read it.
            let nextNonBlank = { lines[index...].first { !$0.text.trimmingWhitespace().isEmpty }?.text }

            if fenceLine != nil {
                appendLine(text, line: line.number)
                if MarkdownText.isFence(text) { fenceLine = nil }
                continue
            }
            if MarkdownText.isFence(text) {
                fenceLine = line.number
                appendLine(text, line: line.number)
                continue
            }
            // A component tag spread over several lines, up to its `>` or `/>`.
            if var open = pendingTag {
                open.text += " " + trimmed
                if trimmed.hasSuffix(">") {
                    pendingTag = nil  // the tag is dropped; a container's text follows as usual
                } else {
                    pendingTag = open
                }
                continue
            }
            if frame != nil {
                if let whole = MarkdownText.extend(&frame, with: text, until: "</Frame>") { attach(MarkdownText.imageSources(whole)) }
                continue
            }
            if let summaryLine = awaitingSummary {
                if let summary = Self.tagContent(trimmed, "summary") {
                    awaitingSummary = nil
                    openDisclosure(summary, line: summaryLine)
                    disclosureIndent = Self.contentIndent(nextNonBlank())
                    continue
                }
                if trimmed.isEmpty { continue }
                awaitingSummary = nil
                openDisclosure("", line: summaryLine)
            }

            if trimmed.isEmpty {
                endBlock()
                continue
            }
            let followsBreak = afterBreak
            afterBreak = false
            // Containers of docs generators: `::: details Q` (VitePress) is a disclosure; `:::tip`,
            // `::: warning 注意` (Docusaurus, VitePress) are callouts whose text is kept.
            if let container = Self.container(trimmed) {
                switch container {
                case .open(let kind, let title):
                    let isDisclosure = kind == "details" && !title.isEmpty
                    if isDisclosure { openDisclosure(title, line: line.number) }
                    containers.append(isDisclosure)
                case .close:
                    if containers.popLast() == true { closeDisclosure() }
                }
                continue
            }
            // Template tags on a line of their own (`{% hint style="info" %}`, `{{< note >}}`): markup.
            if Self.isTemplateTag(trimmed) || Self.isEmptyAnchor(trimmed) { continue }
            // GitHub's alert marks (`> [!NOTE]` over the quoted text): markup; the quote stays.
            if Self.isAlertMark(trimmed) { continue }
            // Docsify's tip and warning paragraphs (`?> 提示`, `!> 注意`): their text, without the mark.
            if trimmed.hasPrefix("?>") || trimmed.hasPrefix("!>") {
                let rest = trimmed.dropFirst(2).trimmingWhitespace()
                if !rest.isEmpty { appendLine(rest, line: line.number) }
                continue
            }
            // MkDocs admonitions (`??? question "如何注册？"`, `!!! note`), reStructuredText's
            // (`.. note::`) and their indented text:
            // one whose title asks is a question answered by that text; any other is its text, under
            // its title in bold when the title says more than its kind (`升级前请备份`, not `提示`).
            if let callout = Self.admonition(trimmed), let next = nextNonBlank(),
                MarkdownText.indentation(next) >= MarkdownText.indentation(text) + (trimmed.hasPrefix("..") ? 1 : 4)
            {
                if let title = callout.title, QuestionText.isQuestion(title) {
                    openNode(QuestionText.title(title).title, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                    listAnswerIndent = MarkdownText.indentation(next)
                } else {
                    if let title = callout.title, !Self.isCalloutLabel(title) {
                        endBlock()
                        appendLine("**\(title)**", line: line.number)
                        endBlock()
                    }
                    calloutIndent = MarkdownText.indentation(next)
                }
                continue
            }
            if let indent = listAnswerIndent {
                if MarkdownText.indentation(text) >= indent {
                    appendLine(String(text.dropFirst(indent)), line: line.number)
                    continue
                }
                listAnswerIndent = nil
                endBlock()
                stack.removeLast()  // what follows the item belongs to what held the list
            }
            if let (level, title) = Self.atxHeading(trimmed) ?? Self.htmlHeading(trimmed) {
                openHeading(title, level: level, line: line.number)
                continue
            }
            // A setext heading: one line of text underlined with `===` (a page) or `---`.
            if let level = Self.setextLevel(trimmed), let paragraph = block, paragraph.lines.count == 1,
                Self.canBeSetextHeading(paragraph.lines[0].trimmingWhitespace(), level: level)
            {
                block = nil
                openHeading(paragraph.lines[0].trimmingWhitespace(), level: level, line: paragraph.line)
                continue
            }
            if Self.isThematicBreak(trimmed) {
                endBlock()
                afterBreak = true
                continue
            }
            if trimmed.hasPrefix("<") {
                if trimmed.hasPrefix("<details") {
                    if let summary = Self.tagContent(trimmed, "summary") {
                        openDisclosure(summary, line: line.number)
                        disclosureIndent = Self.contentIndent(nextNonBlank())
                    } else {
                        awaitingSummary = line.number
                    }
                    continue
                }
                if trimmed.hasPrefix("</details") || trimmed.hasPrefix("</Accordion>") {
                    closeDisclosure()
                    disclosureIndent = nil
                    continue
                }
                if trimmed.hasPrefix("<Accordion ") || trimmed.hasPrefix("<Accordion>") {
                    let title = Self.attribute("title", in: trimmed) ?? ""
                    openDisclosure(title, line: line.number)
                    if let close = trimmed.range(of: "</Accordion>") {
                        if let start = trimmed.firstIndex(of: ">"), start < close.lowerBound {
                            let inner = trimmed[trimmed.index(after: start)..<close.lowerBound].trimmingWhitespace()
                            if !inner.isEmpty { appendLine(inner, line: line.number) }
                        }
                        closeDisclosure()
                    } else {
                        disclosureIndent = Self.contentIndent(nextNonBlank())
                    }
                    continue
                }
                if trimmed.hasPrefix("<Frame") {
                    if trimmed.contains("</Frame>") { attach(MarkdownText.imageSources(trimmed)) } else { frame = (line.number, trimmed) }
                    continue
                }
                if Self.componentName(trimmed) != nil {
                    if trimmed.hasSuffix(">") && !trimmed.dropLast().contains("<") {
                        // An opening or self-closing tag on its own: dropped, a container's text kept.
                    } else if !trimmed.contains(">") {
                        pendingTag = (line.number, trimmed)
                    } else {
                        // `<Tip>text</Tip>` or `<Tip>text`: the text without the tags.
                        let inner = Self.strippingTags(trimmed)
                        if !inner.isEmpty { appendLine(inner, line: line.number) }
                    }
                    continue
                }
                if Self.isClosingComponent(trimmed) { continue }
            }
            if isInPageHeader {
                if let url = RawPage.field(trimmed, "Source:") {
                    pages[pages.count - 1].url = url
                    continue
                }
                if trimmed.hasPrefix(">") { continue }  // the page's description
            }
            if MarkdownText.indentation(text) == 0, let (question, answer) = Self.inlineQuestion(trimmed, startsBlock: block == nil) {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                appendLine(answer, line: line.number)
                continue
            }
            if let question = Self.questionLine(trimmed) {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                if let number = Self.boldLineNumber(trimmed) { numberedBoldNode = (stack[stack.count - 1], number) }
                continue
            }
            // A page without headings set out as numbered bold titles (`**1. 退款政策**` over its
            // text, then `**2. 账号被封**`): each titles an entry, question or not. Not under a
            // heading, nor on a page whose title asks: numbered steps there answer it.
            if block == nil, index == lines.endIndex || lines[index].text.trimmingWhitespace().isEmpty,
                let number = Self.boldLineNumber(trimmed), let title = Self.boldTitleLine(trimmed), continuesNumberedTitles(number)
            {
                openNode(QuestionText.title(title).title, level: questionLineLevel, line: line.number, marked: false, isHeading: false)
                numberedBoldNode = (stack[stack.count - 1], number)
                continue
            }
            // A bold line of its own right after a thematic break titles the section the break
            // starts, as hand-written FAQs set `**退款说明**` among `**…？**` questions.
            if followsBreak, block == nil, let title = Self.boldTitleLine(trimmed),
                index == lines.endIndex || lines[index].text.trimmingWhitespace().isEmpty
            {
                openNode(title, level: questionLineLevel, line: line.number, marked: false, isHeading: false)
                continue
            }
            if let question = Self.listItemQuestion(
                text, next: nextNonBlank(), blankAfter: index < lines.endIndex && lines[index].text.trimmingWhitespace().isEmpty),
                let nextText = nextNonBlank()
            {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                // The answer is what is indented as deep as its first line.
                listAnswerIndent = MarkdownText.indentation(nextText)
                continue
            }
            if let question = Self.plainQuestionLine(
                trimmed, next: nextNonBlank()?.trimmingWhitespace(),
                startsBlock: block == nil)
            {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                continue
            }
            if trimmed.hasPrefix("|"), let table = Self.questionTable(lines[(index - 1)...]) {
                for row in table.questions {
                    openNode(row.question, level: headingLevel + 1, line: row.line, marked: true, isHeading: false)
                    for answerLine in row.answer { appendLine(answerLine, line: row.line) }
                    endBlock()
                }
                stack.removeLast()  // what follows the table belongs to what held it, not to its last row
                index += table.lineCount - 1
                continue
            }
            appendLine(text, line: line.number)
        }
        endBlock()
        if let fenceLine {
            warnings.append(
                CorpusWarning(line: fenceLine, message: "code fence is never closed; it runs to the end of the file", file: document.name))
        }
        if let frame {
            warnings.append(CorpusWarning(line: frame.line, message: "<Frame> is never closed", file: document.name))
        }
    }

    /// Whether a numbered bold line numbered `number` titles an entry here (see its rule in
    /// `run`): the first of the page's, or the next after the one whose answer is being read.
    private func continuesNumberedTitles(_ number: Int) -> Bool {
        guard !QuestionText.isQuestion(pages.last?.title ?? defaultTitle) else { return false }
        if stack.isEmpty { return number == 1 && pages.last?.root.children.isEmpty != false }
        guard let last = numberedBoldNode, last.node === stack.last else { return false }
        return number == last.number + 1
    }

    /// `> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!CAUTION]` alone on a line.
    static func isAlertMark(_ line: String) -> Bool {
        guard let content = blockquoteContent(line)?.trimmingWhitespace(), content.hasPrefix("[!"), content.hasSuffix("]") else {
            return false
        }
        return ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"].contains(content.dropFirst(2).dropLast().uppercased())
    }

    /// The text of a blockquote line (`> text` → `text`, a bare `>` → an empty line), or nil.
    static func blockquoteContent(_ line: String) -> String? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix(">") else { return nil }
        let rest = trimmed.dropFirst()
        return String(rest.hasPrefix(" ") ? rest.dropFirst() : rest)
    }

    /// A line that asks a question and says so with a marker (`**问：…**`, `Q: …`, `Q：…？A：…`).
    static func asksMarkedQuestion(_ line: String) -> Bool {
        let line = line.trimmingWhitespace()
        guard QuestionText.title(line).marked else { return false }
        return questionLine(line) != nil || inlineQuestion(line, startsBlock: true) != nil
    }

    /// The number of a whole line in bold that starts with one (`**3. 退款**`, `**二、退款**`).
    static func boldLineNumber(_ line: String) -> Int? {
        guard line.hasPrefix("**") || line.hasPrefix("__") else { return nil }
        guard let number = QuestionText.splitNumbering(MarkdownText.plainTitle(String(line.dropFirst(2)))).number else { return nil }
        if let value = Int(number) { return value }
        guard number.count == 1, let index = QuestionText.chineseNumerals.firstIndex(of: number.first!) else { return nil }
        return index + 1
    }

    // MARK: - Building the outline

    /// True before a page has any node or text: where its `Source:` and description stand.
    private var isInPageHeader: Bool {
        guard let page = pages.last else { return false }
        return page.root.children.isEmpty && page.root.blocks.isEmpty && block == nil
    }

    private mutating func startPage(_ title: String, line: Int, titled: Bool = true) {
        endBlock()
        // A page made up for text before the first title, left empty (the text was the title's
        // own line, a setext heading): it holds nothing, so it is not a page.
        if let last = pages.last, !last.hasOwnTitle, last.root.children.isEmpty, last.root.blocks.isEmpty { pages.removeLast() }
        // Text before the document's first title and no heading of its own (a crawler's
        // "Published Time" line, a banner under front matter) introduces the page that title
        // starts; it is not a page, nor a question titled by the front matter.
        var introduction: [MarkdownBlock] = []
        if pageBeforeFirstTitle, titled, let last = pages.last, last.root.children.isEmpty {
            introduction = last.root.blocks
            pages.removeLast()
        }
        pageBeforeFirstTitle = false
        let name = title.isEmpty ? defaultTitle : title
        let root = Node(title: name, level: 1, line: line)
        root.blocks = introduction
        pages.append(Page(title: name, line: line, url: frontMatter["url"], documentName: document.name, hasOwnTitle: titled, root: root))
        stack = []
        disclosures = []
        containers = []
        headingLevel = 1
        numberedBoldNode = nil
    }

    private var defaultTitle: String {
        if let title = frontMatter["title"], !title.isEmpty { return title }
        let base = (document.name as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return stem.isEmpty ? "FAQ" : stem
    }

    private mutating func ensurePage(line: Int) {
        if pages.isEmpty {
            startPage(defaultTitle, line: line, titled: frontMatter["title"] != nil)
            pageBeforeFirstTitle = true
        }
    }

    /// The level of a question line (`**Q：…**`, `1、…？`): under the heading before it, unless that
    /// heading asks a question of its own and has answered it; then the line is its next question,
    /// not a question inside its answer.
    private var questionLineLevel: Int {
        if let top = answeredQuestion, top.level == headingLevel, top.children.isEmpty, !disclosures.contains(where: { $0 === top }) {
            return top.level
        }
        return headingLevel + 1
    }

    /// The node being read when it asks a question and already has answer text.
    private var answeredQuestion: Node? {
        guard let top = stack.last, top.isQuestionLike, !top.blocks.isEmpty || block != nil else { return nil }
        return top
    }

    /// A heading of any form: level 1 starts a page, deeper ones open a node.
    private mutating func openHeading(_ title: String, level: Int, line: Int) {
        let title = Self.strippingHeadingAttributes(SiteChrome.strippingPermalinks(title))
        listAnswerIndent = nil
        if level == 1 {
            startPage(QuestionText.title(title).title, line: line)
        } else {
            let (clean, marked) = QuestionText.title(title)
            openNode(clean, level: level, line: line, marked: marked)
            headingLevel = level
        }
    }

    private mutating func openNode(_ title: String, level: Int, line: Int, marked: Bool, isHeading: Bool = true) {
        endBlock()
        ensurePage(line: line)
        // An open `<details>` holds what follows until its end tag.
        while let top = stack.last, top.level >= level, !disclosures.contains(where: { $0 === top }) {
            stack.removeLast()
        }
        // A heading after a question line's answer starts a section beside it, not inside it.
        while isHeading, let top = stack.last, !top.isHeading, !top.blocks.isEmpty, !disclosures.contains(where: { $0 === top }) {
            stack.removeLast()
        }
        let node = Node(title: title, level: level, line: line, markedQuestion: marked)
        node.isHeading = isHeading
        (stack.last ?? pages[pages.count - 1].root).children.append(node)
        stack.append(node)
        if quotedQuestions { quotedQuestion = node }
        expectingAnswer = !isHeading || marked
    }

    /// A disclosure is a question, unless it opens inside an answer with a summary that asks
    /// nothing (`<details><summary>查看示例</summary>` under a question that has its text): then it
    /// is part of that answer, its summary a line of it.
    private mutating func openDisclosure(_ summary: String, line: Int) {
        let title = QuestionText.title(summary).title
        if answeredQuestion != nil, !title.isEmpty, !QuestionText.isQuestion(title) {
            endBlock()
            appendLine(title, line: line)
            endBlock()
            disclosures.append(nil)
            return
        }
        openNode(title.isEmpty ? "…" : title, level: questionLineLevel, line: line, marked: true, isHeading: false)
        disclosures.append(stack[stack.count - 1])
    }

    private mutating func closeDisclosure() {
        endBlock()
        guard let opened = disclosures.popLast(), let node = opened else { return }
        while let top = stack.popLast(), top !== node {}
    }

    private mutating func appendLine(_ text: String, line: Int) {
        ensurePage(line: line)
        var text = text
        if expectingAnswer {
            expectingAnswer = false
            if let rest = QuestionText.removingAnswerMarker(text) {
                if rest.isEmpty { return }
                text = rest
            }
        }
        if block == nil { block = MarkdownBlock(lines: [], line: line) }
        block!.lines.append(text)
    }

    private mutating func endBlock() {
        guard let done = block else { return }
        block = nil
        let owner = stack.last ?? pages[pages.count - 1].root
        owner.blocks.append(done)
    }

    private mutating func attach(_ sources: [String]) {
        guard !sources.isEmpty, !pages.isEmpty else { return }
        if block != nil {
            block!.attachments += sources
        } else if let owner = stack.last ?? pages.last?.root, !owner.blocks.isEmpty {
            owner.blocks[owner.blocks.count - 1].attachments += sources
        }
    }

    // MARK: - Front matter

    /// Reads YAML front matter at the top of the document; returns the index of the first line after it.
    private mutating func readFrontMatter(_ lines: [CorpusParser.Line]) -> Int {
        guard let first = lines.first, first.text.trimmingWhitespace() == "---" else { return 0 }
        guard let end = lines.prefix(200).dropFirst().firstIndex(where: { ["---", "..."].contains($0.text.trimmingWhitespace()) }) else { return 0 }
        let yaml = lines[1..<end].map(\.text).joined(separator: "\n")
        // Read as nodes and only the scalars wanted: converting the whole mapping would expand
        // nested aliases (a "billion laughs" front matter) into billions of values.
        guard let composed = try? Yams.compose(yaml: yaml), let mapping = composed.mapping else { return 0 }
        for (key, value) in mapping {
            guard let key = key.string?.lowercased(), let string = value.scalar?.string else { continue }
            switch key {
            case "title": frontMatter["title"] = string.trimmingWhitespace()
            case "url", "source", "permalink", "link": frontMatter["url"] = string.trimmingWhitespace()
            default: break
            }
        }
        return end + 1
    }

    // MARK: - Line shapes

    /// `## Title` → (2, "Title"); a closing run of `#` is dropped.
    static func atxHeading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix(while: { $0 == "#" }).count
        guard level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingWhitespace()
        // A closing run of `#` after a space: `## Title ##`.
        let closing = title.reversed().prefix(while: { $0 == "#" }).count
        if closing > 0 && (closing == title.count || title.dropLast(closing).hasSuffix(" ")) {
            title = title.dropLast(closing).trimmingWhitespace()
        }
        return (level, title)
    }

    /// `---`, `***`, `___` (three or more, spaces allowed).
    static func isThematicBreak(_ line: String) -> Bool {
        let chars = line.filter { $0 != " " }
        guard chars.count >= 3, let first = chars.first, "-*_".contains(first) else { return false }
        return chars.allSatisfy { $0 == first }
    }

    /// `<h2>Title</h2>` (attributes allowed) on a line of its own, as HTML exports of help centers
    /// write headings → (2, "Title").
    static func htmlHeading(_ line: String) -> (Int, String)? {
        guard line.hasPrefix("<h") || line.hasPrefix("<H"), line.count > 4 else { return nil }
        let digit = line[line.index(line.startIndex, offsetBy: 2)]
        guard let level = digit.wholeNumberValue, (1...6).contains(level), digit.isASCII else { return nil }
        let after = line[line.index(line.startIndex, offsetBy: 3)]
        guard after == ">" || after == " ", line.lowercased().hasSuffix("</h\(level)>"), let open = line.firstIndex(of: ">"),
            let close = line.lastIndex(of: "<"), open < close
        else { return nil }
        let title = MarkdownText.plainTitle(String(line[line.index(after: open)..<close]))
        return title.isEmpty ? nil : (level, title)
    }

    /// A heading's text without a trailing attribute list: `如何充值？ {#recharge}` (Docusaurus,
    /// kramdown `{: #id .class}`, Pandoc `{.class}`) → `如何充值？`.
    static func strippingHeadingAttributes(_ title: String) -> String {
        guard title.hasSuffix("}"), let open = title.lastIndex(of: "{") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)].trimmingWhitespace()
        guard let first = inside.first, "#.:".contains(first), !inside.contains(" ") || first == ":" else { return title }
        let rest = title[..<open].trimmingWhitespace()
        return rest.isEmpty ? title : rest
    }

    /// A `:::` container line: `:::tip`, `::: details 标题` open one, `:::` alone closes it.
    enum Container: Equatable {
        case open(kind: String, title: String)
        case close
    }

    static func container(_ line: String) -> Container? {
        guard line.hasPrefix(":::") else { return nil }
        let rest = line.drop(while: { $0 == ":" }).trimmingWhitespace()
        if rest.isEmpty { return .close }
        let kind = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        guard !kind.isEmpty else { return nil }
        return .open(kind: kind.lowercased(), title: MarkdownText.plainTitle(rest.dropFirst(kind.count).trimmingWhitespace()))
    }

    /// `{% … %}` (GitBook, Jekyll) or `{{< … >}}` / `{{% … %}}` (Hugo) filling the line.
    static func isTemplateTag(_ line: String) -> Bool {
        (line.hasPrefix("{%") && line.hasSuffix("%}")) || (line.hasPrefix("{{<") && line.hasSuffix(">}}"))
            || (line.hasPrefix("{{%") && line.hasSuffix("%}}"))
    }

    /// An admonition's first line: MkDocs' `!!! note`, `??? question "如何注册？"`, `???+ tip "提示"`
    /// (collapsible with `???`), or reStructuredText's `.. note::`, `.. warning:: 标题`; its kind and
    /// its title.
    static func admonition(_ line: String) -> (kind: String, title: String?)? {
        // reStructuredText's (`.. note::` over text indented by any amount), as Sphinx FAQs write them.
        if line.hasPrefix(".. "),
            let match = line.wholeMatch(
                of: /\.\.\s+(note|tip|hint|important|warning|caution|attention|danger|error|seealso|admonition)::\s*(.*)/.ignoresCase())
        {
            let title = String(match.2).trimmingWhitespace()
            return (String(match.1).lowercased(), title.isEmpty ? nil : title)
        }
        guard line.hasPrefix("!!!") || line.hasPrefix("???"),
            let match = line.wholeMatch(of: /(?:\?\?\?\+?|!!!)\s+([A-Za-z][\w-]*)(?:\s+inline(?:\s+end)?)?(?:\s+"(.*)")?\s*/)
        else { return nil }
        return (String(match.1).lowercased(), match.2.map { String($0).trimmingWhitespace() })
    }

    /// A callout title that only names its kind (`提示`, `注意：`, `Note`, `Warning`).
    static func isCalloutLabel(_ title: String) -> Bool {
        let label = title.trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "：:!！ ")).lowercased()
        return [
            "提示", "注意", "注意事项", "警告", "说明", "备注", "小贴士", "重要", "危险", "信息", "tip", "tips", "note", "hint", "info", "warning", "caution",
            "important", "danger", "attention", "error", "success", "example", "abstract", "summary", "seealso", "admonition",
        ].contains(label)
    }

    /// A line of nothing but empty anchor elements (`<a name="wTfUM"></a>`, `<span id="x"></span>`),
    /// which editors such as Yuque export before every heading as link targets.
    static func isEmptyAnchor(_ line: String) -> Bool {
        line.hasPrefix("<") && line.wholeMatch(of: /(?i)(?:<(?:a|span)\b[^>]*>\s*<\/(?:a|span)>|<a\b[^>]*\/>)+/) != nil
    }

    /// The level of a setext underline: `===` (1) or `---` (2), three marks at least.
    static func setextLevel(_ line: String) -> Int? {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, first == "=" || first == "-", marks.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// Whether a paragraph line over a setext underline is a heading. `===` always makes one; `---`
    /// is also a page separator, so under it only a short line that is not a sentence, a list item,
    /// a quote or a table row is a heading (an answer's last line `请前往充值页面。` stays text).
    static func canBeSetextHeading(_ line: String, level: Int) -> Bool {
        if level == 1 { return true }
        guard line.count <= 80, let last = line.last, !"。.：:；;，,".contains(last) else { return false }
        if line.hasPrefix("|") || line.hasPrefix(">") || line.hasPrefix("<") { return false }
        if MarkdownText.isBulletItem(line) || MarkdownBlock.orderedItemNumber(line) != nil { return false }
        return true
    }

    /// A list item that asks a question and is answered by the indented paragraph under it: in
    /// bold (`- **如何注册账号？**`), or a top-level item ending in a question mark with its answer a
    /// paragraph of its own (`- 如何注册账号？`, a blank line, then the indented answer: a toggle
    /// list as Notion exports it). An item with no answer of its own (the next line is another
    /// item or not indented: a list of related questions) stays a list item.
    /// `next` (the next line that is not blank) is only read for a list item.
    static func listItemQuestion(_ line: String, next: @autoclosure () -> String?, blankAfter: Bool = false) -> String? {
        let indent = MarkdownText.indentation(line)
        let item = line.dropFirst(indent)
        guard MarkdownText.isBulletItem(item), let next = next() else { return nil }
        let body = item.dropFirst(2).trimmingWhitespace()
        let toggle = indent == 0 && blankAfter && QuestionText.endsWithQuestionMark(body) && !body.contains("](")
        guard let question = body.hasPrefix("**") || body.hasPrefix("__") ? questionLine(body) : toggle ? QuestionText.title(body).title : nil
        else { return nil }
        let nextIndent = MarkdownText.indentation(next)
        guard nextIndent >= indent + 2, !MarkdownText.isBulletItem(next.dropFirst(nextIndent)) else { return nil }
        return question
    }

    /// A whole line that asks a question: `**Q：…**`, `**问：…**`, `**1. …？**`, `**…？**`, or a plain
    /// `Q：…` / `问：…` line. Returns the question's title.
    static func questionLine(_ line: String) -> String? {
        let line = MarkdownText.droppingTrailingBreak(line)
        var inner = line
        var bold = false
        for mark in ["**", "__"] where line.hasPrefix(mark) && line.hasSuffix(mark) && line.count > 4 {
            let body = String(line.dropFirst(2).dropLast(2))
            guard !body.contains(mark) else { return nil }
            inner = body
            bold = true
        }
        let (title, marked) = QuestionText.title(inner)
        guard !title.isEmpty else { return nil }
        if marked { return title }
        if bold && QuestionText.endsWithQuestionMark(title) { return title }
        // `**3. 退款多久到账**`: numbered, in bold, and asking without a question mark.
        if bold && QuestionText.splitNumbering(MarkdownText.plainTitle(inner)).number != nil && QuestionText.isQuestion(title) { return title }
        return nil
    }

    /// A question in bold with its answer on the same line: `**如何注册？** 打开首页注册。` starting a
    /// paragraph, or a list item `- **问：如何注册？** 答：打开首页注册。`. A list item needs a marker
    /// (`问：`, `答：`), so a bold question inside an answer's list stays in that answer.
    /// Returns the question's title and the answer text.
    static func inlineQuestion(_ line: String, startsBlock: Bool) -> (question: String, answer: String)? {
        let isItem = MarkdownText.isBulletItem(line)
        guard isItem || startsBlock else { return nil }
        let body = isItem ? line.dropFirst(2).trimmingWhitespace() : line
        if let answered = markedQuestionAndAnswer(body) { return answered }
        guard let mark = ["**", "__"].first(where: { body.hasPrefix($0) }),
            let close = body.dropFirst(2).range(of: mark), close.lowerBound > body.index(body.startIndex, offsetBy: 2)
        else { return nil }
        let (question, marked) = QuestionText.title(String(body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound]))
        var rest = body[close.upperBound...].trimmingWhitespace()
        rest = rest.replacing(/^(?i:<br\s*\/?>)\s*/, with: "")
        guard !question.isEmpty, !rest.isEmpty, marked || QuestionText.endsWithQuestionMark(question) else { return nil }
        let answer = QuestionText.removingAnswerMarker(rest)
        guard !isItem || marked || answer != nil else { return nil }
        return (question, answer ?? rest)
    }

    /// `Q：如何注册？A：打开首页注册。`: a marked question and its marked answer on one line.
    static func markedQuestionAndAnswer(_ line: String) -> (question: String, answer: String)? {
        let (title, marked) = QuestionText.title(line)
        guard marked else { return nil }
        var searchStart = title.startIndex
        while let mark = title[searchStart...].firstIndex(where: { $0 == "？" || $0 == "?" }) {
            let after = title.index(after: mark)
            if let answer = QuestionText.removingAnswerMarker(String(title[after...])), !answer.isEmpty {
                return (String(title[...mark]), answer)
            }
            searchStart = after
        }
        return nil
    }

    /// A whole line in bold that reads as a title (`**退款说明**`): short, and not a label
    /// introducing what follows (`**注意：**`) or a sentence. Returns its text.
    static func boldTitleLine(_ line: String) -> String? {
        guard line.count > 4, line.hasPrefix("**") && line.hasSuffix("**") || line.hasPrefix("__") && line.hasSuffix("__") else { return nil }
        let inner = line.dropFirst(2).dropLast(2)
        guard !inner.contains("**"), !inner.contains("__") else { return nil }
        let title = MarkdownText.plainTitle(String(inner))
        guard (2...60).contains(title.count), let last = title.last, !"：:。.，,；;、".contains(last) else { return nil }
        return title
    }

    /// A plain line that asks a question of its own (`1、如何注册账号？`, `如何注册账号？` over `答：…`):
    /// it ends with a question mark, and either the next line opens its answer with `答：`/`A:`,
    /// or it is numbered, starts a paragraph and the next line is a paragraph of text (not a list
    /// item, another question or a table). A numbered list of questions inside an answer (checks
    /// to run, one per item) stays a list.
    /// `next` (the next line that is not blank) is only read for a line ending in a question mark.
    static func plainQuestionLine(_ line: String, next: @autoclosure () -> String?, startsBlock: Bool) -> String? {
        let (number, rest) = QuestionText.splitNumbering(MarkdownText.plainTitle(line))
        guard QuestionText.endsWithQuestionMark(rest), rest.count <= 100, let next = next() else { return nil }
        let title = QuestionText.title(line).title
        guard !title.isEmpty else { return nil }
        if QuestionText.removingAnswerMarker(next) != nil { return title }
        guard number != nil, startsBlock else { return nil }
        let nextIsText =
            !QuestionText.endsWithQuestionMark(next) && QuestionText.splitNumbering(next).number == nil
            && !["- ", "* ", "+ ", "|", "#", "```", "~~~", ">"].contains(where: next.hasPrefix)
        return nextIsText ? title : nil
    }

    /// One row of a question-and-answer table.
    struct TableQuestion {
        var question: String
        var answer: [String]
        var line: Int
    }

    /// Header cells that name a table's question and answer columns.
    static let questionHeaders: Set<String> = [
        "问题", "问", "常见问题", "提问", "问题现象", "现象", "故障现象", "question", "questions", "q", "faq", "problem", "issue", "symptom",
    ]
    static let answerHeaders: Set<String> = [
        "答案", "答", "回答", "解答", "答复", "说明", "解决方法", "解决方案", "解决办法", "处理方法", "处理办法", "处理方式", "answer", "answers", "a", "reply",
        "solution", "resolution", "fix",
    ]

    /// A table whose header names a question column first and an answer column after it
    /// (`| 问题 | 答案 |`, a troubleshooting table's `| 问题现象 | 原因 | 解决方法 |`), starting at
    /// the first line: its rows that have both, each a question and its answer (other columns
    /// follow the answer as `header: value` lines, `<br>` breaks a line), and how many lines the
    /// table takes; nil for any other table.
    static func questionTable(_ lines: ArraySlice<CorpusParser.Line>) -> (questions: [TableQuestion], lineCount: Int)? {
        guard let header = lines.first.map({ tableCells($0.text) }), header.count >= 2,
            questionHeaders.contains(MarkdownText.plainTitle(header[0]).lowercased()),
            let answerColumn = header.indices.dropFirst().first(where: { answerHeaders.contains(MarkdownText.plainTitle(header[$0]).lowercased()) }),
            let delimiter = lines.dropFirst().first,
            tableCells(delimiter.text).allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } })
        else { return nil }
        var questions: [TableQuestion] = []
        var lineCount = 2
        for line in lines.dropFirst(2) {
            guard line.text.trimmingWhitespace().hasPrefix("|") else { break }
            lineCount += 1
            let cells = tableCells(line.text)
            guard cells.count > answerColumn else { continue }
            let question = QuestionText.title(cells[0]).title
            var answer = cellLines(cells[answerColumn])
            for (column, (name, value)) in zip(header, cells).enumerated() where column != 0 && column != answerColumn && !value.isEmpty {
                answer.append("\(MarkdownText.plainTitle(name))：\(value)")
            }
            if !question.isEmpty && !answer.isEmpty { questions.append(TableQuestion(question: question, answer: answer, line: line.number)) }
        }
        return questions.isEmpty ? nil : (questions, lineCount)
    }

    /// A table row's cells, trimmed; `\|` is a pipe inside a cell.
    static func tableCells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for ch in row.trimmingWhitespace() {
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                cells.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(ch)
            }
        }
        cells.append(current.trimmingWhitespace())
        // The leading and trailing pipes make empty first and last cells.
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        return cells
    }

    /// A cell's text as lines: `<br>` (any spelling) breaks a line.
    static func cellLines(_ cell: String) -> [String] {
        cell.replacing(/<br\s*\/?>/.ignoresCase(), with: "\n").split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The text between `<tag>` and `</tag>` on one line.
    static func tagContent(_ line: String, _ tag: String) -> String? {
        guard let open = line.range(of: "<\(tag)"), let start = line[open.upperBound...].firstIndex(of: ">"),
            let close = line.range(of: "</\(tag)>", range: start..<line.endIndex)
        else { return nil }
        // Inline tags inside it (`<summary><strong>如何退款？</strong></summary>`) are markup.
        let inner = line[line.index(after: start)..<close.lowerBound].replacing(/<\/?[A-Za-z][^<>]*>/, with: "")
        return MarkdownText.plainTitle(String(inner))
    }

    /// A line of an indented block without the block's indentation (a blank line as it is), or
    /// nil when it is indented less: the block has ended.
    static func dedented(_ line: String, by indent: Int) -> String? {
        let own = MarkdownText.indentation(line)
        guard own >= indent || line.trimmingWhitespace().isEmpty else { return nil }
        return String(line.dropFirst(min(own, indent)))
    }

    /// The indentation of a disclosure's first line of text, when it has any and is not the
    /// disclosure's end tag.
    static func contentIndent(_ line: String?) -> Int? {
        guard let line, !line.trimmingWhitespace().hasPrefix("</") else { return nil }
        let indent = MarkdownText.indentation(line)
        return indent > 0 ? indent : nil
    }

    /// The value of `name="…"` in a tag.
    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            guard let start = tag.range(of: "\(name)=\(quote)") else { continue }
            guard let end = tag[start.upperBound...].firstIndex(of: Character(quote)) else { continue }
            return String(tag[start.upperBound..<end])
        }
        return nil
    }

    /// Tags whose lines are markup, not text: MDX components (capitalized) and HTML layout tags.
    static let layoutTags: Set<String> = ["div", "span", "p", "center", "section", "br", "summary"]

    /// The name of an opening component tag at the start of the line (`<Callout type="info">` → Callout).
    static func componentName(_ line: String) -> String? {
        guard line.hasPrefix("<"), !line.hasPrefix("</") else { return nil }
        let name = line.dropFirst().prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })
        guard let first = name.first else { return nil }
        if first.isUppercase || layoutTags.contains(name.lowercased()) { return String(name) }
        return nil
    }

    /// `</Callout>` and other closing tags of components on a line of their own.
    static func isClosingComponent(_ line: String) -> Bool {
        guard line.hasPrefix("</"), line.hasSuffix(">") else { return false }
        let name = line.dropFirst(2).dropLast()
        guard let first = name.first, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else { return false }
        return first.isUppercase || layoutTags.contains(name.lowercased())
    }

    /// A line without its leading and trailing component tags.
    static func strippingTags(_ line: String) -> String {
        var text = Substring(line)
        if text.hasPrefix("<"), let end = text.firstIndex(of: ">") { text = text[text.index(after: end)...] }
        if text.hasSuffix(">"), let start = text.lastIndex(of: "<"), text[start...].hasPrefix("</") { text = text[..<start] }
        return text.trimmingWhitespace()
    }
}
