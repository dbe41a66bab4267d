import ArgumentParser
import FAQKit
import Foundation

/// `faq stats`: what the index holds and where it came from.
struct Stats: AsyncParsableCommand {
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

    func run() async throws {
        try await reportingErrors {
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
            if let problem = info.errorRulesProblem { print("error rules: unusable, \(problem)") }
            print(
                "tokenizer: \(info.fingerprint.tokenizerVersion), schema \(info.fingerprint.schemaVersion), corpus hash \(info.fingerprint.corpusHash)"
            )
            let c = info.calibration
            print("calibration (from the corpus at build time; see docs/QUALITY.md):")
            print(
                String(
                    format: "  answer at raw score %.3f (confidence 0.5), suggest at %.3f (0.3), clear of every out-of-scope question at %.3f (0.9)",
                    c.answerScore, c.suggestScore, c.clearScore))
            if c.ambiguityMargin > 0 {
                print(
                    String(
                        format: "  near ties: when the best two are both at answer level and within %.3f in raw and ranking score, suggest instead",
                        c.ambiguityMargin))
            }
            if c.pseudoQueries > 0 {
                print(
                    String(
                        format: "  %d pseudo-queries from the corpus: %.0f%% found their entry first; %.0f%% answered, %.0f%% of those right",
                        c.pseudoQueries, c.pseudoTop1 * 100, c.pseudoAnswered * 100, c.pseudoPrecision * 100))
                print(
                    String(
                        format: "  %d out-of-scope questions: %.0f%% would be answered, %.0f%% get suggestions", c.outOfScopeQueries,
                        c.outOfScopeAnswered * 100, c.outOfScopeSuggested * 100))
            } else {
                print("  none stored: the fixed thresholds (rebuild the index with `faq index` to calibrate)")
            }
            print("categories:")
            let column = Terminal.columnWidth(categories.map(\.slug))
            for c in categories { print("  \(Terminal.padded(c.slug, to: column)) \(c.name) (\(c.entries))") }
        }
    }
}
