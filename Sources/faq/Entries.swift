import ArgumentParser
import FAQKit
import Foundation

/// `faq entries`: every entry, for browsing or export.
struct Entries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every entry.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Flag(name: .long, help: "Print the entries as a JSON array.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            let entries = try kb.entries()
            if json {
                try Terminal.printJSON(entries)
            } else {
                // Ids in full (they are what `faq show` takes), in a column as wide as the longest
                // up to 40 columns; a longer one pushes its title right.
                let column = min(40, entries.map { Terminal.displayWidth($0.id) }.max() ?? 0)
                for entry in entries {
                    let pad = String(repeating: " ", count: max(0, column - Terminal.displayWidth(entry.id)))
                    print("\(entry.id)\(pad) \(entry.title)")
                }
            }
        }
    }
}
