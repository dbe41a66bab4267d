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

    static func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func cyan(_ text: String) -> String { colour ? "\u{1B}[36m\(text)\u{1B}[0m" : text }
    static func yellow(_ text: String) -> String { colour ? "\u{1B}[33m\(text)\u{1B}[0m" : text }

    /// Highlights as bold yellow on a terminal, `**…**` elsewhere (markdown-readable in a pipe).
    static func render(_ text: HighlightedText) -> String {
        colour ? text.rendered(pre: "\u{1B}[1;33m", post: "\u{1B}[0m") : text.rendered(pre: "**", post: "**")
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
