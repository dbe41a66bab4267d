import ArgumentParser
import FAQKit
import Foundation

/// `faq ask`: the one best answer; "did you mean…" with two or three candidate questions when
/// unsure; or an honest "no confident answer" with the contact link.
struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer a question from the knowledge base.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Argument(help: "The question.")
    var question: [String] = []

    @Flag(name: .long, help: "Print the answer as JSON.")
    var json = false

    @Flag(
        name: .long,
        help: "Show the query's units, terms and expansions and the score parts of the top candidates (with --json, as an \"explanation\" object).")
    var explain = false

    func validate() throws {
        if question.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give a question (one that starts with `-` is read as an option: put `--` before it, as in faq ask -- \"-1 是什么\")")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            let answer = try kb.ask(question.joined(separator: " "))
            if json {
                var record = AnswerRecord(answer, categoryName: kb.categoryName(for:))
                if explain { record.explanation = ExplanationRecord(answer, calibration: kb.info.calibration) }
                try Terminal.printJSON(record)
                return
            }
            if let hit = answer.hit {
                print(Terminal.bold(Terminal.render(hit.highlightedTitle)) + "  " + Terminal.dim("[\(hit.entry.id)] \(hit.entry.pageTitle)"))
                print()
                if let passage = hit.passage {
                    print(Terminal.render(passage.highlighted))
                    print()
                    let section = passage.heading.map { "the section \u{201C}\($0)\u{201D} of " } ?? "part of "
                    print(Terminal.dim("(\(section)a longer answer; all of it: faq show \(hit.entry.id))"))
                } else {
                    print(hit.entry.answer.isEmpty ? hit.entry.title : Terminal.render(hit.highlightedAnswer))
                }
                if !hit.entry.url.isEmpty {
                    print()
                    print("Source: " + Terminal.cyan(hit.entry.url))
                }
                if !answer.related.isEmpty {
                    print()
                    print(Terminal.dim("Related:"))
                    for entry in answer.related { print(Terminal.dim("  • \(entry.title)  [\(entry.id)]")) }
                }
            } else if answer.outcome == .suggest, !answer.suggestions.isEmpty {
                print(Terminal.yellow("No confident answer for \(answer.query). Did you mean:"))
                for (i, hit) in answer.suggestions.enumerated() {
                    print(
                        "  \(i + 1). \(Terminal.bold(hit.entry.title))  "
                            + Terminal.dim("[\(hit.entry.id)] confidence \(String(format: "%.2f", hit.confidence))"))
                }
                if let fallback = answer.fallback, let url = fallback.url {
                    print(Terminal.dim("None of these? ") + Terminal.cyan(url))
                }
            } else {
                print(Terminal.yellow("No confident answer for \(answer.query)."))
                if let fallback = answer.fallback {
                    print(fallback.message + (fallback.url.map { " " + Terminal.cyan($0) } ?? ""))
                }
            }
            if explain { printExplanation(answer, calibration: kb.info.calibration) }
        }
    }

    func printExplanation(_ answer: Answer, calibration: Calibration) {
        let analysis = answer.analysis
        print()
        print(Terminal.bold("Explain"))
        print("units: " + analysis.units.map { $0.isFiller ? Terminal.dim($0.text) : $0.text }.joined(separator: " "))
        let own = analysis.terms.filter { !$0.isExpansion }.map { $0.isFiller ? Terminal.dim($0.text) : $0.text }
        print("terms: " + own.joined(separator: " "))
        let expansions = analysis.terms.filter(\.isExpansion).map(\.text)
        if !expansions.isEmpty { print("expansions: " + expansions.joined(separator: ", ")) }
        print(
            String(
                format: "thresholds (this index's calibration): answer at raw %.3f (confidence %.1f), suggest at raw %.3f (confidence %.1f)",
                calibration.answerScore, Calibration.answerConfidence, calibration.suggestScore, Calibration.suggestConfidence))
        if let decision = answer.decision {
            print("outcome: \(Terminal.bold(decision.outcome.rawValue)): \(decision.reason)")
        }
        for (i, hit) in answer.candidates.enumerated() {
            let p = hit.parts
            print(
                String(
                    format: "%d. %@ [%@] score %.3f: coverage %.3f, title %.3f, question %.3f, bm25 %.3f; raw %.3f, confidence %.3f", i + 1,
                    hit.entry.title, hit.entry.id, hit.score, p.coverage, p.titleCoverage, p.questionMatch, p.bm25, p.rawConfidence, hit.confidence))
            print("   matched: " + p.matchedTerms.joined(separator: " "))
        }
    }
}
