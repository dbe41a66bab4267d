import Foundation

/// Parses FAQ markdown that carries its structure in its headings: what docs sites, help centers
/// and hand-written FAQ files look like (everything but the llms-txt export, which
/// ``CorpusParser`` reads with its own rules).
///
/// The document is read as an outline. `#` starts a page (its title names a category); deeper
/// headings (ATX, setext or HTML `<h2>`), bold question lines (`**Q：…**`, `**问：…**`, `**1. …？**`,
/// or a list item `- **…？**` with an indented answer; any short bold line right after a `---`
/// break, as hand-written FAQs title their sections), plain numbered question
/// lines (`1、…？`), the rows of a `| 问题 | 答案 |` table, `<details>` and MDX `<Accordion>` blocks are
/// nodes under it. Which nodes are questions is decided from the outline
/// itself:
/// - a node without children is an entry when it has answer text;
/// - a node whose children include questions is a group (it names the questions under it), and
///   so is a node with children but no text of its own; a group that asks a question and answers
///   it before its sub-questions is also an entry, answered by its own text;
/// - any other node with children is one entry, its sub-headings part of its answer (a question
///   such as "如何充值？" answered by "个人用户充值" and "企业用户充值" sections).
///
/// Text before a page's first heading is the page's introduction, not an entry (and so is a
/// top-level "Overview" or "Quick start" section), unless the page has no headings at all: then a
/// titled page is one question, titled by the page. Site footers (the
/// same closing block on several pages) are dropped, and so is what a crawler keeps of a docs
/// site around its content (``SiteChrome``). Entry ids are made from the question text,
/// so adding a question does not renumber the others.
///
/// Nothing here knows a page, title or phrase of any particular corpus.
struct OutlineParser {
    var categories: CategoryMap

    /// One input document: a file's text and a name for a page that has no title of its own.
    struct Document {
        var text: String
        var name: String
    }

    /// A heading, question line or disclosure block, with the blocks under it.
    final class Node {
        var title: String
        var level: Int
        var line: Int
        /// Marked as a question by its form (`Q：`, `问：`, a `<summary>`), whatever its wording.
        var markedQuestion: Bool
        /// A heading, not a question line, list item, table row or disclosure.
        var isHeading = true
        var blocks: [MarkdownBlock] = []
        var children: [Node] = []

        init(title: String, level: Int, line: Int, markedQuestion: Bool = false) {
            self.title = title
            self.level = level
            self.line = line
            self.markedQuestion = markedQuestion
        }

        var isQuestionLike: Bool { markedQuestion || QuestionText.isQuestion(title) }
    }

    /// A page of the outline: a `#` heading (or a whole document) and its nodes.
    struct Page {
        var title: String
        var line: Int
        var url: String?
        /// The document the page came from (`guide/billing.md`), for warnings.
        var documentName: String
        /// True when the document titles the page (a `#` heading or front matter), not its file name.
        var hasOwnTitle: Bool
        var root: Node
    }

    func parse(_ documents: [Document]) -> ParsedCorpus {
        var warnings: [CorpusWarning] = []
        var pages: [Page] = []
        for document in documents {
            pages += OutlineReader(document: document).read(warnings: &warnings)
        }
        for page in pages {
            if let owner = Self.lastBlockOwner(page.root) { SiteChrome.trimTrailingChrome(&owner.blocks) }
        }
        Self.dropFooters(&pages)
        return entries(from: pages, warnings: &warnings)
    }

    // MARK: - Entries

    private func entries(from pages: [Page], warnings: inout [CorpusWarning]) -> ParsedCorpus {
        var result = ParsedCorpus(pages: [], entries: [], warnings: [])
        var ids = EntryIDs()
        // A single page whose top level is made of groups: the groups are the categories.
        let groupsAsCategories = pages.count == 1 && pages[0].root.children.filter { Self.isGroup($0) }.count >= 2

        for page in pages {
            // A page of nothing but links (a site's menu, saved before its content) is no question.
            if page.root.children.isEmpty && SiteChrome.isNavigation(page.root.blocks) { continue }
            let pageCategory = categories.category(sourceURL: page.url, title: page.title)
            let url = page.url ?? ""
            result.pages.append(FAQPage(title: page.title, url: url, category: pageCategory.slug, categoryName: pageCategory.name, line: page.line))

            func add(_ node: Node, title: String, blocks: [MarkdownBlock], group: String?, category: CategoryMap.Category) {
                // A section that only lists the page's own sections (`## 目录`) is no question.
                if SiteChrome.isContentsList(blocks) { return }
                // An HTML block written into the markdown (a `<table>`, a `<div>` of paragraphs) reads as
                // markdown, so its tag names are not indexed as words.
                let texts = blocks.map { HTMLText.isHTMLBlock($0.text) ? HTMLText.markdown($0.text) : $0.text }
                let answer = MarkdownText.cleanAnswer(texts.joined(separator: "\n\n"))
                guard !answer.isEmpty else {
                    warnings.append(CorpusWarning(line: node.line, message: "\"\(title)\" has no answer text; skipped", file: page.documentName))
                    return
                }
                let wanted = "\(category.slug)/\(Self.idSlug(title))"
                let (id, renamed) = ids.claim(wanted)
                if renamed {
                    warnings.append(
                        CorpusWarning(
                            line: node.line, message: "two questions make the id \(wanted); this one is stored as \(id)", file: page.documentName))
                }
                result.entries.append(
                    FAQEntry(
                        id: id, category: category.slug, pageTitle: page.title, title: title, answer: answer, url: url,
                        position: result.entries.count, attachments: MarkdownText.attachments(blocks), group: group))
            }

            // A group that asks a question of its own and answers it before its sub-questions
            // (`## 如何充值？` over `### 支付宝充值失败怎么办？`) is an entry too: its answer would
            // otherwise be lost. A group named by a topic keeps its text as an introduction.
            func addOwnAnswer(of node: Node, group: String?, category: CategoryMap.Category) {
                if node.isQuestionLike && !node.blocks.isEmpty { add(node, title: node.title, blocks: node.blocks, group: group, category: category) }
            }

            func collect(_ node: Node, group: String?, category: CategoryMap.Category) {
                if node.children.isEmpty {
                    add(node, title: node.title, blocks: node.blocks, group: group, category: category)
                } else if Self.isGroup(node) {
                    addOwnAnswer(of: node, group: group, category: category)
                    for child in node.children { collect(child, group: node.title, category: category) }
                } else {
                    add(node, title: node.title, blocks: Self.mergedBlocks(node), group: group, category: category)
                }
            }

            let root = page.root
            if root.children.isEmpty {
                // A titled page without headings is one question, titled by the page (a folder of
                // one-answer files); untitled text without headings holds no question.
                if page.hasOwnTitle && !root.blocks.isEmpty { add(root, title: page.title, blocks: root.blocks, group: nil, category: pageCategory) }
                continue
            }
            // A titled page laid out as one troubleshooting record (`## 现象` / `## 原因` / `## 解决方法`)
            // is one question, titled by the page.
            if page.hasOwnTitle && root.children.allSatisfy(Self.isAnswerSection) {
                add(root, title: page.title, blocks: Self.mergedBlocks(root), group: nil, category: pageCategory)
                continue
            }
            for child in root.children {
                // An "Overview" or "Quick start" section introduces the page, like text before the
                // first heading.
                if child.children.isEmpty && !child.isQuestionLike && QuestionText.isIntroduction(child.title) { continue }
                if groupsAsCategories && Self.isGroup(child) {
                    let slug = CategoryMap.slugify(child.title)
                    let category = CategoryMap.Category(slug: slug.isEmpty ? pageCategory.slug : slug, name: child.title)
                    result.pages.append(FAQPage(title: child.title, url: url, category: category.slug, categoryName: category.name, line: child.line))
                    addOwnAnswer(of: child, group: nil, category: category)
                    for grandchild in child.children { collect(grandchild, group: nil, category: category) }
                } else {
                    collect(child, group: nil, category: pageCategory)
                }
            }
        }
        result.warnings = warnings
        if groupsAsCategories, let first = result.pages.first, !result.entries.contains(where: { $0.category == first.category }) {
            result.pages.removeFirst()  // every entry went to a group's category
        }
        return result
    }

    /// A node that names the questions under it rather than answering one itself.
    ///
    /// A node whose sections are all labelled parts of one answer (`### 现象描述`, `### 问题原因`,
    /// `### 解决方案`) is a troubleshooting record, one entry, even when it has no text of its own.
    static func isGroup(_ node: Node) -> Bool {
        guard !node.children.isEmpty else { return false }
        if node.children.allSatisfy(isAnswerSection) { return false }
        let holdsQuestions = node.children.contains { $0.isQuestionLike || isGroup($0) }
        if node.isQuestionLike && !holdsQuestions { return false }
        return node.blocks.isEmpty || holdsQuestions
    }

    /// A labelled part of a troubleshooting answer (`### 问题原因`, `### 规避方法` over its steps),
    /// not a question and with no question under it.
    static func isAnswerSection(_ node: Node) -> Bool {
        !node.markedQuestion && QuestionText.isAnswerSection(node.title) && !node.children.contains { $0.isQuestionLike || isGroup($0) }
    }

    /// A node's blocks with its descendants' headings and blocks, as one answer.
    static func mergedBlocks(_ node: Node) -> [MarkdownBlock] {
        var blocks = node.blocks
        for child in node.children {
            let level = min(max(child.level, 2), 6)
            blocks.append(MarkdownBlock(lines: [String(repeating: "#", count: level) + " " + child.title], line: child.line))
            blocks += mergedBlocks(child)
        }
        return blocks
    }

    /// A readable id part from a question: its slug, cut at a character boundary.
    static func idSlug(_ title: String) -> String {
        let slug = CategoryMap.slugify(title)
        guard slug.count > 40 else { return slug.isEmpty ? "q" : slug }
        var cut = String(slug.prefix(40))
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut
    }

    // MARK: - Footers

    /// Drops a site footer: a closing block that ends two or more pages word for word.
    ///
    /// A block that is all a question has is that question's answer, not a footer: pages that
    /// each end with the same question (`如何联系客服？`) and answer keep it. (A footer's own
    /// label, `**联系支持**`, asks nothing, and goes with its text.)
    static func dropFooters(_ pages: inout [Page]) {
        guard pages.count >= 2 else { return }
        func closingBlock(_ page: Page) -> (owner: Node, text: String)? {
            guard let owner = lastBlockOwner(page.root), let last = owner.blocks.last else { return nil }
            let asks = owner !== page.root && (owner.markedQuestion || QuestionText.isQuestion(owner.title))
            guard owner.blocks.count > 1 || !asks else { return nil }
            return (owner, last.text.trimmingWhitespace())
        }
        for _ in 0..<4 {
            var counts: [String: Int] = [:]
            for page in pages {
                if let closing = closingBlock(page) { counts[closing.text, default: 0] += 1 }
            }
            let footers = Set(counts.filter { $0.value >= 2 }.keys)
            guard !footers.isEmpty else { return }
            for page in pages {
                if let closing = closingBlock(page), footers.contains(closing.text) { closing.owner.blocks.removeLast() }
            }
        }
    }

    /// The node holding the page's last block in document order.
    static func lastBlockOwner(_ node: Node) -> Node? {
        for child in node.children.reversed() {
            if let owner = lastBlockOwner(child) { return owner }
        }
        return node.blocks.isEmpty ? nil : node
    }
}
