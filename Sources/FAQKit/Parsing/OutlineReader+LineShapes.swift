import Foundation

/// The shapes of single lines the reader recognizes: headings, breaks, question lines, tables,
/// tags and containers: pure functions of one line (or a few), kept apart from the reading state.
extension OutlineReader {
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

    /// `1. ### Title` or `- ## Title`: a heading set in a list item, as some docs number their
    /// question headings (CommonMark draws it as a heading inside the item) → the heading, its list
    /// marker dropped. Not a `#` one: a page's title is never an item (`- # 开头的行是注释` is text).
    static func listItemHeading(_ line: String) -> (Int, String)? {
        let item: Substring
        if MarkdownText.isBulletItem(line) {
            item = line.dropFirst(2)
        } else if MarkdownBlock.orderedItemNumber(line) != nil, let dot = line.firstIndex(of: ".") {
            item = line[line.index(after: dot)...]
        } else {
            return nil
        }
        guard let (level, title) = atxHeading(item.trimmingWhitespace()), level >= 2 else { return nil }
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

    /// An HTML heading whose text runs onto the lines after it (`<h3 id='18'>Q: 18. java.lang.…` over
    /// `.SQLSelect…;</h3>`, as docs pages wrap a long error message in a heading) → its level, its
    /// text joined by spaces, and how many lines after `line` it took. Only up to a line that
    /// closes it, with no blank line before that (else it is no heading).
    static func wrappedHTMLHeading(_ line: String, followedBy next: ArraySlice<CorpusParser.Line>) -> (level: Int, title: String, lines: Int)? {
        guard line.hasPrefix("<h") || line.hasPrefix("<H"), line.count > 4 else { return nil }
        let digit = line[line.index(line.startIndex, offsetBy: 2)]
        guard let level = digit.wholeNumberValue, (1...6).contains(level), digit.isASCII else { return nil }
        let close = "</h\(level)>"
        guard !line.lowercased().contains(close) else { return nil }
        var joined = line
        for (taken, following) in next.prefix(maxWrappedHeadingLines).enumerated() {
            let text = following.text.trimmingWhitespace()
            if text.isEmpty { return nil }
            joined += " " + text
            if text.lowercased().contains(close) {
                guard let (level, title) = htmlHeading(joined) else { return nil }
                return (level, title, taken + 1)
            }
        }
        return nil
    }

    /// The most lines after its first an HTML heading's text may wrap onto.
    static let maxWrappedHeadingLines = 4

    /// A heading's text without a trailing attribute list: `如何充值？ {#recharge}` (Docusaurus,
    /// kramdown `{: #id .class}`, Pandoc `{.class}` or `{#recharge .anchor .sticky}`) → `如何充值？`.
    static func strippingHeadingAttributes(_ title: String) -> String {
        guard title.hasSuffix("}"), let open = title.lastIndex(of: "{") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)].trimmingWhitespace()
        guard let first = inside.first, "#.:".contains(first), MarkdownText.isAttributeList(inside) else { return title }
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
        // Pandoc's fenced div with an attribute list (`::: {.col .footer__col}`): a container of text.
        if rest.hasPrefix("{"), rest.hasSuffix("}"), MarkdownText.isAttributeList(rest.dropFirst().dropLast()) {
            return .open(kind: "div", title: "")
        }
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

    /// A content tab's first line, as MkDocs Material (pymdownx.tabbed) writes one: `=== "Windows"`,
    /// `===+ "macOS"` (selected), `===! "Linux"` (starting a new set of tabs); its label.
    static func contentTab(_ line: String) -> String? {
        guard line.hasPrefix("==="), let match = line.wholeMatch(of: /===[+!]{0,2}\s+"(.*)"\s*/) else { return nil }
        let label = String(match.1).trimmingWhitespace()
        return label.isEmpty ? nil : label
    }

    /// Admonition kinds that say their title is a question (MkDocs Material's `question` and its
    /// aliases).
    static let questionKinds: Set<String> = ["question", "faq", "help"]

    /// A reStructuredText line's inline markup as markdown, so answers show what Sphinx renders:
    /// `` `标签 <https://…>`__ `` → `[标签](https://…)`, `` :doc:`安装文档<./install>` `` → 安装文档,
    /// `` :func:`encrypt` `` → `` `encrypt` ``, ` ``code`` ` → `` `code` ``, and `#. ` (an
    /// auto-numbered item) → `1. `.
    static func markdownInline(restructuredText line: String) -> String {
        var text = line
        let indent = text.prefix(while: { $0 == " " })
        if text.dropFirst(indent.count).hasPrefix("#. ") { text = indent + "1. " + text.dropFirst(indent.count + 3) }
        guard text.contains("`") else { return text }
        text = text.replacing(/:[\w:]+:`([^`<]+?)\s*<[^>`]+>`/) { String($0.1) }
        text = text.replacing(/:(?:doc|ref|term|download):`([^`]+)`/) { String($0.1) }
        text = text.replacing(/:[\w:]+:`([^`]+)`/) { "`" + $0.1 + "`" }
        text = text.replacing(/`([^`<]+?)\s*<([^>`]+)>`__?/) { "[" + $0.1 + "](" + $0.2 + ")" }
        text = text.replacing(/`<([^>`]+)>`__?/) { String($0.1) }
        text = text.replacing(/``([^`]+)``/) { "`" + $0.1 + "`" }
        return text
    }

    /// A line of nothing but HTML tags and markdown images.
    static func isPictureOnly(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("<") || trimmed.hasPrefix("![") else { return false }
        let rest = trimmed.replacing(/<[^>]*>/, with: "").replacing(/!\[[^\]]*\]\([^)]*\)/, with: "")
        return rest.trimmingWhitespace().isEmpty
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

    /// A heading's text without the empty anchor elements written into it as link targets
    /// (`## <a name="what-is-ucsi"></a>什么是 UCSI？`, as Microsoft Learn and Yuque export headings):
    /// they name no part of the question.
    static func strippingEmptyAnchors(_ title: String) -> String {
        guard title.contains("<") else { return title }
        let stripped = title.replacing(/(?i)<(?:a|span)\b[^>]*>\s*<\/(?:a|span)>|<a\b[^>]*\/>/, with: "").trimmingWhitespace()
        return stripped.isEmpty ? title : stripped
    }

    /// A line without its HTML comments (`<!-- … -->`), which may open on an earlier line
    /// (`inComment`) or run on to a later one; one shown in a code span stays.
    static func strippingComments(_ line: String, inComment: inout Bool) -> String {
        var out = ""
        var rest = Substring(line)
        while !rest.isEmpty {
            if inComment {
                guard let end = rest.range(of: "-->") else { return out }
                rest = rest[end.upperBound...]
                inComment = false
            } else if let start = rest.range(of: "<!--") {
                out += rest[..<start.lowerBound]
                rest = rest[start.upperBound...]
                // In a code span (`<!-- more -->` as an answer shows it) it is text.
                if out.filter({ $0 == "`" }).count % 2 == 1 {
                    out += "<!--"
                } else {
                    inComment = true
                }
            } else {
                out += rest
                break
            }
        }
        return out
    }

    /// The opening tag of a Nuxt Content (MDC) block component on a line of its own: two colons
    /// and a name (`::faq-list`, `::card-grid{cols="3"}`); three colons open a callout instead.
    static func isMDCComponentTag(_ line: String) -> Bool {
        line.wholeMatch(of: /::[A-Za-z][\w-]*(?:\{[^}]*\})?/) != nil
    }

    /// The level of a setext underline: `===` (1) or `---` (2), three marks at least. In a
    /// reStructuredText file, also the underlines Sphinx docs use below those: `^^^` (3) and `"""`
    /// (4), as Python's style guide orders them (`~~~` would open a code fence in markdown, and is
    /// left to it).
    static func setextLevel(_ line: String, restructuredText: Bool = false) -> Int? {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, marks.allSatisfy({ $0 == first }) else { return nil }
        switch first {
        case "=": return 1
        case "-": return 2
        case "^" where restructuredText: return 3
        case "\"" where restructuredText: return 4
        default: return nil
        }
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
    /// item, another question or a table), or it is numbered and answered by the bullet list that
    /// starts on the very next line, unindented (`1. 如何导入书籍？` over `* 点击右上角…`, as
    /// hand-written help pages answer each numbered question: a list of its own, not one nested
    /// in the item) and ends at a blank line. A numbered list of questions inside an answer
    /// (checks to run, one per item, or with a bullet under each) stays a list.
    /// `following` (the lines after it, as written) is only read for a line ending in a question mark.
    static func plainQuestionLine(_ line: String, following: @autoclosure () -> ArraySlice<CorpusParser.Line>, startsBlock: Bool) -> String? {
        let (number, rest) = QuestionText.splitNumbering(MarkdownText.plainTitle(line))
        guard QuestionText.endsWithQuestionMark(rest), rest.count <= 100 else { return nil }
        let lines = following()
        guard let next = lines.first(where: { !$0.text.trimmingWhitespace().isEmpty })?.text.trimmingWhitespace() else { return nil }
        let title = QuestionText.title(line).title
        guard !title.isEmpty else { return nil }
        if QuestionText.removingAnswerMarker(next) != nil { return title }
        guard number != nil, startsBlock else { return nil }
        if MarkdownText.isBulletItem(next) { return answeringBulletList(lines) ? title : nil }
        let nextIsText =
            !QuestionText.endsWithQuestionMark(next) && QuestionText.splitNumbering(next).number == nil
            && !["|", "#", "```", "~~~", ">"].contains(where: next.hasPrefix)
        return nextIsText ? title : nil
    }

    /// A numbered line answered by the bullet list on the very next line, as ``plainQuestionLine``
    /// reads one, whether or not it asks: its number and its title (short, and not a label
    /// introducing what follows, `1. 注意：`).
    static func numberedLineOverBulletList(_ line: String, following: ArraySlice<CorpusParser.Line>) -> (number: Int, title: String)? {
        guard let number = QuestionText.splitNumbering(MarkdownText.plainTitle(line)).number.flatMap({ Int($0) }),
            answeringBulletList(following)
        else { return nil }
        let title = QuestionText.title(line).title
        guard (2...60).contains(title.count), let last = title.last, !"：:。.，,；;、".contains(last) else { return nil }
        return (number, title)
    }

    /// Whether `lines` (those after a numbered question line) open with a bullet list that answers
    /// it: its first item on the very next line, unindented, and the list over at a blank line
    /// before any other numbered line.
    private static func answeringBulletList(_ lines: ArraySlice<CorpusParser.Line>) -> Bool {
        guard let first = lines.first, MarkdownText.isBulletItem(first.text) else { return false }
        for line in lines {
            let trimmed = line.text.trimmingWhitespace()
            if trimmed.isEmpty { return true }
            if QuestionText.splitNumbering(trimmed).number != nil { return false }
        }
        return true
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

    /// A question column's header: one of ``questionHeaders``, or a name of what the reader ran
    /// into (`遇到的情况`, `异常现象`, `常见症状`).
    static func isQuestionHeader(_ cell: String) -> Bool {
        let name = MarkdownText.plainTitle(cell).lowercased()
        return questionHeaders.contains(name) || ["情况", "现象", "症状"].contains { name.hasSuffix($0) }
    }

    /// An answer column's header: one of ``answerHeaders``, or a name of what to do about it
    /// (`原因 / 处理`, `下一步怎么做`, `解决步骤`, `What to do`).
    static func isAnswerHeader(_ cell: String) -> Bool {
        let name = MarkdownText.plainTitle(cell).lowercased()
        return answerHeaders.contains(name) || ["处理", "解决", "怎么做", "怎么办", "what to do"].contains { name.contains($0) }
    }

    /// A table whose header names a question column first and an answer column after it
    /// (`| 问题 | 答案 |`, a troubleshooting table's `| 问题现象 | 原因 | 解决方法 |`), starting at
    /// the first line: its rows that have both, each a question and its answer (other columns
    /// follow the answer as `header: value` lines, `<br>` breaks a line), and how many lines the
    /// table takes; nil for any other table.
    static func questionTable(_ lines: ArraySlice<CorpusParser.Line>) -> (questions: [TableQuestion], lineCount: Int)? {
        guard let header = lines.first.map({ tableCells($0.text) }), header.count >= 2,
            isQuestionHeader(header[0]),
            let answerColumn = header.indices.dropFirst().first(where: { isAnswerHeader(header[$0]) }),
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

    /// A line opening with a self-closing component that shows a label (`<Badge text="Q" />：…`),
    /// with that label in place of the tag; nil for any other line.
    static func componentLabel(_ line: String) -> String? {
        guard componentName(line) != nil, let close = line.range(of: "/>") else { return nil }
        let tag = line[..<close.upperBound]
        guard !tag.dropFirst().contains("<"), let label = attribute("text", in: String(tag)), !label.isEmpty else { return nil }
        return label + line[close.upperBound...]
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
