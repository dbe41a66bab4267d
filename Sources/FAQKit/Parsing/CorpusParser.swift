import Foundation

/// Parses an llms-txt FAQ export into pages and one entry per question.
///
/// The format: pages separated by `---` lines, each with a `## Title`, an optional `**URL:**`,
/// an optional `**Contents:**` list of its questions (sub-items indented, `4.1`), a `Source: <url>`
/// line, then a body with `## N. question` headings or bold `**N. question**` lines, `<Frame>`
/// screenshots, a `<Note>` contact link and an `**Examples:**` block that repeats the body.
///
/// Exports often lose question headings that the Contents list still names. The parser recovers
/// those questions: text before the first heading belongs to the first Contents items not headed
/// later, and a section whose blocks answer later unheaded items is split by an ordered alignment
/// of its blocks to those items' titles (lexical similarity, weighted by rarity in the corpus,
/// nudged by the text's own structure: a numbered list restarting at 1 starts a new answer, a
/// sentence ending in a colon and a list that continues its numbering do not).
///
/// Nothing here knows a page, title or phrase of any particular corpus.
public struct CorpusParser: Sendable {
    /// The parser's version, part of an index's fingerprint: raise it when the same file parses
    /// differently, so indexes built by an older parser are rebuilt instead of kept.
    public static let version = 64

    public var categories: CategoryMap
    public var analyzer: TextAnalyzer

    public init(categories: CategoryMap = CategoryMap(), analyzer: TextAnalyzer = .shared) {
        self.categories = categories
        self.analyzer = analyzer
    }

    /// One markdown document of a corpus: a file's text and its name (a path relative to the
    /// corpus folder, or the file name).
    public struct Document: Sendable {
        public var text: String
        public var name: String

        public init(text: String, name: String) {
            self.text = text
            self.name = name
        }
    }

    /// Parses markdown documents, each in the shape it has: an llms-txt export with the rules
    /// described above, anything else as an outline of headings and question lines
    /// (``OutlineParser``). Never throws: problems become warnings with line numbers.
    public func parse(documents: [Document]) -> ParsedCorpus {
        var parts: [ParsedCorpus] = []
        var outline: [OutlineParser.Document] = []
        func flushOutline() {
            guard !outline.isEmpty else { return }
            parts.append(OutlineParser(categories: categories).parse(outline))
            outline = []
        }
        for document in documents {
            if Self.isLLMSTxtExport(document.text) {
                flushOutline()
                var parsed = parseExport(document.text)
                if documents.count > 1 {
                    parsed.warnings = parsed.warnings.map {
                        var w = $0
                        w.file = document.name
                        return w
                    }
                }
                parts.append(parsed)
            } else {
                outline.append(OutlineParser.Document(text: PandocMarkup.strippingInlineAttributes(document.text), name: document.name))
            }
        }
        flushOutline()
        return Self.merge(parts)
    }

    /// Parses one markdown text (see ``parse(documents:)``).
    public func parse(_ text: String) -> ParsedCorpus {
        parse(documents: [Document(text: text, name: "corpus.md")])
    }

    /// Joins parsed parts in order: positions run on, and an id seen before gets a suffix.
    static func merge(_ parts: [ParsedCorpus]) -> ParsedCorpus {
        guard parts.count != 1 else { return parts[0] }
        var result = ParsedCorpus(pages: [], entries: [], warnings: [])
        var ids = EntryIDs()
        for part in parts {
            result.pages += part.pages
            result.warnings += part.warnings
            for var entry in part.entries {
                entry.id = ids.claim(entry.id).id
                entry.position = result.entries.count
                result.entries.append(entry)
            }
        }
        return result
    }

    /// True for an llms-txt FAQ export: pages separated by `---`, each titled `## Title` with a
    /// `Source:`, `**URL:**` or `**Contents:**` header line, and at least as many such pages as `#`
    /// headings (an export has one, its own title, or one per export joined into the file).
    static func isLLMSTxtExport(_ text: String) -> Bool {
        var inFence = false
        var chunkStart = true
        var chunkTitled = false
        var exportPages = 0
        var titles = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = raw.trimmingWhitespace()
            if MarkdownText.isFence(line) { inFence.toggle() }
            if inFence || line.isEmpty { continue }
            if line.hasPrefix("# ") { titles += 1 }
            if line == "---" {
                chunkStart = true
                chunkTitled = false
                continue
            }
            if chunkStart {
                chunkStart = false
                chunkTitled = line.hasPrefix("## ")
                continue
            }
            if chunkTitled && (line.hasPrefix("Source:") || line.hasPrefix("**URL:**") || line == "**Contents:**") {
                exportPages += 1
                chunkTitled = false
            }
        }
        return exportPages > 0 && exportPages >= titles
    }

    /// Parses an llms-txt export.
    func parseExport(_ text: String) -> ParsedCorpus {
        var warnings: [CorpusWarning] = []
        // Lines and page chunks are freed as soon as the pages are read (a large corpus's lines
        // weigh more than its text).
        let rawPages: [RawPage] = {
            let (lines, repairedFences) = UnclosedFence.repairing(Self.splitLines(text))
            warnings += repairedFences.map { CorpusWarning(line: $0.opened, message: $0.warning) }
            let chunks = Self.splitPages(lines, warnings: &warnings)
            var pages: [RawPage] = []
            for (index, chunk) in chunks.enumerated() {
                if let page = RawPage(chunk: chunk, isFirst: index == 0, warnings: &warnings) { pages.append(page) }
            }
            return pages
        }()

        // Term rarity over every block of the corpus, for the alignment's similarity.
        var documentFrequency: [String: Int] = [:]
        var blockCount = 0
        for page in rawPages {
            for section in page.sections {
                for block in section.blocks {
                    blockCount += 1
                    for term in termSet(block.text) { documentFrequency[term, default: 0] += 1 }
                }
            }
        }
        let similarity = Similarity(
            analyzer: analyzer, documentFrequency: documentFrequency, documentCount: max(blockCount, 1))

        var pages: [FAQPage] = []
        var entries: [FAQEntry] = []
        var ids = EntryIDs()
        for raw in rawPages {
            let category = categories.category(sourceURL: raw.sourceURL ?? raw.url, title: raw.title)
            pages.append(
                FAQPage(
                    title: raw.title, url: raw.sourceURL ?? raw.url ?? "", category: category.slug,
                    categoryName: category.name, contactURL: raw.contactURL, contactText: raw.contactText,
                    line: raw.line))
            for question in raw.questions(similarity: similarity, warnings: &warnings) {
                let wanted = "\(category.slug)/\(question.number)"
                let (id, renamed) = ids.claim(wanted)
                if renamed { warnings.append(CorpusWarning(line: question.line, message: "duplicate entry id \(wanted), stored as \(id)")) }
                entries.append(
                    FAQEntry(
                        id: id, category: category.slug, pageTitle: raw.title, title: question.title,
                        answer: MarkdownText.cleanAnswer(question.blocks.map(\.text).joined(separator: "\n\n")),
                        url: raw.sourceURL ?? raw.url ?? "", position: entries.count,
                        attachments: MarkdownText.attachments(question.blocks), group: question.group))
            }
        }
        return ParsedCorpus(pages: pages, entries: entries, warnings: warnings)
    }

    /// Unigram and bigram terms of a text, for block similarity.
    func termSet(_ text: String) -> Set<String> {
        Set(analyzer.tokens(text).lazy.filter { $0.kind != .wordPart }.map(\.text))
    }

    // MARK: - Lines and pages

    /// A line of the corpus with its 1-based number.
    struct Line {
        var text: String
        var number: Int
    }

    static func splitLines(_ text: String) -> [Line] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var result: [Line] = []
        var number = 0
        // Splitting on Character newlines treats "\r\n", "\n" and "\r" alike.
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            result.append(Line(text: String(line), number: number))
        }
        return result
    }

    /// Splits at `---` lines outside fenced code.
    static func splitPages(_ lines: [Line], warnings: inout [CorpusWarning]) -> [[Line]] {
        var chunks: [[Line]] = [[]]
        var fenceLine: Int? = nil
        for line in lines {
            if MarkdownText.isFence(line.text) {
                fenceLine = fenceLine == nil ? line.number : nil
            }
            if fenceLine == nil, line.text.trimmingSpaces() == "---" {
                chunks.append([])
            } else {
                chunks[chunks.count - 1].append(line)
            }
        }
        if let fenceLine {
            warnings.append(CorpusWarning(line: fenceLine, message: "code fence is never closed; it runs to the end of the file"))
        }
        return chunks.filter { chunk in chunk.contains { !$0.text.trimmingSpaces().isEmpty } }
    }
}
