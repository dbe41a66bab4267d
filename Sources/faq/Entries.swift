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
                let column = Terminal.columnWidth(entries.map(\.id))
                for entry in entries { print("\(Terminal.padded(entry.id, to: column)) \(entry.title)") }
            }
        }
    }
}
