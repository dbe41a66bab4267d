import ArgumentParser
import FAQKit
import Foundation

/// `faq search`: ranked entries for a query; `--jsonl` answers a stream of queries.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the knowledge base.",
        discussion: "With --jsonl and no query, reads queries from stdin, one per line, and writes one JSON object per line.")

    @OptionGroup var options: KnowledgeBaseOptions

    @Argument(help: "The search query.")
    var query: [String] = []

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Most results to show (1-100).")
    var limit = 5

    @Option(name: .long, help: "Only entries of this category slug (see `faq stats`).")
    var category: String?

    @Flag(name: .long, help: "Print the results as one JSON object.")
    var json = false

    @Flag(name: .long, help: "Read queries from stdin, one per line; write one JSON object per line.")
    var jsonl = false

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be between 1 and 100") }
        if jsonl && !query.isEmpty { throw ValidationError("--jsonl reads queries from stdin; give no query argument") }
        if !jsonl && query.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(
                "give a query, or --jsonl to read queries from stdin (a query that starts with `-` is read as an option: put `--` before it)")
        }
    }

    /// One line of `--json`/`--jsonl` output.
    struct Output: Encodable {
        var query: String
        var answered: Bool
        /// `answer`, `suggest` or `handoff`, as `faq ask` would decide.
        var outcome: AskOutcome?
        /// Candidate questions when the outcome is `suggest` (their ids are among `results`).
        var suggestions: [SuggestionRecord]
        var estimatedTotalHits: Int
        var results: [HitRecord]
        var fallback: Fallback?
        var error: String?
    }

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            if jsonl {
                // Lines are read in bounded pieces: a line past the limit costs no more memory
                // than one at it, and gets its own error object.
                let reader = BoundedLineReader(fileDescriptor: STDIN_FILENO, maxLineBytes: Self.maxLineBytes)
                while let item = try reader.next() {
                    let line: String
                    switch item {
                    case .line(_, let text):
                        line = text
                    case .tooLong(let number, let bytes, let prefix):
                        try Terminal.printJSON(
                            Output(
                                query: Self.echo(prefix, truncated: true), answered: false, outcome: nil, suggestions: [],
                                estimatedTotalHits: 0, results: [],
                                fallback: nil,
                                error: "line \(number) is \(bytes) bytes long, over the \(Self.maxLineBytes)-byte limit for a line; skipped"))
                        continue
                    }
                    let q = line.trimmingCharacters(in: .whitespaces)
                    do {
                        let response = try kb.search(q, limit: limit, category: category)
                        try Terminal.printJSON(output(response, kb))
                    } catch let error as FAQKitError {
                        try Terminal.printJSON(
                            Output(
                                query: Self.echo(q), answered: false, outcome: nil, suggestions: [], estimatedTotalHits: 0, results: [],
                                fallback: nil, error: error.message))
                    }
                }
                return
            }
            let response = try kb.search(query.joined(separator: " "), limit: limit, category: category)
            if json {
                try Terminal.printJSON(output(response, kb))
            } else {
                printReadable(response)
            }
        }
    }

    /// A rejected query as echoed in its output line: whole when it is within the byte limit
    /// (``KnowledgeBase/maxQueryBytes``), else its first 256 Unicode scalars and "…". A rejected 1 MB line must not come back as a
    /// 1 MB line of output.
    static func echo(_ query: String, truncated: Bool = false) -> String {
        guard truncated || query.utf8.count > KnowledgeBase.maxQueryBytes else { return query }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: query.unicodeScalars.prefix(256))
        return String(view) + "…"
    }

    /// The longest input line `--jsonl` reads whole: room for a query at the byte limit
    /// (``KnowledgeBase/maxQueryBytes``) with plenty of surrounding white space.
    static let maxLineBytes = 64 * 1024

    func output(_ response: SearchResponse, _ kb: KnowledgeBase) -> Output {
        Output(
            query: response.query, answered: response.answered, outcome: response.outcome,
            suggestions: response.suggestions.map { SuggestionRecord($0, categoryName: kb.categoryName(for: $0.entry.category)) },
            estimatedTotalHits: response.estimatedTotalHits,
            results: response.hits.map { HitRecord($0, categoryName: kb.categoryName(for: $0.entry.category)) }, fallback: response.fallback,
            error: nil)
    }

    func printReadable(_ response: SearchResponse) {
        if response.hits.isEmpty {
            print("No results for \(response.query).")
        }
        for (i, hit) in response.hits.enumerated() {
            let confidence = String(format: "%.2f", hit.confidence)
            print(
                "\(Terminal.bold("\(i + 1).")) \(Terminal.render(hit.highlightedTitle))  \(Terminal.dim("[\(hit.entry.id)] confidence \(confidence)"))"
            )
            print("   \(Terminal.render(hit.snippet).replacingOccurrences(of: "\n", with: " "))")
            print("   \(Terminal.cyan(hit.entry.url))")
        }
        if response.outcome == .suggest {
            print(Terminal.yellow("\nNot sure: did you mean one of the first \(response.suggestions.count)?"))
        } else if !response.answered, let fallback = response.fallback {
            print(Terminal.yellow("\nNo confident answer. \(fallback.message) \(fallback.url ?? "")"))
        }
    }
}
