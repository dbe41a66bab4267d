/// Cuts ``AnswerPassage``s out of answers.
///
/// An answer is split into blocks a reader would keep together: paragraphs (split at sentence
/// ends when one alone is too long), list items, table rows (the table's header goes with
/// them), fenced code and headings. The chosen window of consecutive blocks of one sub-section
/// is the one under the length limit whose blocks contain the most distinct matched words, weighted by length
/// (a matched four-character word says more than a matched character), and of those the
/// shortest; code counts half, as prose usually explains what code shows. The window then grows
/// to its whole sub-section, or forward through it, while it fits. In an answer laid out as a
/// troubleshooting record (`问题描述：` … `问题原因：` … `解决方法：`), the part that describes the
/// problem restates the question, so its matches choose nothing.
struct PassageSelector {
    var maxLength = AnswerPassage.maxLength

    /// A run of lines (or part of one line) a reader keeps together.
    private struct Block {
        enum Kind { case text, heading, code, tableRow }
        var kind: Kind
        /// The block as markdown and as the indexed plain text (links reduced to labels).
        var markdown: String
        var plain: String
        var length: Int
        /// Distinct matched words in the block, lowercased.
        var matched: Set<String>
        /// Index of the heading block of the block's sub-section.
        var section: Int?
        /// For a table row: the table's header and separator lines, as markdown.
        var tableHeader: [String] = []
        /// What joins the block to the one before it in a passage: a blank line, a line break,
        /// or nothing (the next sentence of a cut paragraph).
        var separator = "\n\n"
        /// True inside the part of an answer labelled as the problem's description
        /// (`问题描述：`, `Symptom:`) up to the next label: it repeats what was asked.
        var describesProblem = false
    }

    /// Most characters of a caption: an opening this short that ends in a colon introduces the
    /// block after it; a longer one answers, then shows an example.
    static let captionLength = 20

    /// The passage of `answer` to show for a query, or nil when the answer is short enough to
    /// show whole. `body` is the answer's indexed text (`MarkdownText.searchableText`, line for
    /// line the same as `answer`); `ranges` are the query's matches in `body`, as UTF-8 byte
    /// ranges.
    func passage(answer: String, body: String, ranges: [Range<Int>], highlighter: Highlighter) -> AnswerPassage? {
        guard Self.visibleLength(body, upTo: maxLength) > maxLength else { return nil }
        let blocks = Self.blocks(answer: answer, body: body, ranges: ranges, maxLength: maxLength)
        guard !blocks.isEmpty else { return nil }
        // An FAQ answer's opening paragraph usually is the direct answer, and the rest details
        // and examples: a short one stays in front of a passage from further down. Not a caption
        // (a few words ending in a colon, `调用栈类似：`): it says nothing but what the block after
        // it shows, which a passage from further down would leave out.
        let opening = blocks[0]
        let introduces = (opening.plain.hasSuffix("：") || opening.plain.hasSuffix(":")) && opening.length <= Self.captionLength
        let lead = opening.kind == .text && opening.section == nil && opening.length <= maxLength / 3 && !introduces ? opening : nil
        var (first, last) = window(in: blocks, budget: maxLength)
        if let lead, first > 0 {
            (first, last) = window(in: blocks, budget: maxLength - lead.length)
            if first > 0 { return render(blocks, first: first, last: last, lead: lead, budget: maxLength - lead.length, highlighter: highlighter) }
        }
        return render(blocks, first: first, last: last, lead: nil, budget: maxLength, highlighter: highlighter)
    }

    /// The best window `first...last` of blocks, grown to its context.
    private func window(in blocks: [Block], budget: Int) -> (Int, Int) {
        var best: (first: Int, last: Int, weight: Double, length: Int)?
        for first in blocks.indices {
            var length = 0
            var words = Set<String>()
            var weight = 0.0
            for last in first..<blocks.count {
                let block = blocks[last]
                if block.section != blocks[first].section { break }  // one sub-section at a time
                length += block.length + Self.headerLength(blocks, last, first: first)
                if length > budget { break }
                for word in block.matched where !block.describesProblem && !words.contains(word) {
                    words.insert(word)
                    weight += Self.weight(word) * (block.kind == .code ? 0.5 : 1)
                }
                // The most matched words, in the fewest characters: a window that only adds
                // unmatched text around the same matches is not better.
                if weight > (best?.weight ?? 0) || weight > 0 && weight == best?.weight && length < best!.length {
                    best = (first, last, weight, length)
                }
            }
        }
        guard let best else { return grow(0, 0, in: blocks, budget: budget) }
        return grow(best.first, best.last, in: blocks, budget: budget)
    }

    /// Grows a window to its whole sub-section when that fits, and otherwise forward (the lines
    /// after a match usually finish its explanation) and then back, block by block, while it
    /// fits and stays in the sub-section.
    private func grow(_ first: Int, _ last: Int, in blocks: [Block], budget: Int) -> (Int, Int) {
        let section = blocks[first].section
        func length(_ a: Int, _ b: Int) -> Int { Self.length(blocks, a, b) }
        if let section, blocks[first...last].allSatisfy({ $0.section == section || $0.kind == .heading }) {
            var end = section
            while end + 1 < blocks.count, blocks[end + 1].section == section { end += 1 }
            if length(section, end) <= budget { return (section, end) }
        }
        var (first, last) = (first, last)
        while last + 1 < blocks.count, blocks[last + 1].kind != .heading, blocks[last + 1].section == section,
            length(first, last + 1) <= budget
        {
            last += 1
        }
        while first > 0, blocks[first - 1].section == section, length(first - 1, last) <= budget {
            first -= 1
        }
        return (first, last)
    }

    private func render(_ blocks: [Block], first: Int, last: Int, lead: Block?, budget: Int, highlighter: Highlighter) -> AnswerPassage {
        var markdown = ""
        var plain = ""
        func add(_ block: (markdown: String, plain: String), after separator: String) {
            markdown += markdown.isEmpty ? block.markdown : separator + block.markdown
            plain += plain.isEmpty ? block.plain : separator + block.plain
        }
        if let lead { add((lead.markdown, lead.plain), after: "") }
        var heading: String?
        if let section = blocks[first].section {
            heading = MarkdownText.plainTitle(Self.headingText(blocks[section].markdown))
            if section != first, blocks[section].length + Self.length(blocks, first, last) <= budget {
                add((blocks[section].markdown, blocks[section].plain), after: "\n\n")
            }
        }
        for index in first...last {
            let block = blocks[index]
            if Self.headerLength(blocks, index, first: first) > 0 {
                let header = block.tableHeader
                add((header.joined(separator: "\n"), header.map(MarkdownText.linkLabelsKeepingLines).joined(separator: "\n")), after: "\n\n")
                add((block.markdown, block.plain), after: "\n")
            } else {
                add((block.markdown, block.plain), after: index == first ? "\n\n" : block.separator)
            }
        }
        return AnswerPassage(
            text: markdown, highlighted: highlighter.mark(MarkdownText.removingEmphasis(plain)), heading: heading)
    }

    /// The visible length of blocks `first...last` as a passage shows them, table headers
    /// included (`window` sums the same as it goes).
    private static func length(_ blocks: [Block], _ first: Int, _ last: Int) -> Int {
        (first...last).reduce(0) { $0 + blocks[$1].length + headerLength(blocks, $1, first: first) }
    }

    /// The length of the table header shown before block `index`: a table row that starts a
    /// passage, or the table, brings the table's header with it.
    private static func headerLength(_ blocks: [Block], _ index: Int, first: Int) -> Int {
        let block = blocks[index]
        guard block.kind == .tableRow, index == first || blocks[index - 1].kind != .tableRow else { return 0 }
        return block.tableHeader.reduce(0) { $0 + visibleLength($1) }
    }

    // MARK: - Blocks

    private static func blocks(answer: String, body: String, ranges: [Range<Int>], maxLength: Int) -> [Block] {
        let plainLines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var markdownLines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if markdownLines.count != plainLines.count { markdownLines = plainLines }
        let matchedByLine = matchedWords(in: body, lines: plainLines, ranges: ranges)

        var blocks: [Block] = []
        var section: Int?
        var separator = "\n\n"
        var fence: (start: Int, marker: String)?
        var table: (header: [String], rows: Int)?
        var paragraph: Range<Int>?
        var describing = false

        func append(_ kind: Block.Kind, _ lines: Range<Int>, header: [String] = []) {
            let plain = plainLines[lines].joined(separator: "\n")
            let block = Block(
                kind: kind, markdown: markdownLines[lines].joined(separator: "\n"), plain: plain,
                length: visibleLength(plain), matched: lines.reduce(into: Set<String>()) { $0.formUnion(matchedByLine[$1]) },
                section: kind == .heading ? blocks.count : section, tableHeader: header,
                separator: kind == .heading || kind == .code ? "\n\n" : separator, describesProblem: describing)
            if block.length > maxLength {
                switch kind {
                case .text: blocks += sentences(of: block, maxLength: maxLength)
                case .code: blocks += codeChunks(lines, of: block, markdownLines: markdownLines, plainLines: plainLines, maxLength: maxLength)
                case .heading, .tableRow: blocks.append(truncated(block, to: maxLength))
                }
            } else {
                blocks.append(block)
            }
            if kind == .heading { section = blocks.count - 1 }
            separator = kind == .heading || kind == .code ? "\n\n" : "\n"
        }
        func closeParagraph() {
            if let lines = paragraph { append(.text, lines) }
            paragraph = nil
        }

        // Structure (fences, tables, headings, list items) is read from the markdown: the indexed
        // text has lost its backticks and bold markers.
        for (index, line) in markdownLines.enumerated() {
            let trimmed = line.trimmingSpaces()
            if let open = fence {
                if trimmed.hasPrefix(open.marker) {
                    append(.code, open.start..<(index + 1))
                    fence = nil
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                closeParagraph()
                table = nil
                fence = (index, String(trimmed.prefix(3)))
                continue
            }
            if trimmed.isEmpty {
                closeParagraph()
                table = nil
                separator = "\n\n"
                continue
            }
            if trimmed.hasPrefix("|") {
                closeParagraph()
                if var open = table {
                    if open.rows == 0 && isTableSeparator(trimmed) {
                        open.header.append(markdownLines[index])
                    } else {
                        append(.tableRow, index..<(index + 1), header: open.header)
                        open.rows += 1
                    }
                    table = open
                } else {
                    table = ([markdownLines[index]], 0)
                }
                continue
            }
            table = nil
            if paragraph == nil, !isListItem(trimmed), let label = label(of: trimmed) {
                closeParagraph()
                describing = QuestionText.problemDescriptionNames.contains(label)
            }
            if isHeading(trimmed) {
                closeParagraph()
                describing = false
                append(.heading, index..<(index + 1))
            } else if isListItem(trimmed) {
                closeParagraph()
                paragraph = index..<(index + 1)
            } else if let open = paragraph {
                paragraph = open.lowerBound..<(index + 1)
            } else {
                paragraph = index..<(index + 1)
            }
        }
        closeParagraph()
        if let open = fence { append(.code, open.start..<plainLines.count) }
        return blocks
    }

    /// A paragraph too long for a passage, cut after its sentence ends into pieces that fit
    /// (a sentence longer than the limit is cut at the limit, with `…`).
    private static func sentences(of block: Block, maxLength: Int) -> [Block] {
        let ends: Set<Character> = ["。", "！", "？", "；", "!", "?", ";", "\n"]
        func pieces(_ text: String) -> [String] {
            var out: [String] = []
            var current = ""
            for character in text {
                current.append(character)
                if ends.contains(character) {
                    out.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { out.append(current) }
            return out
        }
        let plain = pieces(block.plain)
        var markdown = pieces(block.markdown)
        if markdown.count != plain.count { markdown = plain }
        var out: [Block] = []
        for (index, (text, source)) in zip(plain, markdown).enumerated() {
            var piece = block
            piece.plain = text
            piece.markdown = source
            piece.length = visibleLength(text)
            if index > 0 { piece.separator = "" }
            piece.matched = block.matched.filter { text.lowercased().contains($0) }
            if piece.length > maxLength { piece = truncated(piece, to: maxLength) }
            out.append(piece)
        }
        return out
    }

    /// A fenced code block too long for a passage, as consecutive pieces that fit, each in its
    /// own fence (a line longer than the limit is cut).
    private static func codeChunks(
        _ lines: Range<Int>, of block: Block, markdownLines: [String], plainLines: [String], maxLength: Int
    ) -> [Block] {
        let open = markdownLines[lines.lowerBound]
        let fence = String(open.trimmingSpaces().prefix(3))
        let closed = lines.count > 1 && markdownLines[lines.upperBound - 1].trimmingSpaces().hasPrefix(fence)
        let inner = (lines.lowerBound + 1)..<(closed ? lines.upperBound - 1 : lines.upperBound)
        let room = max(1, maxLength - visibleLength(open) - 3)
        var out: [Block] = []
        var start = inner.lowerBound
        while start < inner.upperBound {
            var end = start
            var length = 0
            while end < inner.upperBound, end == start || length + visibleLength(plainLines[end]) <= room {
                length += visibleLength(plainLines[end])
                end += 1
            }
            var piece = block
            let body = markdownLines[start..<end].joined(separator: "\n")
            piece.markdown = open + "\n" + body + "\n" + fence
            piece.plain = plainLines[start..<end].joined(separator: "\n")
            piece.length = visibleLength(open) + length + 3
            piece.matched = block.matched.filter { piece.plain.lowercased().contains($0) }
            if piece.length > maxLength {
                piece = truncated(piece, to: maxLength)
                piece.markdown = open + "\n" + piece.plain + "\n" + fence
            }
            if !out.isEmpty { piece.separator = "\n\n" }
            out.append(piece)
            start = end
        }
        return out
    }

    /// A block cut to `maxLength` visible characters, with `…`.
    private static func truncated(_ block: Block, to maxLength: Int) -> Block {
        var piece = block
        var kept = ""
        var length = 0
        for character in block.plain {
            if !character.isWhitespace { length += 1 }
            if length >= maxLength { break }
            kept.append(character)
        }
        piece.plain = kept + "…"
        piece.markdown = piece.plain
        piece.length = visibleLength(piece.plain)
        piece.matched = block.matched.filter { kept.lowercased().contains($0) }
        return piece
    }

    /// The distinct matched words of each line: the text of each matched byte range.
    private static func matchedWords(in body: String, lines: [String], ranges: [Range<Int>]) -> [Set<String>] {
        var result = Array(repeating: Set<String>(), count: lines.count)
        guard !ranges.isEmpty else { return result }
        let bytes = Array(body.utf8)
        var lineStarts: [Int] = []
        var offset = 0
        for line in lines {
            lineStarts.append(offset)
            offset += line.utf8.count + 1
        }
        var line = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.upperBound <= bytes.count {
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= range.lowerBound { line += 1 }
            let word = String(decoding: bytes[range], as: UTF8.self).lowercased()
            if !word.isEmpty { result[line].insert(word) }
        }
        return result
    }

    /// A matched word's weight: its length in characters, up to four (longer words are not
    /// much more specific, and a long identifier should not outweigh three Chinese words); a
    /// single character is weak evidence, a quarter.
    private static func weight(_ word: String) -> Double {
        word.count == 1 ? 0.25 : Double(min(word.count, 4))
    }

    /// Characters other than spaces, tabs and line breaks, counted as Unicode scalars on the
    /// UTF-8 bytes: this runs on every hit's answer, and scalar properties cost far more.
    /// Counting stops past `limit`, since whether an answer is long needs no more.
    static func visibleLength(_ text: String, upTo limit: Int = .max) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default:
                count += 1
                if count > limit { return count }
            }
        }
        return count
    }

    private static func isHeading(_ line: String) -> Bool {
        if line.hasPrefix("#") { return line.drop(while: { $0 == "#" }).first == " " }
        // A line that is all bold, short: a heading by typography.
        return line.hasPrefix("**") && line.hasSuffix("**") && line.count > 4 && line.count <= 60
            && !line.dropFirst(2).dropLast(2).contains("**")
    }

    private static func headingText(_ line: String) -> String {
        String(line.trimmingSpaces().drop(while: { $0 == "#" }))
    }

    private static func isListItem(_ line: String) -> Bool {
        if MarkdownText.isBulletItem(line) { return true }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 3 else { return false }
        let rest = line.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix("、") || rest.hasPrefix(") ")
    }

    /// The label a line opens with (`问题原因：…`, `**Cause:**`), lowercased; nil when it opens
    /// with text. A label is a few words before a colon, without sentence punctuation.
    private static func label(of line: String) -> String? {
        var text = Substring(line)
        if text.hasPrefix("**") { text = text.dropFirst(2) }
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        var name = text[..<colon]
        if name.hasSuffix("**") { name = name.dropLast(2) }
        guard !name.isEmpty, name.count <= 20, !name.contains(where: { "，。,.;；！？!?()（）`[]".contains($0) }) else { return nil }
        return name.trimmingSpaces().lowercased()
    }

    private static func isTableSeparator(_ line: String) -> Bool {
        line.allSatisfy { "|-: ".contains($0) }
    }
}
