import ArgumentParser
import FAQKit
import Foundation

/// `faq index`: (re)build the index now and report what went in.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build the index from the corpus.",
        discussion: """
            FAQKit reads \(CorpusSource.shapesHelp).

            Beside the corpus (or in its folder), categories.tsv, synonyms.txt, stopwords.txt and \
            error-rules.json are used for that corpus only.
            """)

    @OptionGroup var options: KnowledgeBaseOptions

    func run() throws {
        try reportingErrors {
            let started = Date()
            let kb = try options.open(rebuild: .always)
            let seconds = Date().timeIntervalSince(started)
            for warning in kb.info.warnings {
                let place = warning.file.map { (kb.info.corpusPath as NSString).appendingPathComponent($0) } ?? kb.info.corpusPath
                Terminal.printError("warning: \(place):\(warning.line): \(warning.message)")
            }
            print("indexed \(kb.info.pageCount) pages, \(kb.info.entryCount) entries, \(kb.info.warnings.count) warnings in \(String(format: "%.2f", seconds)) s")
            print("index: \(kb.info.path)")
        }
    }
}
