import Foundation

/// A code fence its file never closes, closed where the document's outline resumes.
///
/// CommonMark runs such a fence to the end of the document. In an FAQ that means every later
/// question, on every later page, becomes code in one answer, and that entry then answers
/// everything. Files reach that state when a crawler runs the closing fence into a line of text
/// (```` …' ``` ## 7. 下一个问题 … ```` on one line). So the fence is closed instead before the
/// first heading after it that starts a line after a blank one and is no deeper than the heading
/// the fence sits under, with the blank lines and the thematic break (`---`) before that heading
/// left outside it. Code rarely holds such a line (a shell comment is `# x` but sits under no
/// blank line as often as under one), and a file whose fences all close is never touched.
struct UnclosedFence: Sendable, Hashable {
    /// Line numbers of the unclosed fence and of the heading it is now closed before.
    var opened: Int
    var closedBefore: Int

    var warning: String {
        "code fence is never closed; closed before the heading at line \(closedBefore), where the questions go on"
    }

    /// `lines` with a closing fence added before the heading that ends each unclosed fence, and
    /// the fences so closed. Fences that cannot be closed that way run to the end, as before.
    static func repairing(_ lines: [CorpusParser.Line]) -> (lines: [CorpusParser.Line], repaired: [UnclosedFence]) {
        var insertions: [(index: Int, fence: String, repair: UnclosedFence)] = []
        var headingLevel = 6
        var index = 0
        while index < lines.count {
            let text = lines[index].text
            if let (level, _) = OutlineReader.atxHeading(text) {
                headingLevel = level
            }
            guard MarkdownText.isFence(text) else {
                index += 1
                continue
            }
            // The next fence line closes this one, unless it names a language (```bash): a closing
            // fence has no info string, so that line opens the next block, and this one was
            // never closed.
            let opening = index
            let next = lines[(opening + 1)...].firstIndex { MarkdownText.isFence($0.text) }
            if let next, !hasInfoString(lines[next].text) {
                index = next + 1
                continue
            }
            let end = next ?? lines.count
            if let resumes = outlineResumes(lines[..<end], after: opening, atLevel: headingLevel) {
                let marker = String(text.drop(while: { $0 == " " }).prefix(while: { $0 == "`" || $0 == "~" }))
                let repair = UnclosedFence(opened: lines[opening].number, closedBefore: lines[resumes.heading].number)
                insertions.append((resumes.insertion, marker, repair))
                index = resumes.heading
            } else {
                // Read as before: up to the next fence line, or to the end.
                index = next.map { $0 + 1 } ?? lines.count
            }
        }
        guard !insertions.isEmpty else { return (lines, []) }
        var out = lines
        for insertion in insertions.reversed() {
            let number = out[insertion.index - 1].number
            out.insert(CorpusParser.Line(text: insertion.fence, number: number), at: insertion.index)
        }
        return (out, insertions.map(\.repair))
    }

    /// ```` ```bash ````: a fence line with text after its marker.
    private static func hasInfoString(_ line: String) -> Bool {
        !line.drop(while: { $0 == " " }).drop(while: { $0 == "`" || $0 == "~" }).trimmingWhitespace().isEmpty
    }

    /// The first heading after `opening` at `level` or higher that follows a blank line, and
    /// where the closing fence goes: before the blank lines and thematic break above it.
    private static func outlineResumes(
        _ lines: ArraySlice<CorpusParser.Line>, after opening: Int, atLevel level: Int
    ) -> (heading: Int, insertion: Int)? {
        var k = opening + 2
        while k < lines.endIndex {
            defer { k += 1 }
            guard let (headingLevel, title) = OutlineReader.atxHeading(lines[k].text), headingLevel <= level, !title.isEmpty,
                lines[k - 1].text.trimmingWhitespace().isEmpty
            else { continue }
            var insertion = k
            while insertion - 1 > opening {
                let above = lines[insertion - 1].text.trimmingWhitespace()
                guard above.isEmpty || OutlineReader.isThematicBreak(above) else { break }
                insertion -= 1
            }
            return (k, insertion)
        }
        return nil
    }
}
