import ArgumentParser
import FAQKit
import Foundation

/// `faq index`: (re)build the index now and report what went in.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build the index from the corpus.",
        discussion: """
            FAQKit reads \(CorpusSource.shapesHelp).

            Beside the corpus (or in its folder), categories.tsv, synonyms.txt, stopwords.txt and \
            error-rules.json are used for that corpus only.
            """)

    @OptionGroup var options: KnowledgeBaseOptions

    @Flag(name: .long, help: "Print every corpus warning (by default the first 20, then a count).")
    var allWarnings = false

    /// Warnings printed before the rest are summarized: a damaged 200 MB corpus gave 213,919.
    static let shownWarnings = 20

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let kb = try options.open(rebuild: .always)
            let seconds = Date().timeIntervalSince(started)
            let warnings = kb.info.warnings
            for warning in allWarnings ? warnings[...] : warnings.prefix(Self.shownWarnings) {
                let place = warning.file.map { (kb.info.corpusPath as NSString).appendingPathComponent($0) } ?? kb.info.corpusPath
                Terminal.printWarning("\(place):\(warning.line): \(warning.message)")
            }
            if !allWarnings, warnings.count > Self.shownWarnings {
                Terminal.printWarning(
                    "\(warnings.count - Self.shownWarnings) more warnings not shown (\(warnings.count) in all; --all-warnings lists them)")
            }
            if let problem = kb.info.errorRulesProblem {
                Terminal.printWarning("\(problem) (faq explain fails until this is fixed; search and ask are unaffected)")
            }
            let counted = warnings.count == 1 ? "1 warning" : "\(warnings.count) warnings"
            print("indexed \(kb.info.pageCount) pages, \(kb.info.entryCount) entries, \(counted) in \(String(format: "%.2f", seconds)) s")
            print("index: \(kb.info.path)")
        }
    }
}
