import FAQKit
import Foundation

/// Renders tool results as short markdown, the text an assistant reads (and may show as it is).
/// Built from the same records as `structuredContent`, so the two views never disagree.
enum MarkdownRenderer {
    static func entry(_ entry: EntryRecord) -> String {
        var lines = ["## \(entry.title)", "", "`\(entry.id)` · \(entry.categoryName) · \(entry.pageTitle)", ""]
        lines.append(entry.answer.isEmpty ? entry.title : entry.answer)
        if !entry.url.isEmpty {
            lines.append("")
            lines.append("Source: \(entry.url)")
        }
        return lines.joined(separator: "\n")
    }

    /// A URL after an entry's name, or nothing for an entry without one (a CSV row, an HTML page
    /// saved without its address): a corpus need not give every entry a link.
    private static func link(_ url: String) -> String {
        url.isEmpty ? "" : " \(url)"
    }

    static func search(_ record: SearchRecord) -> String {
        guard !record.results.isEmpty else {
            return "No FAQ entry matches \(quoted(record.query)).\n" + fallback(record.fallback)
        }
        var lines = ["\(record.results.count) of \(record.estimatedTotalHits) matching FAQ entries for \(quoted(record.query)), best first:", ""]
        for (i, entry) in record.results.enumerated() {
            lines.append("\(i + 1). **\(entry.title)** (`\(entry.id)`, \(entry.categoryName), confidence \(confidence(entry.confidence)))")
            lines.append(indented(excerpt(entry.answer.isEmpty ? entry.title : entry.answer)))
            if !entry.url.isEmpty { lines.append("   Source: \(entry.url)") }
        }
        if !record.answered {
            lines.append("")
            lines.append("None of these is a confident answer. " + fallback(record.fallback))
        }
        return lines.joined(separator: "\n")
    }

    static func ask(_ record: AskRecord) -> String {
        var lines: [String] = []
        switch record.outcome {
        case .answer:
            if let answer = record.answer {
                lines.append("**\(answer.title)** (`\(answer.id)`, \(answer.categoryName), confidence \(confidence(answer.confidence)))")
                lines.append("")
                lines.append(answer.answer.isEmpty ? answer.title : answer.answer)
                var notes: [String] = []
                if answer.partial == true {
                    let section = answer.section.map { " (section \(quoted($0)))" } ?? ""
                    notes.append("This is the part of a longer answer\(section) that answers the question; get_entry `\(answer.id)` gives all of it.")
                }
                if !answer.url.isEmpty { notes.append("Source: \(answer.url)") }
                if !notes.isEmpty { lines += [""] + notes }
            }
            if !record.related.isEmpty {
                lines.append("")
                lines.append("Related:")
                for entry in record.related { lines.append("- \(entry.title) (`\(entry.id)`)" + link(entry.url)) }
            }
        case .suggest:
            lines.append("No single confident answer for \(quoted(record.query)). Did you mean:")
            for entry in record.suggestions {
                lines.append("- **\(entry.title)** (`\(entry.id)`, confidence \(confidence(entry.confidence)))" + link(entry.url))
            }
            lines.append("")
            lines.append("Ask the user which one they mean, or call get_entry with its id. " + fallback(record.fallback))
        case .handoff:
            lines.append("The FAQ has no confident answer for \(quoted(record.query)); do not guess one.")
            lines.append(fallback(record.fallback))
        }
        if let reason = record.explanation?.decision?.reason {
            lines.append("")
            lines.append("Why: \(reason).")
        }
        return lines.joined(separator: "\n")
    }

    static func explain(_ record: ExplainRecord) -> String {
        var lines: [String] = []
        if record.found {
            var facts: [String] = []
            if let status = record.status { facts.append("HTTP \(status)") }
            if let code = record.code { facts.append("code \(code)") }
            if let limit = record.limit { facts.append("limit \(limit)") }
            if !facts.isEmpty { lines.append("**" + facts.joined(separator: " · ") + "**") }
            if let message = record.message { lines.append("Message: \(message)") }
            if !lines.isEmpty { lines.append("") }
        }
        lines.append(record.diagnosis)
        lines.append("")
        lines.append("Next step: \(record.nextStep)")
        if !record.entries.isEmpty {
            lines.append("")
            lines.append("FAQ answers:")
            for (i, entry) in record.entries.enumerated() {
                lines.append("\(i + 1). **\(entry.title)** (`\(entry.id)`)" + link(entry.url))
                lines.append(indented(excerpt(entry.answer.isEmpty ? entry.title : entry.answer)))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func categories(_ record: CategoriesRecord) -> String {
        var lines = ["| slug | name | entries |", "| --- | --- | --- |"]
        for category in record.categories { lines.append("| `\(category.slug)` | \(category.name) | \(category.count) |") }
        return lines.joined(separator: "\n")
    }

    /// The contact line of an unanswered query.
    static func fallback(_ fallback: Fallback?) -> String {
        guard let fallback else { return "" }
        return [fallback.message, fallback.url].compactMap { $0 }.joined(separator: " ")
    }

    /// The first 300 characters of an answer: a search lists several entries, and get_entry
    /// gives any of them whole.
    static func excerpt(_ text: String, limit: Int = 300) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }

    private static func indented(_ text: String) -> String { "   " + text }

    private static func confidence(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.2f", value)
    }

    private static func quoted(_ text: String) -> String { "“\(text)”" }
}
