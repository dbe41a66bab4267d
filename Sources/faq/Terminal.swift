import FAQKit
import FAQServer
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Terminal output: colour only on a terminal (and never with NO_COLOR), errors on stderr.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) != 0
    static let stderrIsTTY = isatty(STDERR_FILENO) != 0
    static var colour: Bool { stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Columns `text` takes on a terminal: two for East Asian wide characters (CJK ideographs,
    /// kana, Hangul, full-width forms), one for others.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
                0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }

    /// `text` followed by spaces up to `width` columns; never cut (an id must stay whole).
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    /// The width of a column holding `texts`: the widest, at most `limit`.
    static func columnWidth(_ texts: [String], limit: Int = 40) -> Int {
        min(limit, texts.map(displayWidth).max() ?? 0)
    }

    static func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func cyan(_ text: String) -> String { colour ? "\u{1B}[36m\(text)\u{1B}[0m" : text }
    static func yellow(_ text: String) -> String { colour ? "\u{1B}[33m\(text)\u{1B}[0m" : text }

    /// Highlights as bold yellow on a terminal, `**…**` elsewhere (markdown-readable in a pipe),
    /// as paragraphs (``paragraphs(_:)``).
    static func render(_ text: HighlightedText) -> String {
        paragraphs(colour ? text.rendered(pre: "\u{1B}[1;33m", post: "\u{1B}[0m") : text.rendered(pre: "**", post: "**"))
    }

    /// Shown text with one empty line between paragraphs, none at its ends: the text an answer
    /// is shown by keeps a line for each line of its markdown, and a code fence's line or a
    /// picture without alt text leaves it empty, so gaps of two or three lines opened where
    /// there was a code block or a picture.
    static func paragraphs(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank, lines.last?.isEmpty ?? true { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func printError(_ message: String) {
        let prefix = stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? "\u{1B}[31merror:\u{1B}[0m" : "error:"
        FileHandle.standardError.write(Data("\(prefix) \(message)\n".utf8))
    }

    /// A warning on stderr: `warning: …`, yellow on a terminal. Not an error: the command goes on.
    static func printWarning(_ message: String) {
        let prefix = stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? "\u{1B}[33mwarning:\u{1B}[0m" : "warning:"
        FileHandle.standardError.write(Data("\(prefix) \(message)\n".utf8))
    }

    private static let loggingBootstrapped: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()

    /// Sends swift-log output to stderr (once per process).
    static func bootstrapLogging() { _ = loggingBootstrapped }

    /// Progress on stderr when it is a terminal, nil otherwise: see ``BuildProgress``.
    static func buildProgress(label: String) -> BuildProgress? {
        stderrIsTTY ? BuildProgress(label: label) : nil
    }

    /// Stable machine output, one line, encoded as the server encodes (`JSONEncoder.api`).
    static func printJSON(_ value: some Encodable) throws {
        let data = try JSONEncoder.api.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
