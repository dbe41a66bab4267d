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
            let stages: [(String, (String) throws -> Void)] = [
                ("analyze", { q in _ = kb.analyze(q) }),
                ("search", { q in _ = try kb.search(q, limit: 10) }),
                ("rank", { q in _ = try kb.search(q, limit: 10, highlight: false) }),
                ("ask", { q in _ = try kb.ask(q) }),
            ]
            for (name, body) in stages {
                for q in queries { try body(q) }  // warm-up: page cache, statement cache
                let cpuStart = Self.processCPUTime()
                var samples: [Double] = []
                samples.reserveCapacity(queries.count * rounds)
                for _ in 0..<rounds {
                    for q in queries {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try body(q)
                        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
                    }
                }
                let cpuPerQuery = (Self.processCPUTime() - cpuStart) / Double(samples.count) * 1_000_000
                samples.sort()
                let median = samples[samples.count / 2]
                let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
                print(String(format: "%-8@ %d queries × %d rounds: min %.1f µs, median %.1f µs, p99 %.1f µs, mean %.1f µs, CPU %.1f µs/query", name, queries.count, rounds, samples[0], median, p99, samples.reduce(0, +) / Double(samples.count), cpuPerQuery))
            }
            print("entries: \(kb.info.entryCount)")
        }
    }

    /// CPU seconds used by the whole process: steadier than wall time on a busy machine, and it
    /// counts the database threads GRDB runs reads on.
    static func processCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
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
