import Foundation

extension RawPage {
    /// Boundary nudges for the alignment, in units of title similarity (which lies in [0, 1]).
    enum Nudge {
        /// A numbered list restarting at 1 usually starts a new answer.
        static let listRestart = 0.3
        /// Never split a colon-ended lead-in from what it introduces, nor a list from its continuation.
        static let continuation = -1.0
        /// An item left without text; only when there are fewer blocks than items.
        static let emptyItem = -2.0
    }

    /// The page's questions with their answer blocks, in document order.
    func questions(similarity: Similarity, warnings: inout [CorpusWarning]) -> [Question] {
        let leaves = contents.enumerated().filter { !$0.element.isGroup }.map(\.offset)
        if leaves.isEmpty { return questionsWithoutContents() }

        // Match headings to Contents items in order: by number, else by title.
        var headedLeaf: [Int: Int] = [:]  // section index -> position in `leaves`
        var cursor = 0
        for (s, section) in sections.enumerated() {
            guard let heading = section.heading else { continue }
            if let position = matchHeading(heading, leaves: leaves, from: cursor, similarity: similarity) {
                headedLeaf[s] = position
                cursor = position + 1
            }
        }
        let headedPositions = Set(headedLeaf.values)

        var questions: [Question] = []
        // The heading level of each question that has its own heading, by index in `questions`.
        var questionLevels: [Int: Int] = [:]
        for (s, section) in sections.enumerated() {
            let candidates: [Int]
            if let position = headedLeaf[s] {
                var end = position + 1
                while end < leaves.count && !headedPositions.contains(end) { end += 1 }
                candidates = Array(position..<end)
            } else if section.heading == nil {
                var end = 0
                while end < leaves.count && !headedPositions.contains(end) { end += 1 }
                candidates = Array(0..<end)
                if candidates.isEmpty {
                    // Text before the first heading when every question is headed: an introduction.
                    if !section.blocks.isEmpty {
                        questions.append(Question(number: "0", title: title, group: nil, blocks: section.blocks, line: section.blocks[0].line))
                    }
                    continue
                }
            } else {
                let heading = section.heading!
                // A heading the Contents list does not name, deeper than the question heading
                // before it (`### 营业时间` under `## 1. 到店须知`), is a section of that answer.
                if let last = questions.indices.last, let parent = questionLevels[last], parent > 0, heading.level > parent,
                    heading.number == nil
                {
                    questions[last].blocks.append(MarkdownBlock(lines: [heading.markdown], line: heading.line))
                    questions[last].blocks += section.blocks
                    continue
                }
                // Any other heading the Contents list does not name: a question of its own.
                questions.append(
                    Question(number: heading.number ?? "h\(s)", title: heading.title, group: nil, blocks: section.blocks, line: heading.line))
                continue
            }

            let items = candidates.map { contents[leaves[$0]] }
            let groups = align(section.blocks, to: items.map(\.title), similarity: similarity)
            for (k, item) in items.enumerated() {
                let isHeaded = k == 0 && section.heading != nil
                let blocks = groups[k]
                if blocks.isEmpty && !isHeaded {
                    warnings.append(CorpusWarning(line: item.line, message: "Contents item \(item.number) \(item.title) has no answer text; skipped"))
                    continue
                }
                let title = isHeaded ? section.heading!.title : item.title
                let line = isHeaded ? section.heading!.line : (blocks.first?.line ?? item.line)
                if isHeaded { questionLevels[questions.count] = section.heading!.level }
                questions.append(Question(number: item.number, title: title, group: item.parent, blocks: blocks, line: line))
            }
        }
        return questions
    }

    /// A page without a Contents list: each heading is a question; text before the first heading
    /// is an introduction titled by the page, or the page's only answer when nothing is headed.
    private func questionsWithoutContents() -> [Question] {
        var questions: [Question] = []
        let headed = sections.contains { $0.heading != nil }
        for (s, section) in sections.enumerated() {
            if let heading = section.heading {
                questions.append(
                    Question(number: heading.number ?? String(s), title: heading.title, group: nil, blocks: section.blocks, line: heading.line))
            } else if !section.blocks.isEmpty {
                questions.append(Question(number: headed ? "0" : "1", title: title, group: nil, blocks: section.blocks, line: section.blocks[0].line))
            }
        }
        return questions
    }

    private func matchHeading(_ heading: Heading, leaves: [Int], from cursor: Int, similarity: Similarity) -> Int? {
        guard cursor < leaves.count else { return nil }
        if let number = heading.number {
            for position in cursor..<leaves.count where contents[leaves[position]].number == number {
                return position
            }
            // A heading for a group item answers its first sub-item.
            if let group = contents.firstIndex(where: { $0.isGroup && $0.number == number }),
                let position = leaves.firstIndex(where: { $0 > group }), position >= cursor
            {
                return position
            }
        }
        let headingTerms = termSet(heading.title, similarity)
        var best: (position: Int, score: Double)? = nil
        for position in cursor..<leaves.count {
            let score = similarity.score(title: termSet(contents[leaves[position]].title, similarity), text: headingTerms)
            if score >= 0.6 && score > (best?.score ?? 0) { best = (position, score) }
        }
        return best?.position
    }

    private func termSet(_ text: String, _ similarity: Similarity) -> Set<String> {
        Set(similarity.analyzer.tokens(text).lazy.filter { $0.kind != .wordPart }.map(\.text))
    }

    /// Splits `blocks` into `titles.count` ordered groups, maximizing the summed similarity of each
    /// block to its group's title plus the structural nudges at group boundaries. Ties go to the earliest
    /// boundary, so a block that matches neither neighbour joins the later question.
    func align(_ blocks: [MarkdownBlock], to titles: [String], similarity: Similarity) -> [[MarkdownBlock]] {
        let k = titles.count
        let m = blocks.count
        guard k > 1 else { return [blocks] }
        let titleTerms = titles.map { termSet($0, similarity) }
        let blockTerms = blocks.map { termSet($0.text, similarity) }

        // Nudge for a boundary placed before block i.
        func nudge(_ i: Int) -> Double {
            guard i > 0 && i < m else { return 0 }
            if blocks[i - 1].endsWithColon { return Nudge.continuation }
            if let first = blocks[i].firstListNumber {
                if first == 1 { return Nudge.listRestart }
                if let previous = blocks[i - 1].lastListNumber, previous == first - 1 { return Nudge.continuation }
            }
            return 0
        }
        // Each block votes for its own title: the sum of the blocks' similarities to title j.
        // Kept as prefix sums (`prefix[j][i]` = blocks 0..<i), so a group's score costs O(1) and
        // the alignment O(titles × blocks²): re-summing each group made it O(titles × blocks³),
        // four minutes for a 40 KB page of 400 unheaded questions.
        var prefix = [[Double]](repeating: [], count: k)
        for j in 0..<k {
            var sums = [Double](repeating: 0, count: m + 1)
            for (i, terms) in blockTerms.enumerated() { sums[i + 1] = sums[i] + similarity.score(title: titleTerms[j], text: terms) }
            prefix[j] = sums
        }
        func score(_ j: Int, _ from: Int, _ to: Int) -> Double {
            guard from < to else { return Nudge.emptyItem }
            return prefix[j][to] - prefix[j][from]
        }

        // Nudges computed once per boundary, not once per (title, end, split) triple: they read
        // the blocks' lines.
        let nudges = (0...m).map(nudge)

        // best[j][i]: best score for the first j titles over the first i blocks.
        let minus = -Double.infinity
        var best = [[Double]](repeating: [Double](repeating: minus, count: m + 1), count: k + 1)
        var split = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: k + 1)
        best[0][0] = 0
        for j in 1...k {
            let previous = best[j - 1]
            var row = best[j]
            var rowSplit = split[j]
            for i in 0...m {
                // The first group always starts at block 0.
                for s in (j == 1 ? 0...0 : 0...i) where previous[s] > minus {
                    let value = previous[s] + score(j - 1, s, i) + (j > 1 && s < i ? nudges[s] : 0)
                    if value > row[i] + 1e-9 {
                        row[i] = value
                        rowSplit[i] = s
                    }
                }
            }
            best[j] = row
            split[j] = rowSplit
        }
        var groups = [[MarkdownBlock]](repeating: [], count: k)
        var end = m
        for j in stride(from: k, to: 0, by: -1) {
            let start = split[j][end]
            groups[j - 1] = Array(blocks[start..<end])
            end = start
        }
        return groups
    }
}
