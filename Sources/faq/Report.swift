import ArgumentParser
import FAQServer
import Foundation

/// `faq report`: what support staff should look at in the feedback database.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Most frequent unanswered queries and helpful/unhelpful votes per entry, from the feedback database.")

    @Option(
        name: .customLong("feedback-db"),
        help: ArgumentHelp("Feedback database (default: FAQ_FEEDBACK_DB, else ~/.local/share/faqkit/feedback.sqlite).", valueName: "path"))
    var feedbackPath: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Most rows in each list.")
    var limit = 20

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        // SQLite reads a negative LIMIT as none at all.
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let url = feedbackPath.map { URL(fileURLWithPath: $0) } ?? FeedbackStore.defaultURL()
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError("no feedback database at \(url.path); `faq serve` creates it")
            }
            let report: FeedbackReport
            do {
                report = try FeedbackStore(url: url).report(limit: limit)
            } catch let error as FeedbackStore.OpenError {
                throw CLIError(error.description)
            } catch {
                throw CLIError("cannot read feedback database \(url.path): \(error)")
            }
            if json {
                try Terminal.printJSON(report)
                return
            }
            print(Terminal.bold("Unanswered queries") + Terminal.dim(" (\(report.totalAbstentions) abstentions in all)"))
            if report.unanswered.isEmpty { print("  none") }
            for item in report.unanswered { print("  \(Terminal.padded(String(item.count), to: 5)) \(item.query)") }
            print()
            print(Terminal.bold("Votes per entry") + Terminal.dim(" (helpful / unhelpful, ratio)"))
            if report.entries.isEmpty { print("  none") }
            let column = Terminal.columnWidth(report.entries.map(\.entryID))
            for entry in report.entries {
                print(
                    "  \(Terminal.padded(entry.entryID, to: column)) \(entry.helpful) / \(entry.unhelpful)  \(String(format: "%.0f%%", entry.helpfulRatio * 100))"
                )
            }
        }
    }
}
