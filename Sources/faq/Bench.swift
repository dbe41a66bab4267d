import ArgumentParser
import FAQKit
import Foundation

/// `faq bench`: in-process latency of `search` and `ask` over a question file, after warm-up.
/// Used by `tools/bench.sh`; a benchmark prints figures, it asserts nothing.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure in-process search and ask latency (median, p99) over a questions file.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Option(name: .long, help: "A JSONL file with a \"q\" field per line, or plain text with one query per line.")
    var questions: String

    @Option(name: .long, help: "Passes over the questions after one warm-up pass.")
    var rounds = 20

    @Option(name: .long, help: "Measure only this stage: analyze, search, rank or ask (for profiling one stage).")
    var stage: String?

    @Option(name: .long, help: "Also list the N queries with the highest median latency in each stage.")
    var slowest = 0

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            let queries = try loadQueries()
            guard !queries.isEmpty else { throw CLIError("no queries in \(questions)") }
            let stages: [(String, (String) throws -> Void)] = [
                ("analyze", { q in _ = kb.analyze(q) }),
                ("search", { q in _ = try kb.search(q, limit: 10) }),
                ("rank", { q in _ = try kb.search(q, limit: 10, highlight: false) }),
                ("ask", { q in _ = try kb.ask(q) }),
            ]
            if let stage, !stages.contains(where: { $0.0 == stage }) {
                throw CLIError("unknown stage \(stage): use " + stages.map(\.0).joined(separator: ", "))
            }
            for (name, body) in stages where stage == nil || stage == name {
                for q in queries { try body(q) }  // warm-up: page cache, statement cache
                let cpuStart = Self.processCPUTime()
                var samples: [Double] = []
                samples.reserveCapacity(queries.count * rounds)
                var perQuery = [[Double]](repeating: [], count: queries.count)
                for _ in 0..<rounds {
                    for (i, q) in queries.enumerated() {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try body(q)
                        let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
                        samples.append(micros)
                        perQuery[i].append(micros)
                    }
                }
                let cpuPerQuery = (Self.processCPUTime() - cpuStart) / Double(samples.count) * 1_000_000
                samples.sort()
                let median = samples[samples.count / 2]
                let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
                print(
                    String(
                        format: "%-8@ %d queries × %d rounds: min %.1f µs, median %.1f µs, p99 %.1f µs, mean %.1f µs, CPU %.1f µs/query", name,
                        queries.count, rounds, samples[0], median, p99, samples.reduce(0, +) / Double(samples.count), cpuPerQuery))
                if slowest > 0 {
                    let medians = perQuery.map { $0.sorted()[$0.count / 2] }
                    for i in medians.indices.sorted(by: { medians[$0] > medians[$1] }).prefix(slowest) {
                        print(String(format: "    %8.1f µs  %@", medians[i], queries[i]))
                    }
                }
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
