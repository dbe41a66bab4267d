import ArgumentParser
import FAQKit
import Foundation

/// `faq explain`: paste an API failure, get the diagnosis and the FAQ answers that fix it.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a pasted API error (status code, curl -i output, SDK exception, log line, JSON body).",
        discussion: "With no TEXT, reads the whole paste from stdin.")

    @OptionGroup var options: KnowledgeBaseOptions

    /// Pasted errors often start with `-` (JSON-RPC's `-32602 Invalid params`), so words that look
    /// like options this command does not have are part of the text, not a usage error.
    @Argument(parsing: .allUnrecognized, help: "The error text; read from stdin when omitted.")
    var text: [String] = []

    @Flag(name: .long, help: "Print the diagnosis as JSON.")
    var json = false

    /// Most bytes read from stdin; a paste longer than this is cut, not a hang.
    static let maxInputBytes = 1 << 20

    func run() async throws {
        try await reportingErrors {
            var input = text.joined(separator: " ")
            if text.isEmpty {
                let data = FileHandle.standardInput.readData(ofLength: Self.maxInputBytes)
                input = String(decoding: data, as: UTF8.self)
            }
            guard !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CLIError("give the error text as an argument or on stdin", code: .validationFailure)
            }
            let kb = try options.open()
            let diagnosis = try kb.explain(input)
            if json {
                try Terminal.printJSON(diagnosis)
                return
            }
            if !diagnosis.found {
                print(Terminal.yellow(diagnosis.diagnosis))
                print(diagnosis.nextStep)
                return
            }
            var facts: [String] = []
            if let status = diagnosis.status { facts.append("HTTP \(status)") }
            if let code = diagnosis.code { facts.append("code \(code)") }
            if let limit = diagnosis.limit { facts.append("limit \(limit)") }
            if !facts.isEmpty { print(Terminal.bold(facts.joined(separator: " · "))) }
            if let message = diagnosis.message { print(Terminal.dim(message)) }
            print()
            print(diagnosis.diagnosis)
            print(Terminal.bold("Next step: ") + diagnosis.nextStep)
            for (i, entry) in diagnosis.entries.enumerated() {
                print()
                print(Terminal.bold("\(i + 1). \(entry.title)") + "  " + Terminal.dim("[\(entry.id)]"))
                print(entry.answer.isEmpty ? entry.title : entry.answer)
                print(Terminal.cyan(entry.url))
            }
        }
    }
}
