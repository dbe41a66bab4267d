import Foundation
import Testing

@testable import FAQKit

struct QueryUnderstandingTests {
    var kb: KnowledgeBase { SharedKnowledgeBase.kb }

    @Test(arguments: [
        ("fapiao", ["fa", "piao"]),
        ("shiming", ["shi", "ming"]),
        ("xian", ["xian"]),
        ("zhanghao", ["zhang", "hao"]),
    ])
    func splitsPinyinIntoSyllables(word: String, syllables: [String]) {
        #expect(AnalysisResources.bundled.pinyin.segment(word) == syllables)
    }

    @Test(arguments: ["invoice", "verify", "429", "max_tokens"])
    func doesNotSplitEnglishWords(word: String) {
        #expect(AnalysisResources.bundled.pinyin.segment(word) == nil)
    }

    /// `balance` splits as ba·lan·ce, and `change` as chang·e: only pairs the corpus holds can
    /// match, so English questions come out as they would with no pinyin at all (what the index
    /// adds is the dictionary's translations of their words).
    @Test(arguments: ["balance", "change my balance", "how long does an invoice take", "rate limit"])
    func pinyinDoesNotDrownEnglish(question: String) {
        let withPinyin = Set(kb.analyze(question).terms.map(\.text))
        let without = Set(SharedKnowledgeBase.analyzer.analyze(question).terms.map(\.text))
        let words = question.split(separator: " ").map(String.init)
        let translations = Set(words.flatMap { AnalysisResources.bundled.lexicon.translationsByForm(of: $0).joined() })
        #expect(withPinyin.subtracting(without).isSubset(of: translations))
    }

    @Test func readsEveryReadingOfAPolyphonicPair() {
        let keys = AnalysisResources.bundled.pinyin.keys(for: "行长")
        #expect(keys.contains("xingzhang") && keys.contains("hangzhang"))
    }

    @Test(arguments: [
        ("zhuxiao zhanghao", "usage/1"),
        ("kaipiao shixiao", "invoices/2"),
        ("how do I delete my account", "usage/1"),
        ("where can I download the invoice", "invoices/5.1"),
        ("如何註銷帳號", "usage/1"),
        ("删号", "usage/1"),
    ])
    func understandsPinyinEnglishTraditionalAndColloquialQuestions(question: String, id: String) throws {
        #expect(try kb.ask(question).hit?.entry.id == id)
    }

    @Test func marksQuestionWordsAsFillers() {
        let analysis = kb.analyze("怎么注销账号")
        let fillers = analysis.units.map(\.isFiller)
        #expect(fillers == [true, true, false, false, false, false])
    }

    /// `怎么办` is read as `如何` too, but an entry that shares nothing with the question except
    /// the way it asks is no result: it was listed (and offered as related) for every question
    /// ending in 怎么办.
    @Test func questionWordsAloneFindNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("faq.md")
        try """
        # 常见问题

        ## 如何充值？

        在账户页面选择金额，用支付宝或微信支付即可。

        ## 如何注销账号？

        在设置中选择注销，七天后账号删除。

        ## 退款多久到账？

        退款在三个工作日内原路退回。
        """.write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        #expect(try kb.search("家里的猫不吃饭怎么办").hits.isEmpty)
        #expect(try kb.search("退款怎么办").hits.map(\.entry.title) == ["退款多久到账？"])
        // As a query of question words alone finds nothing, however it is put.
        #expect(try kb.search("如何").hits.isEmpty)
        #expect(try kb.search("怎么办").hits.isEmpty)
    }

    @Test func expandsWithLowerCreditThanTheUsersOwnTerms() throws {
        let analysis = kb.analyze("invoice")
        let expansions = analysis.terms.filter(\.isExpansion)
        #expect(expansions.contains { $0.text == "发票" })
        let own = try #require(analysis.terms.first { !$0.isExpansion })
        #expect(expansions.allSatisfy { $0.credit < own.credit })
        #expect(
            !analysis.terms.contains { $0.isExpansion && $0.text.unicodeScalars.count == 2 && $0.text != "发票" && $0.text.hasPrefix("音") },
            "an English word is not read as pinyin")
    }

    @Test func confidenceIsComparableAcrossQueries() throws {
        let sure = try #require(try kb.search("开票主体信息").hits.first)
        let vague = try kb.search("今天北京天气怎么样").hits.first
        #expect(sure.confidence > KnowledgeBase.confidenceThreshold)
        #expect((vague?.confidence ?? 0) < KnowledgeBase.confidenceThreshold)
        #expect((0...1).contains(sure.confidence))
    }
}
