import Foundation
import Testing

@testable import FAQKit

extension Reliability {
    /// The properties every parser of outside text must keep, whatever it is fed; shared by the
    /// generated-input tests and the replay of the fuzzers' inputs.
    enum Checks {
        /// The tokenizer on raw bytes (undecoded, so lone surrogates and overlong forms reach the
        /// scanner) and on their lossy decoding: tokens inside the input, tokens that start a
        /// position (not colocated) in document order, tokens non-empty, at most 96 bytes and
        /// valid UTF-8, the same tokens on a second run.
        static func tokenizer(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
            var scanned: [(start: Int, end: Int, bytes: [UInt8], colocated: Bool)] = []
            bytes.withUnsafeBufferPointer { buffer in
                TextAnalyzer.shared.scan(buffer) { token, _, start, end, colocated in
                    scanned.append((start, end, Array(token), colocated))
                    return true
                }
            }
            expectWellFormed(scanned, count: bytes.count, checkOrder: true, context())

            let text = String(decoding: bytes, as: UTF8.self)
            let tokens = TextAnalyzer.shared.tokens(text)
            // `tokens` drops the colocated flag, so only `scan`'s output is checked for order.
            expectWellFormed(tokens.map { ($0.start, $0.end, Array($0.text.utf8), true) }, count: text.utf8.count, checkOrder: false, context())
            #expect(tokens == TextAnalyzer.shared.tokens(text), "deterministic; \(context())")
            _ = TextAnalyzer.shared.normalize(text)
        }

        static func expectWellFormed(
            _ tokens: [(start: Int, end: Int, bytes: [UInt8], colocated: Bool)], count: Int, checkOrder: Bool, _ context: @autoclosure () -> String
        ) {
            var previousStart = 0
            for token in tokens {
                guard token.start >= 0, token.start < token.end, token.end <= count else {
                    Issue.record("token \(token.start)..<\(token.end) outside 0..<\(count); \(context())")
                    return
                }
                if checkOrder && !token.colocated {
                    #expect(token.start >= previousStart, "token at \(token.start) after one at \(previousStart); \(context())")
                    previousStart = token.start
                }
                #expect(!token.bytes.isEmpty && token.bytes.count <= 96, "token of \(token.bytes.count) bytes; \(context())")
                #expect(String(validating: token.bytes, as: UTF8.self) != nil, "token \(token.bytes) is not UTF-8; \(context())")
            }
        }

        /// The corpus parser: entry ids unique and not empty, positions in order, warnings on
        /// lines the text has.
        static func corpusParser(_ text: String, _ context: @autoclosure () -> String) {
            let corpus = CorpusParser().parse(text)
            let ids = corpus.entries.map(\.id)
            #expect(Set(ids).count == ids.count, "entry ids unique: \(ids); \(context())")
            #expect(corpus.entries.map(\.position) == Array(corpus.entries.indices), "positions in order; \(context())")
            #expect(corpus.entries.allSatisfy { !$0.id.isEmpty }, "ids not empty; \(context())")
            // Lines split as the parser splits them ("\r\n", "\n" and "\r").
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).count
            for warning in corpus.warnings {
                #expect(
                    (1...max(lineCount, 1)).contains(warning.line),
                    "warning on line \(warning.line) of \(lineCount): \(warning.message); \(context())")
            }
        }

        /// Bytes as a Q&A list file: decoded as a corpus file is, then read as CSV, JSON and YAML;
        /// each reader gives entries with unique, non-empty ids or refuses with a `FAQKitError`.
        static func qaLists(_ bytes: [UInt8], _ context: @autoclosure () -> String) {
            let text = TextDecoding.decode(Data(bytes)).text
            let reader = QAListReader(categories: CategoryMap(), name: "input")
            let reads: [() throws -> ParsedCorpus] = [{ try reader.csv(text) }, { try reader.json(Data(text.utf8)) }, { try reader.yaml(text) }]
            for read in reads {
                do {
                    let ids = try read().entries.map(\.id)
                    #expect(Set(ids).count == ids.count && !ids.contains(where: \.isEmpty), "entry ids unique and not empty: \(ids); \(context())")
                } catch {
                    #expect(error is FAQKitError, "a reader's error is a FAQKitError: \(error); \(context())")
                }
            }
        }

        /// HTML as a saved page and as an answer fragment: markdown without white space at line
        /// ends or runs of blank lines, and the page's markdown parses with unique ids.
        static func html(_ text: String, _ context: @autoclosure () -> String) {
            for markdown in [HTMLText.documentMarkdown(text), HTMLText.markdown(text)] {
                let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(!lines.contains { $0.last?.isWhitespace == true }, "no line ends in white space; \(context())")
                #expect(!markdown.contains("\n\n\n"), "no two blank lines in a row; \(context())")
            }
            let ids = CorpusParser().parse(HTMLText.documentMarkdown(text)).entries.map(\.id)
            #expect(Set(ids).count == ids.count, "entry ids unique: \(ids); \(context())")
        }

        /// The error-text parser, on the text alone and inside the shapes users paste: a status
        /// in 100...599, a message not empty and at most `maxMessageLength`, the same result twice.
        static func errorTextParser(_ text: String, _ context: @autoclosure () -> String) {
            let pastes = [
                text, "HTTP/1.1 429 Too Many Requests\r\n\r\n" + text, "Error code: 400 - {'error': {'message': '\(text)'}}",
                "{\"code\": 20012, \"message\": \"\(text)\"}",
            ]
            for paste in pastes {
                let parsed = ErrorTextParser.parse(paste)
                #expect(parsed == ErrorTextParser.parse(paste), "deterministic; \(context())")
                if let status = parsed?.status { #expect((100...599).contains(status), "status \(status); \(context())") }
                if let message = parsed?.message {
                    #expect(
                        !message.isEmpty && message.count <= ErrorTextParser.maxMessageLength,
                        "message of \(message.count) characters; \(context())")
                }
            }
        }

        /// An error must be a `FAQKitError` with a one-line message that leaks no SQLite or FTS5
        /// internals.
        static func expectClearError(_ error: any Error, _ context: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let error = error as? FAQKitError else {
                Issue.record("threw \(type(of: error)), not FAQKitError: \(error); \(context())", sourceLocation: sourceLocation)
                return
            }
            #expect(!error.message.isEmpty, "\(context())", sourceLocation: sourceLocation)
            #expect(!error.message.contains("\n"), "a one-line message: \(error.message); \(context())", sourceLocation: sourceLocation)
            let lower = error.message.lowercased()
            for leak in ["sqlite", "fts5", "syntax error", "while executing", "malformed", "no such", "vtable"] {
                #expect(!lower.contains(leak), "message leaks \"\(leak)\": \(error.message); \(context())", sourceLocation: sourceLocation)
            }
        }
    }
}
