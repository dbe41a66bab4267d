import ArgumentParser
import FAQKit
import Foundation
import Logging

/// Options every subcommand that reads the knowledge base shares.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The FAQ: a markdown file or HTML page, a folder of them, or a CSV/TSV/JSON/YAML list of Q&A pairs (default: FAQ_CORPUS, else the bundled corpus).",
            valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The index file (default: FAQ_DB, else a per-corpus file under ~/.cache/faqkit).", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The contact link shown when no answer is confident (default: FAQ_CONTACT_URL, else the corpus's own).", valueName: "url"))
    var contactURL: String?

    @Flag(name: .long, help: "Use the index file as it is, even if the corpus changed (fails when there is none).")
    var noRebuild = false

    @Flag(name: .long, help: "Log index decisions and progress to stderr.")
    var verbose = false

    /// `--corpus`, else `FAQ_CORPUS`, else the corpus a given index file was built from (so
    /// `faq ask --db my.sqlite` keeps serving the FAQ `faq index --corpus my.md --db my.sqlite`
    /// put there), else the bundled corpus.
    var corpusURL: URL {
        if let corpus { return URL(fileURLWithPath: corpus) }
        if let env = ProcessInfo.processInfo.environment["FAQ_CORPUS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        if let indexURL, let recorded = KnowledgeBase.recordedCorpusURL(ofIndexAt: indexURL) { return recorded }
        return BundledData.corpusURL
    }

    var indexURL: URL? {
        if let db { return URL(fileURLWithPath: db) }
        if let env = ProcessInfo.processInfo.environment["FAQ_DB"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return nil
    }

    func configuration(rebuild: KnowledgeBase.Configuration.RebuildPolicy = .ifNeeded) -> KnowledgeBase.Configuration {
        KnowledgeBase.Configuration(
            corpusURL: corpusURL, indexURL: indexURL, rebuild: noRebuild && rebuild == .ifNeeded ? .never : rebuild,
            contactURL: contactURL ?? ProcessInfo.processInfo.environment["FAQ_CONTACT_URL"].flatMap { $0.isEmpty ? nil : $0 })
    }

    var logger: Logger {
        var logger = Logger(label: "faq")
        logger.logLevel = verbose ? .info : .warning
        return logger
    }

    /// Opens the knowledge base, showing a progress bar on a terminal when it has to be built.
    func open(rebuild: KnowledgeBase.Configuration.RebuildPolicy = .ifNeeded) throws -> KnowledgeBase {
        Terminal.bootstrapLogging()
        let progress = Terminal.buildProgress(label: "indexing")
        defer { progress?.finish() }
        do {
            return try KnowledgeBase.open(configuration(rebuild: rebuild), logger: logger, progress: progress?.update)
        } catch let error as FAQKitError {
            throw CLIError(error.message, code: error.code == .invalidInput ? .validationFailure : .failure)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning library errors into a one-line message and an exit code.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            Terminal.printError(error.message)
            throw error.code
        } catch let error as FAQKitError {
            Terminal.printError(error.message)
            throw error.code == .invalidInput ? ExitCode.validationFailure : ExitCode.failure
        }
    }
}
