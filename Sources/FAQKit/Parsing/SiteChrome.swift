import Foundation

/// What a docs site puts around its content and a crawler keeps when it saves a page as markdown:
/// permalink anchors in headings (`### 如何充值？[](https://…#如何充值 "直接链接")`), navigation menus
/// before the content, and after it the pagination links, the page's table of contents, footer
/// columns of links and the copyright line.
///
/// Each test is about the shape of site chrome, never its wording, except the pagination and
/// copyright words every docs generator uses. Only the end of a page is trimmed, and a single
/// link after an answer (`详见 [工具调用指南](…)`) is kept: that is how answers cite their sources.
enum SiteChrome {
    /// A heading without its permalink anchors: links whose text is empty or only a permalink
    /// mark (`#`, `¶`, `§`, `🔗`, a zero-width space), with the attribute list Pandoc writes after
    /// such a link (`[​](#充值 "直接链接"){.hash-link aria-label="充值的直接链接"}`).
    static func strippingPermalinks(_ heading: String) -> String {
        guard heading.contains("](") else { return heading }
        var out = ""
        var rest = Substring(heading)
        while let link = firstLink(in: rest) {
            out += rest[..<link.range.lowerBound]
            let text = link.text.filter { !permalinkMarks.contains($0) && !$0.isWhitespace }
            rest = rest[link.range.upperBound...]
            if !text.isEmpty {
                out += rest.base[link.range]
            } else if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}"),
                MarkdownText.isAttributeList(rest[rest.index(after: rest.startIndex)..<close])
            {
                rest = rest[rest.index(after: close)...]
            }
        }
        out += rest
        let stripped = out.trimmingWhitespace()
        return stripped.isEmpty ? heading : stripped
    }

    /// A line a reader-mode crawler writes above a saved page (`Published Time: Thu, 26 Feb 2026
    /// 07:40:41 GMT`, `URL Source: https://…`, `Markdown Content:`): where and when it was saved,
    /// never answer text. Read only in a page's header.
    static func isCrawlerField(_ line: String) -> Bool {
        crawlerFields.contains { line.hasPrefix($0) }
    }

    static let crawlerFields = ["Published Time:", "URL Source:", "Markdown Content:"]

    static let permalinkMarks: Set<Character> = ["#", "¶", "§", "🔗", "\u{200B}"]

    /// True when blocks are a menu rather than an answer: at least three links, and their texts
    /// at least half of what a reader sees.
    static func isNavigation(_ blocks: [MarkdownBlock]) -> Bool {
        var links = 0
        var linked = 0
        var visible = 0
        for line in blocks.flatMap(\.lines) {
            var rest = Substring(line)
            while let link = firstLink(in: rest) {
                visible += visibleCount(rest[..<link.range.lowerBound])
                links += 1
                linked += visibleCount(link.text)
                visible += visibleCount(link.text)
                rest = rest[link.range.upperBound...]
            }
            visible += visibleCount(rest)
        }
        return links >= 3 && linked * 2 >= visible
    }

    /// Removes the site's chrome from the end of a page's last answer: blank lines, the copyright
    /// line, pagination links (`[上一页 …](…)[下一页 …](…)`), a list of links into one page (its
    /// table of contents), and footer columns (two or more short labels, each over a list of
    /// nothing but links or images). One label over links stays: an answer may end that way
    /// (`相关文档` and its links).
    ///
    /// A list item whose link wraps onto the next lines (as Pandoc wraps its output at 72 columns:
    /// `-   [如何分 key` over `    查看用量](#如何分-key)`) is read as one line, and so is Pandoc's
    /// pagination (an empty link over `上一页` or `下一页` over the label of that page).
    static func trimTrailingChrome(_ blocks: inout [MarkdownBlock]) {
        let raw = blocks.flatMap(\.lines)
        // Logical lines: each trimmed, with how many raw lines it stands for.
        var lines: [String] = []
        var spans: [Int] = []
        for line in raw {
            let trimmed = line.trimmingWhitespace()
            if let previous = lines.last, !trimmed.isEmpty, !MarkdownText.isBulletItem(trimmed), MarkdownText.indentation(line) > 0,
                MarkdownText.isBulletItem(previous), previous.filter({ $0 == "[" }).count > previous.filter({ $0 == "]" }).count
            {
                lines[lines.count - 1] += " " + trimmed
                spans[spans.count - 1] += 1
            } else {
                lines.append(trimmed)
                spans.append(1)
            }
        }
        let count = lines.count
        while let last = lines.last {
            if last.isEmpty || isCopyright(last) || isPagination(last) {
                lines.removeLast()
            } else if let columns = footerColumnsLength(lines) {
                lines.removeLast(columns)
            } else if let run = trailingLinkItems(lines), run.count >= 3, isTableOfContents(run) {
                lines.removeLast(run.count)
            } else if let length = labelledPaginationLength(lines) {
                lines.removeLast(length)
            } else {
                break
            }
        }
        guard lines.count < count else { return }
        lines = Array(raw.prefix(spans.prefix(lines.count).reduce(0, +)))
        // Put the kept lines back into their blocks.
        var kept = lines.count
        var trimmed: [MarkdownBlock] = []
        for var block in blocks where kept > 0 {
            block.lines = Array(block.lines.prefix(kept))
            kept -= block.lines.count
            trimmed.append(block)
        }
        blocks = trimmed.filter { !$0.lines.allSatisfy { $0.trimmingWhitespace().isEmpty } }
    }

    /// The targets of the list items of one link (or image) each that end `lines`, nil if none.
    static func trailingLinkItems(_ lines: [String]) -> [String]? {
        let run = lines.reversed().prefix { linkOnlyItem($0) != nil }.compactMap(linkOnlyItem)
        return run.isEmpty ? nil : run
    }

    /// How many lines at the end are footer columns (a label, then its links; blank lines
    /// between), when there are two or more of them.
    static func footerColumnsLength(_ lines: [String]) -> Int? {
        var end = lines.count
        var columns = 0
        while true {
            var index = end
            while index > 0, lines[index - 1].isEmpty { index -= 1 }
            let links = lines[..<index].reversed().prefix { linkOnlyItem($0) != nil }.count
            guard links > 0, index - links > 0, isLabel(lines[index - links - 1]) else { break }
            columns += 1
            end = index - links - 1
        }
        return columns >= 2 ? lines.count - end : nil
    }

    /// `© 2025 …`, `Copyright © …`, `版权所有 …`.
    static func isCopyright(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("copyright") || lower.hasPrefix("©") || lower.hasPrefix("版权所有")
    }

    /// How many lines at the end are one page link as Pandoc writes a docs generator's: a link
    /// with no text, then `上一页` / `下一页` (`Previous`, `Next`), then that page's label (unless
    /// it went as a footer column's title), with blank lines between.
    static func labelledPaginationLength(_ lines: [String]) -> Int? {
        let filled = lines.indices.filter { !lines[$0].isEmpty }
        var last = filled.count - 1
        guard last >= 1 else { return nil }
        if !paginationWords.contains(lines[filled[last]].lowercased()) {
            guard !lines[filled[last]].contains("](") else { return nil }
            last -= 1
        }
        guard last >= 1, paginationWords.contains(lines[filled[last]].lowercased()) else { return nil }
        let item = Substring(lines[filled[last - 1]])
        guard let link = firstLink(in: item), link.range == item.startIndex..<item.endIndex, link.text.allSatisfy(\.isWhitespace) else {
            return nil
        }
        return lines.count - filled[last - 1]
    }

    /// The words of a link to the previous or next page (lower-cased).
    static let paginationWords = ["上一页", "下一页", "上一篇", "下一篇", "previous", "next"]

    /// A line of nothing but links to the previous and next pages.
    static func isPagination(_ line: String) -> Bool {
        var rest = Substring(line)
        var links = 0
        while let link = firstLink(in: rest) {
            guard rest[..<link.range.lowerBound].allSatisfy(\.isWhitespace) else { return false }
            let text = link.text.trimmingWhitespace().lowercased()
            guard (paginationWords + ["«", "»", "‹", "›"]).contains(where: { text.hasPrefix($0) }) else {
                return false
            }
            links += 1
            rest = rest[link.range.upperBound...]
        }
        return links > 0 && rest.allSatisfy(\.isWhitespace)
    }

    /// A list item holding one link or image and nothing else: its target.
    static func linkOnlyItem(_ line: String) -> String? {
        guard MarkdownText.isBulletItem(line) else { return nil }
        var item = line.dropFirst(2).trimmingWhitespace()[...]
        if item.hasPrefix("!") { item = item.dropFirst() }
        guard item.hasPrefix("["), let link = firstLink(in: item), link.range.lowerBound == item.startIndex,
            link.range.upperBound == item.endIndex
        else { return nil }
        return link.target
    }

    /// True when blocks are nothing but a list of links into one page by anchor (a `## 目录`
    /// section of `- [订阅相关](#订阅相关)` items): a contents list, which answers nothing.
    static func isContentsList(_ blocks: [MarkdownBlock]) -> Bool {
        let lines = blocks.flatMap(\.lines).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let targets = lines.compactMap(linkOnlyItem)
        return lines.count >= 2 && targets.count == lines.count && isTableOfContents(targets)
    }

    /// Links into one page, by anchor: `faq#账号`, `faq#充值` (or `#账号`).
    static func isTableOfContents(_ targets: [String]) -> Bool {
        let pages = Set(targets.map { target -> String? in target.firstIndex(of: "#").map { String(target[..<$0]) } })
        return pages.count == 1 && !pages.contains(nil)
    }

    /// A footer column's title: a short line that is not a sentence, a list item or a heading.
    static func isLabel(_ line: String) -> Bool {
        guard !line.isEmpty, line.count <= 12, !line.hasPrefix("#"), !MarkdownText.isBulletItem(line), !line.contains("](") else { return false }
        return !line.contains { "。？！：:.?!；;，,".contains($0) }
    }

    /// The first markdown link (`[text](target "title")`, or an image's) in `text`.
    static func firstLink(in text: Substring) -> (range: Range<Substring.Index>, text: Substring, target: String)? {
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].firstIndex(of: "[") {
            // The matching `]` (link texts may hold an image's brackets) and the `)` closing the target.
            guard let close = matching("[", "]", in: text[open...]) else { return nil }
            let afterClose = text.index(after: close)
            guard afterClose < text.endIndex, text[afterClose] == "(", let end = matching("(", ")", in: text[afterClose...]) else {
                searchFrom = text.index(after: open)
                continue
            }
            let inside = text[text.index(after: afterClose)..<end].trimmingWhitespace()
            let target = inside.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let start = open > text.startIndex && text[text.index(before: open)] == "!" ? text.index(before: open) : open
            return (start..<text.index(after: end), text[text.index(after: open)..<close], target)
        }
        return nil
    }

    /// The index of the bracket closing the one `text` starts with.
    private static func matching(_ open: Character, _ close: Character, in text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            if text[index] == open { depth += 1 }
            if text[index] == close {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    private static func visibleCount(_ text: Substring) -> Int {
        text.reduce(0) { $0 + ($1.isWhitespace || "*-|".contains($1) ? 0 : 1) }
    }
}
