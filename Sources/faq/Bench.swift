import ArgumentParser
import FAQKit
import Foundation

/// `faq bench`: in-process latency of `search` and `ask` over a question file, after warm-up.
/// Used by `tools/bench.sh`; a benchmark prints figures, it asserts nothing.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure in-process search and ask latency (median, p99) over a questions file.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Option(name: .long, help: "A JSONL file with a \"q\" field per line, or plain text with one query per line.")
    var questions: String

    @Option(name: .long, help: "Passes over the questions after one warm-up pass.")
    var rounds = 20

    func run() throws {
        try reportingErrors {
            let kb = try options.open()
            let queries = try loadQueries()
            guard !queries.isEmpty else { throw CLIError("no queries in \(questions)") }
            for (name, body) in [("search", { (q: String) in _ = try kb.search(q, limit: 10) }), ("ask", { (q: String) in _ = try kb.ask(q) })] {
                for q in queries { try body(q) }  // warm-up: page cache, statement cache
                var samples: [Double] = []
                samples.reserveCapacity(queries.count * rounds)
                for _ in 0..<rounds {
                    for q in queries {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try body(q)
                        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
                    }
                }
                samples.sort()
                let median = samples[samples.count / 2]
                let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
                print(String(format: "%-6@ %d queries × %d rounds: median %.1f µs, p99 %.1f µs, mean %.1f µs", name, queries.count, rounds, median, p99, samples.reduce(0, +) / Double(samples.count)))
            }
            print("entries: \(kb.info.entryCount)")
        }
    }

    func loadQueries() throws -> [String] {
        guard let data = FileManager.default.contents(atPath: questions) else { throw CLIError("cannot read \(questions)") }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            if line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                return object["q"] as? String
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
    }
}
