import Foundation
import Testing

extension Reliability {
    /// Replays what the fuzzers kept, so a found input stays a regression test: the inputs that
    /// add coverage (`tools/fuzz/corpus-<target>/`) and any crash or hang they recorded
    /// (`tools/fuzz/crashes/<target>-*`), through the same checks as the generated inputs.
    @Suite struct FuzzRegressionTests {
        /// `tools/fuzz/`, found from this file's path (the inputs are not test resources).
        static let fuzzDirectory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/fuzz")

        /// Every kept and crashing input of a fuzz target, sorted by name.
        static func inputs(_ target: String) -> [URL] {
            let files = FileManager.default
            let kept =
                (try? files.contentsOfDirectory(at: fuzzDirectory.appendingPathComponent("corpus-\(target)"), includingPropertiesForKeys: nil)) ?? []
            let crashes =
                ((try? files.contentsOfDirectory(at: fuzzDirectory.appendingPathComponent("crashes"), includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.lastPathComponent.hasPrefix("\(target)-") }
            return (kept + crashes).sorted { $0.lastPathComponent < $1.lastPathComponent }
        }

        static func replay(_ target: String, _ check: ([UInt8], String) -> Void) throws {
            let inputs = Self.inputs(target)
            try #require(!inputs.isEmpty, "no inputs under \(fuzzDirectory.path)/corpus-\(target)")
            for url in inputs {
                let bytes = [UInt8](try Data(contentsOf: url))
                check(bytes, "\(target) input \(url.lastPathComponent): \(HostileInput.describe(String(decoding: bytes, as: UTF8.self)))")
            }
        }

        @Test func tokenizerInputs() throws {
            try Self.replay("tokenizer") { bytes, context in Checks.tokenizer(bytes, context) }
        }

        @Test func corpusParserInputs() throws {
            try Self.replay("corpus-parser") { bytes, context in Checks.corpusParser(String(decoding: bytes, as: UTF8.self), context) }
        }

        @Test func htmlInputs() throws {
            try Self.replay("html") { bytes, context in Checks.html(String(decoding: bytes, as: UTF8.self), context) }
        }

        @Test func qaListInputs() throws {
            try Self.replay("qa-lists") { bytes, context in Checks.qaLists(bytes, context) }
        }

        @Test func errorTextParserInputs() throws {
            try Self.replay("error-text-parser") { bytes, context in Checks.errorTextParser(String(decoding: bytes, as: UTF8.self), context) }
        }
    }
}
