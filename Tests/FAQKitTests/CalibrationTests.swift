import Foundation
import Testing

@testable import FAQKit

struct CalibrationTests {
    var kb: KnowledgeBase { SharedKnowledgeBase.kb }

    @Test func confidenceMapsTheThresholdsToFixedValuesAndKeepsOrder() {
        let c = Calibration(answerScore: 0.42, suggestScore: 0.3, clearScore: 0.6)
        #expect(abs(c.confidence(raw: 0.42) - Calibration.answerConfidence) < 1e-9)
        #expect(abs(c.confidence(raw: 0.3) - Calibration.suggestConfidence) < 1e-9)
        #expect(abs(c.confidence(raw: 0.6) - Calibration.clearConfidence) < 1e-9)
        #expect(c.confidence(raw: 0) == 0 && c.confidence(raw: 1) == 1)
        let grid = stride(from: -0.1, through: 1.1, by: 0.01).map { c.confidence(raw: $0) }
        #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(grid.allSatisfy { (0...1).contains($0) })
    }

    @Test func answerThresholdSitsAboveNearlyAllOutOfScopeScores() {
        let outOfScope = (0..<100).map { Calibrator.Sample(top: Double($0) / 250, second: 0, right: false, inTopThree: false) }
        let pseudo = (0..<100).map { Calibrator.Sample(top: 0.3 + Double($0) / 150, second: 0, right: $0 > 10, inTopThree: true) }
        let c = Calibrator.fit(pseudo: pseudo, outOfScope: outOfScope)
        #expect(c.outOfScopeAnswered <= Calibrator.outOfScopeAnswerRate)
        #expect(c.answerScore > 0.39 && c.answerScore <= Calibrator.answerCeiling)
        #expect(c.suggestScore < c.answerScore && c.answerScore < c.clearScore)
        #expect(c.pseudoQueries == 100 && c.outOfScopeQueries == 100)
    }

    @Test func thresholdsStayWithinBoundsWhenOutOfScopeQuestionsScoreHigh() {
        let outOfScope = (0..<50).map { _ in Calibrator.Sample(top: 0.95, second: 0, right: false, inTopThree: false) }
        let pseudo = [Calibrator.Sample(top: 1, second: 0, right: true, inTopThree: true)]
        #expect(Calibrator.fit(pseudo: pseudo, outOfScope: outOfScope).answerScore == Calibrator.answerCeiling)
        #expect(Calibrator.fit(pseudo: [], outOfScope: outOfScope) == .uncalibrated)
    }

    /// Near ties are judged on the ranking score: pseudo-queries whose best two tie in raw score
    /// but whose first leads clearly in rank (its title asks the question) are mostly right, and
    /// set no margin; those the ranker itself can hardly order are coin tosses, and do.
    @Test func nearTieMarginComesFromTheRankingLead() {
        let outOfScope = (0..<100).map { Calibrator.Sample(top: Double($0) / 250, second: 0, right: false, inTopThree: false) }
        let clearLead = (0..<20).map { Calibrator.Sample(top: 1, second: 1, lead: 0.3, right: $0 % 10 != 0, inTopThree: true) }
        #expect(Calibrator.fit(pseudo: clearLead, outOfScope: outOfScope).ambiguityMargin == 0)
        let coinToss = (0..<20).map { Calibrator.Sample(top: 1, second: 1, lead: 0.015, right: $0 % 3 == 0, inTopThree: true) }
        #expect(Calibrator.fit(pseudo: clearLead + coinToss, outOfScope: outOfScope).ambiguityMargin == Calibrator.ambiguityMargins.last)
        // Two right of five is no evidence either way.
        let few = Array(coinToss.prefix(Calibrator.minimumAmbiguousSamples / 2))
        #expect(Calibrator.fit(pseudo: clearLead + few, outOfScope: outOfScope).ambiguityMargin == 0)
    }

    /// Two entries that account for the question equally (raw 1.0 each): the one ranked clearly
    /// ahead is the answer; two the ranker can hardly order get suggestions.
    @Test func nearTieIsJudgedOnTheRankingLead() {
        let c = Calibration(answerScore: 0.4, suggestScore: 0.3, clearScore: 0.9, ambiguityMargin: 0.05)
        func candidate(_ rowid: Int64, score: Double) -> SearchEngine.Candidate {
            let parts = ScoreParts(coverage: 1, titleCoverage: 0, questionMatch: 0, bm25: 1, matchedTerms: [])
            return SearchEngine.Candidate(rowid: rowid, score: score, parts: parts, matched: [], unitCredit: [])
        }
        let clear = SearchEngine.decide([candidate(1, score: 1.76), candidate(2, score: 1.18)], calibration: c)
        #expect(clear.outcome == .answer && abs(clear.lead - 0.58) < 1e-9)
        let close = SearchEngine.decide([candidate(1, score: 1.25), candidate(2, score: 1.24)], calibration: c)
        #expect(close.outcome == .suggest && close.rule == .ambiguous(margin: 0.05))
        #expect(close.reason.contains("within 0.050 of each other"))
        // A tie with a copy of itself (the same answer on another page) is no ambiguity.
        let copies = SearchEngine.decide([candidate(1, score: 1.25), candidate(2, score: 1.24)], calibration: c) { _, _ in true }
        #expect(copies.outcome == .answer)
    }

    /// An entry whose own question shares nothing with the user's matched in its answer text
    /// only (a near-domain question reaches some entry's text through the product's name and a
    /// word of its field): it is answered only a margin above the answer threshold, and offered
    /// as a suggestion below that. One whose title the question shares is answered at the
    /// threshold.
    @Test func aMatchInTheAnswerTextOnlyNeedsTheMarginAgain() {
        let c = Calibration(answerScore: 0.4, suggestScore: 0.3, clearScore: 0.9)
        func decide(coverage: Double, questionMatch: Double) -> AskDecision {
            let parts = ScoreParts(coverage: coverage, titleCoverage: 0, questionMatch: questionMatch, bm25: 1, matchedTerms: [])
            return SearchEngine.decide([SearchEngine.Candidate(rowid: 1, score: 1, parts: parts, matched: [], unitCredit: [])], calibration: c)
        }
        let textOnly = decide(coverage: 0.42, questionMatch: 0.02)
        #expect(textOnly.outcome == .suggest && textOnly.rule == .answerTextOnly(answerScore: c.answerTextOnlyScore))
        #expect(textOnly.reason.contains("answer text only"))
        #expect(decide(coverage: 0.46, questionMatch: 0.02).outcome == .answer)
        #expect(decide(coverage: 0.42, questionMatch: 0.3).outcome == .answer)
        // The calibration counts the same way: such a question is suggested, not answered.
        let outOfScope = (0..<100).map { Calibrator.Sample(top: Double($0) / 250, second: 0, right: false, inTopThree: false, questionMatch: 0) }
        let near = Calibrator.Sample(top: 0.45, second: 0, right: false, inTopThree: false, questionMatch: 0)
        let fitted = Calibrator.fit(pseudo: [near], outOfScope: outOfScope + [near])
        #expect(near.top >= fitted.answerScore && near.top < fitted.answerTextOnlyScore)
        #expect(fitted.outOfScopeAnswered == 0)
    }

    /// A FAQ that repeats a section word for word: the two copies give the same answer, which is
    /// what lets a tie between them be answered.
    @Test func copiesOfAnEntryGiveTheSameAnswer() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("faq.md")
        let section = "## 歌单怎么同步？\n\n打开设置里的同步，  两台设备登录同一个账号即可。\n\n## 下载的歌在哪里？\n\n在设置的下载目录里。\n"
        let mobile = section.replacingOccurrences(of: "  ", with: " ") + "\n## 手机版怎么省流量？\n\n在设置里关闭自动下载封面。\n"
        try "# 桌面版\n\n\(section)\n## 桌面歌词怎么打开？\n\n点击播放栏的词字。\n\n# 手机版\n\n\(mobile)".write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        let response = try kb.search("歌单怎么同步")
        #expect(response.hits.count >= 2 && response.hits[0].entry.title == response.hits[1].entry.title)
        let sync = try kb.engine.rank(query: kb.analyze("歌单怎么同步"), category: nil)
        let download = try kb.engine.rank(query: kb.analyze("下载的歌在哪里"), category: nil)
        #expect(kb.engine.sameAnswer(sync[0].rowid, sync[1].rowid), "white space aside, the copies' answers are the same")
        #expect(!kb.engine.sameAnswer(sync[0].rowid, download[0].rowid))
    }

    @Test func pseudoQueriesComeFromTheEntryAndAreDeterministic() {
        let title = "How do I reset the API key of a team"
        let body = "Open the team settings and choose Reset key. The old key stops working at once."
        let first = Calibrator.pseudoQueries(title: title, body: body, seed: 3)
        #expect(first == Calibrator.pseudoQueries(title: title, body: body, seed: 3))
        #expect(first.count == 3)
        #expect(!first.contains(title), "a pseudo-query is a perturbed question, not the title itself")
        #expect(Calibrator.outOfScopeQuestions.count >= 100)
    }

    @Test func theBundledIndexIsCalibratedAtBuild() {
        let c = kb.info.calibration
        #expect(c.pseudoQueries >= kb.info.entryCount && c.outOfScopeQueries >= 100, "at least one pseudo-query per entry")
        #expect(c.outOfScopeAnswered <= 0.05)
        #expect(c.pseudoTop1 > 0.5)
        #expect((Calibrator.answerFloor...Calibrator.answerCeiling).contains(c.answerScore))
    }

    @Test func calibrationIsStoredInTheIndexAndReadBack() throws {
        let dir = try Fixtures.temporaryDirectory()
        let config = KnowledgeBase.Configuration(corpusURL: Fixtures.url("english.md"), indexURL: dir.appendingPathComponent("i.sqlite"))
        let built = try KnowledgeBase.open(config)
        #expect(built.info.rebuilt && built.info.calibration.pseudoQueries > 0)
        let reopened = try KnowledgeBase.open(config)
        #expect(!reopened.info.rebuilt)
        #expect(reopened.info.calibration == built.info.calibration)
    }

    /// FAQKit is embedded by companies in any field, and a shop's FAQ answers some of the bundled
    /// everyday questions (returns, discounted goods). There they are its own questions: the
    /// calibration's quantile must absorb them rather than learn to refuse the shop's own domain,
    /// while questions from other fields still get no answer.
    @Test func aCorpusThatAnswersSomeEverydayQuestionsStillAnswersThem() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shop = try KnowledgeBase.open(.init(corpusURL: Fixtures.url("shop.md"), indexURL: dir.appendingPathComponent("i.sqlite")))
        let everyday = Set(Calibrator.outOfScopeQuestions)
        for (question, entry) in [("七天无理由退货运费谁出", "七天无理由退货的运费由谁承担？"), ("超市的打折商品能退吗", "打折商品可以退换吗？")] {
            #expect(everyday.contains(question), "the question is one of the calibration's out-of-scope set")
            let answer = try shop.ask(question)
            #expect(answer.outcome == .answer && answer.hit?.entry.title == entry, "\(question)")
        }
        #expect(shop.info.calibration.answerScore < 0.5)
        for question in ["怎样减肥最有效", "地震的时候应该怎么躲", "how do I tie a tie"] {
            #expect(try shop.ask(question).outcome != .answer, "\(question)")
        }
    }

    @Test func confidentQuestionsAreAnsweredWithoutSuggestions() throws {
        let answer = try kb.ask("开票主体信息怎么修改")
        #expect(answer.outcome == .answer && answer.hit != nil && answer.suggestions.isEmpty)
        #expect((answer.hit?.confidence ?? 0) >= KnowledgeBase.confidenceThreshold)
    }

    @Test(arguments: ["周末带孩子去哪里玩比较好", "how do I knit a scarf"])
    func everydayQuestionsAreNotAnswered(question: String) throws {
        let answer = try kb.ask(question)
        #expect(answer.outcome != .answer && answer.hit == nil)
        #expect(answer.fallback != nil)
    }

    /// Whatever the outcome, its parts agree: suggestions only in the middle band, two or three
    /// of them (fewer only when fewer matched), each below answer level or in a near tie.
    @Test(arguments: ["发票", "模型", "账号 余额", "速率", "周末带孩子去哪里玩比较好", "开票主体信息怎么修改"])
    func outcomeAndSuggestionsAgree(question: String) throws {
        let answer = try kb.ask(question)
        switch answer.outcome {
        case .answer:
            #expect(answer.hit != nil && answer.suggestions.isEmpty)
        case .suggest:
            #expect(answer.hit == nil && (1...3).contains(answer.suggestions.count))
            #expect(answer.suggestions.count >= min(2, answer.candidates.count))
            #expect(answer.suggestions.first?.entry.id == answer.candidates.first?.entry.id)
        case .handoff:
            #expect(answer.hit == nil && answer.suggestions.isEmpty && answer.fallback != nil)
        }
        #expect(answer.decision?.outcome == answer.outcome)
        // The rule names the outcome's own threshold, and the sentence `--explain` shows says so.
        guard let decision = answer.decision else { return }
        let calibration = kb.info.calibration
        switch (answer.outcome, decision.rule) {
        case (.answer, .answerLevel(let threshold)):
            #expect(threshold == calibration.answerScore && decision.raw >= threshold)
            #expect(decision.reason.contains("≥ this index's answer threshold \(String(format: "%.3f", threshold))"))
        case (.suggest, .suggestionBand(let suggest, let threshold)):
            #expect(suggest == calibration.suggestScore && threshold == calibration.answerScore)
            #expect((suggest..<threshold).contains(decision.raw))
            #expect(decision.reason.contains("between the suggestion threshold"))
        case (.suggest, .ambiguous(let margin)):
            #expect(margin == calibration.ambiguityMargin && decision.lead < margin && decision.raw - decision.runnerUp < margin)
        case (.handoff, .belowSuggestion(let suggest)):
            #expect(decision.raw < suggest)
            #expect(decision.reason.contains("< the suggestion threshold"))
        case (.handoff, .noMatch):
            #expect(decision.raw == 0 && answer.candidates.isEmpty)
        default:
            Issue.record("outcome \(answer.outcome) decided by \(decision.rule)")
        }
    }
}
