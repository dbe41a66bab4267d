import ArgumentParser
import FAQKit
import Foundation

/// `faq show`: one entry by id.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one entry by its id (e.g. invoices/2).")

    @OptionGroup var options: KnowledgeBaseOptions

    @Argument(help: "The entry id.")
    var id: String

    @Flag(name: .long, help: "Print the entry as JSON.")
    var json = false

    func validate() throws {
        if id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("give an entry id, such as invoices/2 (`faq entries` lists them)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            // Pasted ids often bring a space or a line break with them.
            let id = id.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let entry = try kb.entry(id: id) else {
                throw CLIError("no entry with id \(id.debugDescription); `faq entries` lists them")
            }
            if json {
                try Terminal.printJSON(entry)
            } else {
                print(Terminal.bold(entry.title) + "  " + Terminal.dim("[\(entry.id)] \(entry.pageTitle)"))
                print()
                print(entry.answer.isEmpty ? entry.title : entry.answer)
                if !entry.url.isEmpty {
                    print()
                    print("Source: " + Terminal.cyan(entry.url))
                }
            }
        }
    }
}
