import Foundation
import Testing

@testable import FAQKit

struct TextAnalyzerTests {
    let analyzer = TextAnalyzer(folding: CharacterFolding(pairs: [(0x767C, 0x53D1)]))  // 發 → 发

    @Test func indexesIdeographsAsUnigramsAndBigramsWithExactOffsets() {
        let tokens = analyzer.tokens("开发票")
        #expect(tokens.map(\.text) == ["开", "开发", "发", "发票", "票"])
        #expect(tokens.map(\.kind) == [.ideograph, .ideographPair, .ideograph, .ideographPair, .ideograph])
        #expect(tokens[3].start == 3 && tokens[3].end == 9, "a bigram spans both characters' bytes")
    }

    @Test func foldsTraditionalAndFullWidthForms() {
        #expect(analyzer.tokens("發票").map(\.text) == ["发", "发票", "票"])
        #expect(analyzer.tokens("ＡＰＩ　Ｋｅｙ").map(\.text) == ["api", "key"])
        #expect(analyzer.tokens("Ｋｅｙ")[0].end == 9, "offsets stay on the original full-width bytes")
    }

    @Test(arguments: [
        ("max_tokens", ["max_tokens", "max", "tokens"]),
        ("DeepSeek-V3.1", ["deepseek-v3.1", "deepseek", "v3", "1", "3"]),
        ("30s", ["30s", "30"]),
        ("429", ["429"]),
        ("Pro/DeepSeek", ["pro/deepseek", "pro", "deepseek"]),
    ])
    func indexesIdentifiersWholeAndByParts(text: String, expected: [String]) {
        #expect(analyzer.tokens(text).map(\.text) == expected)
    }

    @Test func neverCrashesOnHostileBytes() {
        let inputs: [[UInt8]] = [[0xFF, 0xFE, 0x00, 0xC3], [0xED, 0xA0, 0x80], Array(repeating: 0xE4, count: 1000), [0xF0, 0x9F, 0x98]]
        for bytes in inputs {
            bytes.withUnsafeBufferPointer { buffer in
                analyzer.scan(buffer) { token, _, start, end, _ in
                    #expect(start <= end && end <= buffer.count)
                    #expect(token.count <= TextAnalyzer.maxTokenBytes * 4)
                    return true
                }
            }
        }
        #expect(analyzer.tokens(String(repeating: "a", count: 100_000)).first?.text.utf8.count == TextAnalyzer.maxTokenBytes)
    }

    @Test func normalizesPhrases() {
        #expect(analyzer.normalize("發票 Top Up") == "发票 top up")
    }
}

extension TextAnalyzerTests {
    /// A word capped at `maxTokenBytes` never ends in half a multi-byte character.
    @Test func capsLongAccentedWordsAtCharacterBoundaries() {
        let tokens = analyzer.tokens("a" + String(repeating: "é", count: 60))
        let bytes = tokens.map { Array($0.text.utf8) }
        #expect(bytes.allSatisfy { String(validating: $0, as: UTF8.self) != nil && $0.count <= TextAnalyzer.maxTokenBytes })
        #expect(tokens.first?.text.hasSuffix("é") == true)
    }
}
