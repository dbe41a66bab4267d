import ArgumentParser
import FAQKit
import Foundation

/// `faq stats`: what the index holds and where it came from.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show index statistics and categories.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    struct Output: Encodable {
        var index: KnowledgeBase.IndexInfo
        var categories: [Category]
        struct Category: Encodable {
            var slug: String
            var name: String
            var entries: Int
        }
    }

    func run() throws {
        try reportingErrors {
            let kb = try options.open()
            let categories = try kb.categories().map { Output.Category(slug: $0.category.slug, name: $0.category.name, entries: $0.count) }
            if json {
                try Terminal.printJSON(Output(index: kb.info, categories: categories))
                return
            }
            let info = kb.info
            print("corpus:    \(info.corpusPath)")
            print("index:     \(info.path)")
            print("built:     \(info.builtAt)")
            print("entries:   \(info.entryCount) in \(info.pageCount) pages")
            print("tokenizer: \(info.fingerprint.tokenizerVersion), schema \(info.fingerprint.schemaVersion), corpus hash \(info.fingerprint.corpusHash)")
            print("categories:")
            for c in categories { print("  \(c.slug.padding(toLength: 14, withPad: " ", startingAt: 0)) \(c.name) (\(c.entries))") }
        }
    }
}
