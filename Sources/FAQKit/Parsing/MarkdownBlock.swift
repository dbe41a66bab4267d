import Foundation

/// A run of non-blank lines in a page body: a paragraph, a list, a fenced code block.
///
/// Blocks are the units the parser moves between questions when a page lost its question
/// headings; they remember what the alignment needs to respect the document's own structure.
struct MarkdownBlock {
    var lines: [String]
    /// 1-based line number of the first line.
    var line: Int
    /// Image URLs of `<Frame>`s that followed the block.
    var attachments: [String] = []

    var text: String { lines.joined(separator: "\n") }

    /// The number of the first line when it is a top-level ordered list item (`1. 登录…`).
    var firstListNumber: Int? {
        lines.first.flatMap(Self.orderedItemNumber)
    }

    /// The number of the last top-level ordered list item in the block.
    var lastListNumber: Int? {
        lines.reversed().lazy.compactMap(Self.orderedItemNumber).first
    }

    /// True when the block ends by announcing what follows (`认证方式有以下两种：`).
    var endsWithColon: Bool {
        guard let last = lines.last?.trimmingSpaces() else { return false }
        return last.hasSuffix("：") || last.hasSuffix(":")
    }

    /// `N. text` at the start of a line without indentation.
    static func orderedItemNumber(_ line: String) -> Int? {
        var digits = 0
        var value = 0
        var index = line.startIndex
        while index < line.endIndex, let d = line[index].wholeNumberValue, line[index].isASCII, digits < 4 {
            value = value * 10 + d
            digits += 1
            index = line.index(after: index)
        }
        guard digits > 0, index < line.endIndex, line[index] == "." else { return nil }
        let next = line.index(after: index)
        guard next < line.endIndex, line[next] == " " else { return nil }
        return value
    }
}
