import ArgumentParser
import FAQKit
import FAQServer
import Foundation
import Logging

/// `faq serve`: the HTTP API and help widget. Stops gracefully on SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(
        abstract: "Serve the knowledge base over HTTP (JSON API under /v1, the help widget at /widget.js, a demo page at /).")

    @OptionGroup var options: KnowledgeBaseOptions

    @Option(name: .customLong("host"), help: "Address to listen on.")
    var hostname = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("feedback-db"), help: ArgumentHelp("Feedback database (default: FAQ_FEEDBACK_DB, else ~/.local/share/faqkit/feedback.sqlite).", valueName: "path"))
    var feedbackPath: String?

    @Option(name: .customLong("rate-limit"), help: "Sustained requests per minute per client on /v1; 0 turns it off.")
    var rateLimitPerMinute = 600

    @Option(name: .customLong("rate-burst"), help: "Requests a client may make at once before the rate applies.")
    var rateLimitBurst = 60

    @Option(name: .customLong("allow-origin"), help: "A browser origin allowed by CORS (repeatable; none given allows any).")
    var allowedOrigins: [String] = []

    @Option(name: .customLong("cache-mb"), help: "Memory for cached search and ask responses, in MiB; 0 turns the cache off.")
    var responseCacheMegabytes = 32

    @Flag(name: .customLong("trust-forwarded-for"), help: "Rate-limit by X-Forwarded-For (only behind a reverse proxy).")
    var trustForwardedFor = false

    @Option(name: .customLong("max-connections"), help: "Most connections open at once; more wait until one closes (0: no limit).")
    var maxConnections = ServerOptions().maxConnections

    @Option(name: .customLong("idle-timeout"), help: "Seconds a silent connection stays open (0: no limit).")
    var idleTimeout = ServerOptions().idleTimeout

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take to arrive in full (0: no limit).")
    var requestTimeout = ServerOptions().requestTimeout

    var indexPath: String? { options.indexURL?.path }
    var corpusPath: String? { options.corpus }
    var contactURL: String? { options.configuration().contactURL }

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard rateLimitPerMinute >= 0, rateLimitBurst >= 1 else { throw ValidationError("--rate-limit must be ≥ 0 and --rate-burst ≥ 1") }
        guard maxConnections >= 0, idleTimeout >= 0, requestTimeout >= 0 else {
            throw ValidationError("--max-connections, --idle-timeout and --request-timeout must be ≥ 0")
        }
    }

    func run() async throws {
        try await reportingErrorsAsync {
            let kb = try options.open()
            var logger = Logger(label: "faq.server")
            logger.logLevel = options.verbose ? .debug : .info
            do {
                try await runServer(self, knowledgeBase: kb, logger: logger)
            } catch {
                throw CLIError("cannot serve on \(hostname):\(port): \(error)")
            }
        }
    }
}

/// `faq report`: what support staff should look at in the feedback database.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Most frequent unanswered queries and helpful/unhelpful votes per entry, from the feedback database.")

    @Option(name: .customLong("feedback-db"), help: ArgumentHelp("Feedback database (default: FAQ_FEEDBACK_DB, else ~/.local/share/faqkit/feedback.sqlite).", valueName: "path"))
    var feedbackPath: String?

    @Option(name: .shortAndLong, help: "Most rows in each list.")
    var limit = 20

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let url = feedbackPath.map { URL(fileURLWithPath: $0) } ?? FeedbackStore.defaultURL()
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError("no feedback database at \(url.path); `faq serve` creates it")
            }
            let report: FeedbackReport
            do {
                report = try FeedbackStore(url: url).report(limit: limit)
            } catch {
                throw CLIError("cannot read feedback database \(url.path): \(error)")
            }
            if json {
                try Terminal.printJSON(report)
                return
            }
            print(Terminal.bold("Unanswered queries") + Terminal.dim(" (\(report.totalAbstentions) abstentions in all)"))
            if report.unanswered.isEmpty { print("  none") }
            for item in report.unanswered { print("  \(String(item.count).padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.query)") }
            print()
            print(Terminal.bold("Votes per entry") + Terminal.dim(" (helpful / unhelpful, ratio)"))
            if report.entries.isEmpty { print("  none") }
            for entry in report.entries {
                print("  \(entry.entryID.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entry.helpful) / \(entry.unhelpful)  \(String(format: "%.0f%%", entry.helpfulRatio * 100))")
            }
        }
    }
}
