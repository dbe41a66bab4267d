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
                for entry in entries { print("\(entry.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entry.title)") }
            }
        }
    }
}
