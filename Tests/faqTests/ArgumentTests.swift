import ArgumentParser
import Testing

@testable import faq

/// What the command line accepts, checked by parsing as `faq` does, without running anything.
struct ArgumentTests {
    /// The message `faq` prints for `arguments`, or nil when they parse.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try FAQCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return FAQCommand.message(for: error)
        }
    }

    /// A negative limit is a value out of range, not a missing value (ArgumentParser reads `-1`
    /// as an option unless told otherwise), and SQLite would read a negative LIMIT as no limit.
    @Test(arguments: [
        (["search", "--limit", "-1", "发票"], "between 1 and 100"),
        (["search", "-l", "0", "发票"], "between 1 and 100"),
        (["report", "--limit", "-3"], "at least 1"),
        (["report", "--limit", "0"], "at least 1"),
    ])
    func refusesLimitsOutOfRange(arguments: [String], message: String) throws {
        let refused = try #require(Self.refusal(arguments))
        #expect(refused.contains(message), "\(refused)")
    }

    @Test func acceptsLimitsInRange() {
        #expect(Self.refusal(["search", "--limit", "3", "发票"]) == nil)
        #expect(Self.refusal(["report", "--limit", "1"]) == nil)
    }

    /// A question that starts with `-` is read as an option; after `--` it is the question.
    @Test func questionAfterDoubleDashIsAQuestion() throws {
        let refused = try #require(Self.refusal(["search", "-32602 Invalid params"]))
        #expect(!refused.isEmpty)
        #expect(Self.refusal(["search", "--", "-32602 Invalid params"]) == nil)
    }
}
