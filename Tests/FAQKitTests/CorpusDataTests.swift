import Foundation
import Testing

@testable import FAQKit

/// A corpus's own data files apply to it, and the bundled corpus's never reach another one.
@Suite struct CorpusDataTests {
    /// A small foreign FAQ in its own folder, with optional data files beside it.
    func corpus(_ files: [String: String] = [:]) throws -> (corpus: URL, index: URL) {
        let dir = try Fixtures.temporaryDirectory()
        let text = """
            # Billing

            ## How do I top up my wallet?

            Open Wallet and choose an amount.

            ## Why was my request throttled with 429?

            Each key may send 60 requests a minute; wait and retry.

            # Support

            ## Where is your office?

            We work remotely.
            """
        let corpus = dir.appendingPathComponent("faq.md")
        try text.write(to: corpus, atomically: true, encoding: .utf8)
        for (name, content) in files { try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return (corpus, dir.appendingPathComponent("index.sqlite"))
    }

    @Test func ownSynonymsChangeTheAnswers() throws {
        let query = "recharge my purse"
        let plain = try corpus()
        let without = try KnowledgeBase.open(.init(corpusURL: plain.corpus, indexURL: plain.index)).search(query)
        let with = try corpus(["synonyms.txt": "wallet | purse\ntop up | recharge\n"])
        let kb = try KnowledgeBase.open(.init(corpusURL: with.corpus, indexURL: with.index))
        let hits = try kb.search(query).hits
        #expect(hits.first?.entry.title == "How do I top up my wallet?")
        #expect((hits.first?.confidence ?? 0) > (without.hits.first { $0.entry.title == "How do I top up my wallet?" }?.confidence ?? 0))
        #expect(kb.analyze(query).terms.contains { $0.isExpansion && $0.text == "wallet" })
    }

    @Test func bundledGlossaryStaysWithTheBundledCorpus() throws {
        let files = try corpus()
        let kb = try KnowledgeBase.open(.init(corpusURL: files.corpus, indexURL: files.index))
        // 硅基流动 is a SiliconFlow glossary term; 公司 → 企业 is SiliconFlow's wording.
        #expect(!kb.analyze("硅基流动").terms.contains { $0.isExpansion })
        #expect(!kb.analyze("你们公司在哪里").terms.contains { $0.isExpansion && $0.text == "企业" })
        #expect(SharedKnowledgeBase.kb.analyze("硅基流动").terms.contains { $0.isExpansion })
    }

    @Test func explainWithoutOwnRulesLinksTheCorpusOwnAnswers() throws {
        let files = try corpus()
        let kb = try KnowledgeBase.open(.init(corpusURL: files.corpus, indexURL: files.index))
        let diagnosis = try kb.explain("HTTP/2 429")
        #expect(diagnosis.status == 429)
        #expect(diagnosis.entries.first?.title == "Why was my request throttled with 429?")
        #expect(diagnosis.ruleID == "status-429")
        // Nothing of SiliconFlow's rules: no Pro models, dedicated instances or its entries.
        #expect(!diagnosis.nextStep.contains("Pro") && !diagnosis.nextStep.contains("专属实例"))
        #expect(!diagnosis.entries.contains { $0.id.hasPrefix("models/") || $0.id.hasPrefix("errors/") })
    }

    @Test func ownErrorRulesNameAnyIdTheIndexGives() throws {
        let rules = """
            {"version": 1,
             "noError": {"diagnosis": {"zh": "无", "en": "none"}, "nextStep": {"zh": "贴出报错", "en": "paste it"}},
             "fallback": {"diagnosis": {"zh": "未知", "en": "unknown"}, "nextStep": {"zh": "重试", "en": "retry"}, "entries": []},
             "bodyOmitted": {"zh": "无响应体", "en": "no body"},
             "rules": [{"id": "slow-down", "match": {"status": 429}, "entries": ["billing/why-was-my-request-throttled-with-429"],
                        "diagnosis": {"zh": "请求太多", "en": "too many requests"}, "nextStep": {"zh": "等一分钟", "en": "wait a minute"}}]}
            """
        let files = try corpus(["error-rules.json": rules])
        let kb = try KnowledgeBase.open(.init(corpusURL: files.corpus, indexURL: files.index))
        let diagnosis = try kb.explain("Error code: 429")
        #expect(diagnosis.ruleID == "slow-down")
        #expect(diagnosis.entries.first?.id == "billing/why-was-my-request-throttled-with-429")

        // Rules naming an entry the corpus lacks, or not valid JSON, are unusable: `explain` says
        // why, while search and ask go on serving and `info` reports the problem.
        for (name, text) in [
            ("dangling", rules.replacingOccurrences(of: "billing/why-was", with: "billing/no-such")),
            ("syntax", "{not json"),
        ] {
            let broken = try corpus(["error-rules.json": text])
            let kb = try KnowledgeBase.open(.init(corpusURL: broken.corpus, indexURL: broken.index))
            #expect(try kb.ask("How do I top up my wallet?").hit?.entry.id == "billing/how-do-i-top-up-my-wallet", "\(name)")
            #expect(kb.info.errorRulesProblem?.hasPrefix("error rules: ") == true, "\(name)")
            #expect {
                try kb.explain("Error code: 429")
            } throws: { error in
                (error as? FAQKitError)?.code == .corpusInvalid && (error as? FAQKitError)?.message == kb.info.errorRulesProblem
            }
            // Reopened without a rebuild, the same.
            let reopened = try KnowledgeBase.open(.init(corpusURL: broken.corpus, indexURL: broken.index))
            #expect(!reopened.info.rebuilt && reopened.info.errorRulesProblem == kb.info.errorRulesProblem)
        }
        #expect(kb.info.errorRulesProblem == nil)
    }

    @Test func contactLinkComesFromTheConfigurationOrNowhere() throws {
        let files = try corpus()
        let none = try KnowledgeBase.open(.init(corpusURL: files.corpus, indexURL: files.index)).ask("今天北京天气怎么样")
        #expect(none.hit == nil)
        #expect(none.fallback?.url == nil)
        #expect(none.fallback?.message.contains("link") == false, "an English FAQ hands off in English, naming no link")
        let configured = try KnowledgeBase.open(
            .init(corpusURL: files.corpus, indexURL: files.index, contactURL: "https://help.example.com/contact")
        ).ask("今天北京天气怎么样")
        #expect(configured.fallback?.url == "https://help.example.com/contact")
        #expect(configured.fallback?.message.contains("link") == true)
    }

    @Test func dataFilesBesideTheCorpusAreInItsFingerprint() throws {
        let files = try corpus()
        let before = try CorpusSource(url: files.corpus).snapshot().fingerprint
        try "wallet | purse\n".write(
            to: files.corpus.deletingLastPathComponent().appendingPathComponent("synonyms.txt"), atomically: true, encoding: .utf8)
        let after = try CorpusSource(url: files.corpus).snapshot().fingerprint
        #expect(before != after)
    }
}
