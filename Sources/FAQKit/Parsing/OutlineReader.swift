import Foundation
import Yams

/// Reads one markdown document into ``OutlineParser`` pages: headings, question lines and
/// disclosure blocks become nodes, everything else blocks of answer text under the node before it.
///
/// Markup that is not answer text is dropped here: YAML or TOML front matter (its title names the page),
/// thematic breaks (`---`, `***`), MDX components (`<SeoMeta … />`, `<CodePreview … />`; the tags of
/// `<Callout>`, `<Tip>`, `<Note>`, `<Check>`, `<Card>`, `<Tab>` and the like, keeping their text
/// without the indentation MDX gives it and a container's `title` as a bold line), `<Frame>` images (kept
/// as attachments), a page's `Source:` line and `> description` (its header), heading ids
/// (`{#id}`), `:::` callout markers (keeping their text), Docsify's `?>` and `!>` marks (keeping
/// their text), GitHub's alert marks (`> [!NOTE]`), template tag lines (`{% hint %}`), HTML comments and the `>`
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
    /// The answer marker the next line may open with, dropped when it does.
    private var expectedAnswerMarker = AnswerMarker.none
    /// While reading the answer of a list item that asks a question (`- **如何注册？**` over an
    /// indented paragraph): the indentation its answer lines carry.
    private var listAnswerIndent: Int?
    /// Open `:::` containers, innermost last: true for a `::: details` disclosure.
    private var containers: [Bool] = []
    private var frontMatter: [String: String] = [:]
    /// Question-and-answer pairs the front matter declares (see ``frontMatterQuestions(in:firstLine:)``).
    private var frontMatterPairs: [(question: String, answer: String, line: Int)] = []
    /// Set by a thematic break (`---`), until the next line that is not blank.
    private var afterBreak = false
    /// Inside a blockquote that holds marked questions, read without its `>` marks.
    private var quotedQuestions = false
    /// The last question such a blockquote opened.
    private var quotedQuestion: Node?
    /// The last node a numbered bold line opened (`**1. 退款政策**`, `**2. 如何退款？**`) and its
    /// number, so the next number titles the next entry.
    private var numberedBoldNode: (node: Node, number: Int)?
    /// The last question a numbered line answered by a bullet list opened (`1. 如何导入书籍？` over
    /// `* …`) and its number, so the next number set the same way is the next question.
    private var numberedBulletNode: (node: Node, number: Int)?
    /// The page sets its questions as bold lines (`**如何充值？**`): one that asks without a
    /// question mark is a question too.
    private var boldQuestionsOnPage = false
    /// A `.rst` file, whose headings may be underlined with more marks than markdown's.
    private let isRestructuredText: Bool

    init(document: OutlineParser.Document) {
        self.document = document
        self.isRestructuredText = (document.name as NSString).pathExtension.lowercased() == "rst"
    }

    /// The document's pages.
    func read(warnings: inout [CorpusWarning]) -> [Page] {
        var reader = self
        reader.run(warnings: &warnings)
        return reader.pages
    }

    private mutating func run(warnings: inout [CorpusWarning]) {
        let (lines, repairedFences) = UnclosedFence.repairing(CorpusParser.splitLines(document.text))
        for fence in repairedFences {
            warnings.append(CorpusWarning(line: fence.opened, message: fence.warning, file: document.name))
        }
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
        // Open container components (`<Card>`, `<Tab>`, `<Step>`, `<div>`), innermost last, each with
        // the indentation of its text (nil when not indented): MDX indents a container's text under
        // its tag, which markdown would read as code.
        var componentIndents: [Int?] = []
        // Inside an HTML comment that spans lines.
        var inComment = false

        while index < lines.count {
            let line = lines[index]
            index += 1
            var text = line.text
            if let indent = calloutIndent {
                if let inner = Self.dedented(text, by: indent) { text = inner } else { calloutIndent = nil }
            }
            // The innermost container's indentation: each is counted from the line's start.
            let componentIndent = componentIndents.last(where: { $0 != nil }) ?? nil
            if let indent = [disclosureIndent, componentIndent].compactMap({ $0 }).max(), let inner = Self.dedented(text, by: indent) {
                text = inner
            }
            // HTML comments (`<!-- TODO -->`, a licence header) are notes to the page's editors, never
            // shown: dropped, a line that held nothing else with them. Code keeps them.
            if fenceLine == nil && (inComment || text.contains("<!--")) {
                let visible = Self.strippingComments(text, inComment: &inComment)
                if visible.trimmingWhitespace().isEmpty { continue }
                text = visible
            }
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
            var trimmed = text.trimmingWhitespace()
            // The next line that is not blank, looked up only by the shapes that read it.
            let nextNonBlank = { lines[index...].first { !$0.text.trimmingWhitespace().isEmpty }?.text }
            // Whether the line is a paragraph of its own: the file ends or a blank line follows.
            let standsAlone = { index == lines.endIndex || lines[index].text.trimmingWhitespace().isEmpty }

            // Code in an answer indented under its question (an admonition's, a list item's) loses
            // that indentation with the answer's text, or it would read as code indented in code.
            let codeLine = listAnswerIndent.flatMap { Self.dedented(text, by: $0) } ?? text
            if fenceLine != nil {
                appendLine(codeLine, line: line.number)
                if MarkdownText.isFence(text) { fenceLine = nil }
                continue
            }
            if MarkdownText.isFence(text) {
                fenceLine = line.number
                appendLine(codeLine, line: line.number)
                continue
            }
            if isRestructuredText, text.contains("`") || trimmed.hasPrefix("#.") {
                text = Self.markdownInline(restructuredText: text)
                trimmed = text.trimmingWhitespace()
            }
            // A component tag spread over several lines, up to its `>` or `/>`.
            if var open = pendingTag {
                open.text += " " + trimmed
                if trimmed.hasSuffix(">") {
                    pendingTag = nil  // the tag is dropped; a container's text follows as usual
                    if !trimmed.hasSuffix("/>") {
                        openComponent(open.text, indent: Self.contentIndent(nextNonBlank()), into: &componentIndents, line: open.line)
                    }
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
            // one whose title asks, or whose kind is a question (`!!! question "提示 timeout"`), is a
            // question answered by that text; any other is its text, under its title in bold when the
            // title says more than its kind (`升级前请备份`, not `提示`). One with no text is its
            // title alone, in bold, never the markup.
            if let callout = Self.admonition(trimmed) {
                // The indentation of its text: deeper than the marker's line (any deeper for `..`).
                let textIndent = Self.indentedTextIndent(nextNonBlank(), under: text, deeperBy: trimmed.hasPrefix("..") ? 1 : 4)
                if let textIndent, let title = callout.title, QuestionText.isQuestion(title) || Self.questionKinds.contains(callout.kind) {
                    openNode(QuestionText.title(title).title, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                    listAnswerIndent = textIndent
                } else {
                    appendTitleLine(callout.title, line: line.number)
                    if let textIndent { calloutIndent = Self.calloutIndent(textIndent, answerIndent: listAnswerIndent) }
                }
                continue
            }
            // MkDocs Material's content tabs (`=== "Windows"` over the tab's text, indented by
            // four): each tab's text, read without that indentation (it would read as code), under
            // its label in bold, in the answer that holds the tabs.
            if let label = Self.contentTab(trimmed) {
                appendTitleLine(label, line: line.number)
                if let textIndent = Self.indentedTextIndent(nextNonBlank(), under: text, deeperBy: 4) {
                    calloutIndent = Self.calloutIndent(textIndent, answerIndent: listAnswerIndent)
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
            // A Nuxt Content (MDC) block component, `::faq-list` … `::`: its tags are markup, and its
            // props, YAML between `---` lines under the tag, are questions when they list pairs
            // (`items:` of `q:`/`a:`), else text as written (never a `---` heading over the tag).
            if Self.isMDCComponentTag(trimmed) {
                endBlock()
                if lines[index...].first?.text.trimmingWhitespace() == "---",
                    let end = lines[(index + 1)...].firstIndex(where: { ["---", "::"].contains($0.text.trimmingWhitespace()) }),
                    lines[end].text.trimmingWhitespace() == "---"
                {
                    readMDCProps(lines[(index + 1)..<end])
                    index = end + 1
                }
                continue
            }
            if trimmed == "::" {
                endBlock()
                continue
            }
            if let (level, title) = Self.atxHeading(trimmed) ?? Self.htmlHeading(trimmed) ?? Self.listItemHeading(trimmed) {
                openHeading(title, level: level, line: line.number)
                continue
            }
            if let heading = Self.wrappedHTMLHeading(trimmed, followedBy: lines[index...]) {
                index += heading.lines
                openHeading(heading.title, level: heading.level, line: line.number)
                continue
            }
            // A setext heading: one line of text underlined with `===` (a page) or `---`.
            if let level = Self.setextLevel(trimmed, restructuredText: isRestructuredText), let paragraph = block, paragraph.lines.count == 1,
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
            // A label drawn by a component (`<Badge text="Q" type="warning" />：如何…？`, as
            // VuePress FAQs mark their pairs) reads as its text, so the line's marker is seen.
            if trimmed.hasPrefix("<"), let labelled = Self.componentLabel(trimmed) {
                trimmed = labelled
                text = labelled
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
                        if !inner.isEmpty {
                            appendLine(inner, line: line.number)
                        } else if !trimmed.hasSuffix("/>") && !trimmed.contains("</") {
                            // An opening tag on its own: dropped, the container's text kept.
                            openComponent(trimmed, indent: Self.contentIndent(nextNonBlank()), into: &componentIndents, line: line.number)
                        }
                    }
                    continue
                }
                if Self.isClosingComponent(trimmed) {
                    if componentIndents.popLast() != nil { endBlock() }
                    continue
                }
            }
            if isInPageHeader {
                if let url = RawPage.field(trimmed, "Source:") {
                    pages[pages.count - 1].url = url
                    continue
                }
                if trimmed.hasPrefix(">") { continue }  // the page's description
                if SiteChrome.isCrawlerField(trimmed) { continue }
            }
            if MarkdownText.indentation(text) == 0, let (question, answer) = Self.inlineQuestion(trimmed, startsBlock: block == nil) {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                appendLine(answer, line: line.number)
                continue
            }
            if let question = Self.questionLine(trimmed) {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                if let number = Self.boldLineNumber(trimmed) { numberedBoldNode = (stack[stack.count - 1], number) }
                if Self.boldTitleLine(trimmed) != nil { boldQuestionsOnPage = true }
                continue
            }
            // On a page that sets its questions as bold lines, a bold line of its own that asks
            // without a question mark (`**怎么通过日志看动态请求还是静态请求**`) is the next one.
            if boldQuestionsOnPage, block == nil, standsAlone(),
                let title = Self.boldTitleLine(trimmed), QuestionText.isQuestion(title)
            {
                openNode(QuestionText.title(title).title, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                continue
            }
            // A page without headings set out as numbered bold titles (`**1. 退款政策**` over its
            // text, then `**2. 账号被封**`): each titles an entry, question or not. Not under a
            // heading, nor on a page whose title asks: numbered steps there answer it.
            if block == nil, standsAlone(),
                let number = Self.boldLineNumber(trimmed), let title = Self.boldTitleLine(trimmed), continuesNumberedTitles(number)
            {
                openNode(QuestionText.title(title).title, level: questionLineLevel, line: line.number, marked: false, isHeading: false)
                numberedBoldNode = (stack[stack.count - 1], number)
                continue
            }
            // A bold line of its own right after a thematic break titles the section the break
            // starts, as hand-written FAQs set `**退款说明**` among `**…？**` questions.
            if followsBreak, block == nil, let title = Self.boldTitleLine(trimmed),
                standsAlone()
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
            if let question = Self.plainQuestionLine(trimmed, following: lines[index...], startsBlock: block == nil) {
                openNode(question, level: questionLineLevel, line: line.number, marked: true, isHeading: false)
                if let numbered = Self.numberedLineOverBulletList(trimmed, following: lines[index...]) {
                    numberedBulletNode = (stack[stack.count - 1], numbered.number)
                }
                continue
            }
            // Among numbered questions each answered by a bullet list, the next number set the same
            // way is the next question, whether or not it asks (`3. 关于云备份的说明` over `* …`).
            if block == nil, MarkdownText.indentation(text) == 0, let last = numberedBulletNode, last.node === stack.last,
                let numbered = Self.numberedLineOverBulletList(trimmed, following: lines[index...]), numbered.number == last.number + 1
            {
                openNode(numbered.title, level: questionLineLevel, line: line.number, marked: false, isHeading: false)
                numberedBulletNode = (stack[stack.count - 1], numbered.number)
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
        addFrontMatterQuestions()
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
        var url = frontMatter["url"]
        // The same title again over a page that holds nothing yet but its header: a file that
        // gathers saved pages (`# 账户`, `Source:`, then the saved page, which opens with its
        // crawler's lines and its own `# 账户`) continues that page, with its link. What the
        // crawler kept of the site above the page's title (a `### 关注我们` banner, a hotline, the
        // breadcrumb) is that header too, headings and all, as long as none of it asks a question.
        if titled, let last = pages.last, last.hasOwnTitle, last.title == name, !Self.holdsQuestion(last.root) {
            introduction = OutlineParser.mergedBlocks(last.root) + introduction
            url = last.url ?? url
            pages.removeLast()
        }
        let root = Node(title: name, level: 1, line: line)
        root.blocks = introduction
        pages.append(Page(title: name, line: line, url: url, documentName: document.name, hasOwnTitle: titled, root: root))
        stack = []
        disclosures = []
        containers = []
        headingLevel = 1
        numberedBoldNode = nil
        numberedBulletNode = nil
        boldQuestionsOnPage = false
    }

    /// True when a node or any node under it asks a question.
    private static func holdsQuestion(_ node: Node) -> Bool {
        node.children.contains { $0.isQuestionLike || holdsQuestion($0) }
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
        let title = Self.strippingHeadingAttributes(SiteChrome.strippingPermalinks(Self.strippingEmptyAnchors(title)))
        listAnswerIndent = nil
        // A heading that only labels the answer of the question just asked (`### 答案` under
        // `## 什么是校样？`, as Adobe's FAQ pages write every answer) is no section of it.
        if level > 1, QuestionText.isAnswerLabel(MarkdownText.plainTitle(title)), block == nil, let top = stack.last, top.isQuestionLike,
            top.blocks.isEmpty,
            top.children.isEmpty
        {
            expectedAnswerMarker = .leading
            return
        }
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
        expectedAnswerMarker = !isHeading || marked ? .leadingOrPeriod : node.isQuestionLike ? .leading : .alone
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

    /// Opens a container component on a line of its own: its title (`<Card title="降低沟通成本">`,
    /// `<Tab title="公开状态页">`), which the reader sees over its text, becomes a bold line of the
    /// answer, unless it only names a callout's kind (`<Callout title="注意">`).
    private mutating func openComponent(_ tag: String, indent: Int?, into indents: inout [Int?], line: Int) {
        if Self.componentName(tag)?.lowercased() == "br" { return }  // a void element holds no text
        indents.append(indent)
        appendTitleLine(Self.attribute("title", in: tag)?.trimmingWhitespace(), line: line)
    }

    /// The indentation of the text under a callout's or tab's marker line `marker`: that of the
    /// next line that is not blank, when it is at least `deeperBy` deeper; nil when there is none.
    static func indentedTextIndent(_ next: String?, under marker: String, deeperBy: Int) -> Int? {
        guard let indent = next.map(MarkdownText.indentation), indent >= MarkdownText.indentation(marker) + deeperBy else { return nil }
        return indent
    }

    /// How much indentation to drop from the text at `textIndent` under a callout or tab, so it
    /// reads as if it had none (nil: none to drop). Inside an answer indented under its question
    /// (`!!! question` over `    !!! tip`), the text keeps the answer's indentation
    /// (`answerIndent`), so it stays in that answer.
    static func calloutIndent(_ textIndent: Int, answerIndent: Int?) -> Int? {
        let drop = textIndent - min(answerIndent ?? 0, textIndent)
        return drop == 0 ? nil : drop
    }

    /// A callout's or container's title as a bold line of its own, when it says more than the
    /// callout's kind (`升级前请备份`, not `提示`).
    private mutating func appendTitleLine(_ title: String?, line: Int) {
        guard let title, !title.isEmpty, !Self.isCalloutLabel(title) else { return }
        endBlock()
        appendLine("**\(title)**", line: line)
        endBlock()
    }

    private mutating func appendLine(_ text: String, line: Int) {
        ensurePage(line: line)
        var text = text
        // A picture before the answer (`<img …/>`, `![](…)`, as FAQs show the error asked about)
        // leaves the answer's marker to the line after it.
        if expectedAnswerMarker != .none, !Self.isPictureOnly(text) {
            let expected = expectedAnswerMarker
            expectedAnswerMarker = .none
            if let rest = QuestionText.removingAnswerMarker(text, acceptingPeriod: expected == .leadingOrPeriod) {
                if rest.isEmpty { return }
                if expected != .alone { text = rest }
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

    /// Which answer marker an answer's first line may open with (`A：`, `答：`, `回答：`).
    enum AnswerMarker {
        case none
        /// Only a line of nothing but the marker, under a heading that does not ask (`[JDBC] … 异常`
        /// over `回答：`): a leading `答：` there may be text.
        case alone
        /// A leading marker, under a heading that asks; not `A. `, which may open lettered options.
        case leading
        /// Any marker, `A. ` too, after a question line or a marked question (`Q. …`).
        case leadingOrPeriod
    }

    // MARK: - Front matter

    /// Reads front matter at the top of the document, YAML between `---` lines (or closed by one
    /// only, as Hexo allows) or TOML between `+++` lines (Hugo's and Zola's pages); returns the
    /// index of the first line after it.
    private mutating func readFrontMatter(_ lines: [CorpusParser.Line]) -> Int {
        if lines.first?.text.trimmingWhitespace() == "+++" { return readTOMLFrontMatter(lines) }
        guard let first = lines.first else { return 0 }
        let opened = first.text.trimmingWhitespace() == "---"
        guard opened || Self.opensPageMetadata(first.text) else { return 0 }
        let start = opened ? 1 : 0
        guard let end = lines.prefix(200).dropFirst().firstIndex(where: { ["---", "..."].contains($0.text.trimmingWhitespace()) }) else { return 0 }
        let yaml = lines[start..<end].map(\.text).joined(separator: "\n")
        // Read as nodes and only the scalars wanted: converting the whole mapping would expand
        // nested aliases (a "billion laughs" front matter) into billions of values. Without an
        // opening line, text that is not a YAML mapping is no front matter (its `---` underlines
        // a heading).
        guard let composed = try? Yams.compose(yaml: yaml), let mapping = composed.mapping else { return 0 }
        frontMatterPairs = Self.frontMatterQuestions(in: mapping, firstLine: lines[start].number)
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

    /// A page's metadata keys, one of which opens front matter that has no opening `---` line
    /// (Hexo's `title: …` / `date: …` / `---`). Lower case, as static site generators write
    /// them: a crawler's `Title:` / `URL Source:` header is no front matter.
    static let pageMetadataKeys: Set<String> = ["title", "date", "layout", "tags", "categories", "permalink", "updated"]
    /// True for a `key: value` line whose key is page metadata.
    static func opensPageMetadata(_ line: String) -> Bool {
        guard let match = line.wholeMatch(of: /([a-z]+):(?:\s.*)?/) else { return false }
        return pageMetadataKeys.contains(String(match.1))
    }

    /// Keys under which a page's front matter lists its questions, and the keys of each pair.
    static let frontMatterListKeys: Set<String> = ["faq", "faqs", "questions", "qa"]
    static let frontMatterQuestionKeys = ["question", "q", "问题", "问"]
    static let frontMatterAnswerKeys = ["answer", "a", "答案", "回答", "答", "解答"]

    /// The question-and-answer pairs a page declares in its front matter, for the FAQ section
    /// (and schema.org `FAQPage`) its site renders from them: a list of `q:`/`a:` (or
    /// `question:`/`answer:`) mappings under `faqs:`, `faq:`, `questions:` or `qa:`, or under the
    /// `items:` of such a mapping (`faq: {title: 常见问题, items: […]}`). Only these names: the
    /// front matter's other lists (tags, steps, menus) are no questions.
    static func frontMatterQuestions(
        in mapping: Yams.Node.Mapping, firstLine: Int, listKeys: Set<String> = frontMatterListKeys
    ) -> [(question: String, answer: String, line: Int)] {
        for (key, value) in mapping {
            guard let key = key.string?.lowercased(), listKeys.contains(key) else { continue }
            let list = value.sequence ?? value.mapping?.first { $0.key.string?.lowercased() == "items" }?.value.sequence
            let pairs = (list ?? []).compactMap { item -> (question: String, answer: String, line: Int)? in
                guard let fields = item.mapping else { return nil }
                func text(_ keys: [String]) -> String? {
                    keys.lazy.compactMap { name in fields.first { $0.key.string?.lowercased() == name }?.value.scalar?.string.trimmingWhitespace() }
                        .first { !$0.isEmpty }
                }
                guard let question = text(frontMatterQuestionKeys), let answer = text(frontMatterAnswerKeys) else { return nil }
                return (question, answer, firstLine + (item.mark?.line ?? 1) - 1)
            }
            if !pairs.isEmpty { return pairs }
        }
        return []
    }

    /// An MDC component's props: the questions they list, each under the heading before them, or
    /// else their lines as text.
    private mutating func readMDCProps(_ props: ArraySlice<CorpusParser.Line>) {
        guard let first = props.first else { return }
        let yaml = props.map(\.text).joined(separator: "\n")
        let mapping = (try? Yams.compose(yaml: yaml))??.mapping
        let pairs =
            mapping.map { Self.frontMatterQuestions(in: $0, firstLine: first.number, listKeys: Self.frontMatterListKeys.union(["items"])) } ?? []
        guard !pairs.isEmpty else {
            for line in props { appendLine(line.text, line: line.number) }
            endBlock()
            return
        }
        for pair in pairs {
            openNode(QuestionText.title(pair.question).title, level: questionLineLevel, line: pair.line, marked: true, isHeading: false)
            for line in pair.answer.components(separatedBy: "\n") { appendLine(line, line: pair.line) }
            endBlock()
        }
        stack.removeLast()  // what follows the component belongs to what held it, not to its last question
    }

    /// Adds the front matter's questions to the page it titles, after the page's own nodes,
    /// unless the page asks the same question itself (a FAQ section that repeats them).
    private mutating func addFrontMatterQuestions() {
        guard !frontMatterPairs.isEmpty else { return }
        ensurePage(line: frontMatterPairs[0].line)
        let index = pages.firstIndex(where: \.hasOwnTitle) ?? 0
        func titles(_ node: Node) -> [String] { node.children.flatMap { [$0.title] + titles($0) } }
        let asked = Set(titles(pages[index].root))
        for pair in frontMatterPairs {
            let title = QuestionText.title(pair.question).title
            guard !title.isEmpty, !asked.contains(title) else { continue }
            let node = Node(title: title, level: 2, line: pair.line, markedQuestion: true)
            node.isHeading = false
            node.blocks = [MarkdownBlock(lines: pair.answer.components(separatedBy: "\n"), line: pair.line)]
            pages[index].root.children.append(node)
        }
    }

    /// Reads TOML front matter's top-level `title` and `url`, written as one-line strings. The
    /// rest of the block (tables, arrays, dates) is skipped unread: only its end matters here.
    private mutating func readTOMLFrontMatter(_ lines: [CorpusParser.Line]) -> Int {
        guard let end = lines.prefix(200).dropFirst().firstIndex(where: { $0.text.trimmingWhitespace() == "+++" }) else { return 0 }
        for line in lines[1..<end] {
            let text = line.text.trimmingWhitespace()
            if text.hasPrefix("[") { break }  // a table: its keys are not the page's
            guard let equals = text.firstIndex(of: "=") else { continue }
            let key = text[..<equals].trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
            guard let value = Self.tomlString(text[text.index(after: equals)...].trimmingWhitespace()) else { continue }
            switch key {
            case "title": frontMatter["title"] = value.trimmingWhitespace()
            case "url", "permalink", "link": frontMatter["url"] = value.trimmingWhitespace()
            default: break
            }
        }
        return end + 1
    }

    /// The value of a one-line TOML string: `'literal'` as written, `"basic"` with its escapes
    /// read; nil for anything else (a number, a date, an array, a multi-line string).
    static func tomlString(_ text: String) -> String? {
        guard let quote = text.first, quote == "\"" || quote == "'", !text.hasPrefix("\"\"\""), !text.hasPrefix("'''") else { return nil }
        var value = ""
        var characters = text.dropFirst().makeIterator()
        while let character = characters.next() {
            if character == quote { return value }
            guard quote == "\"", character == "\\" else {
                value.append(character)
                continue
            }
            switch characters.next() {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\"": value.append("\"")
            case "\\": value.append("\\")
            case let escape? where escape == "u" || escape == "U":
                var hex = ""
                while hex.count < (escape == "u" ? 4 : 8), let digit = characters.next() { hex.append(digit) }
                guard let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) else { return nil }
                value.unicodeScalars.append(scalar)
            case let other?: value.append(other)
            case nil: return nil
            }
        }
        return nil  // no closing quote
    }
}
