import Foundation
import GRDB
import Testing

@testable import FAQKit

/// A large index is searched through FTS5 in two stages when a query's phrases match more rows
/// than the budget: the rarest phrases pick candidates, then every phrase's evidence is read for
/// them. The answers must stay those of searching all phrases at once.
@Suite struct LargeIndexTests {
    /// The bundled corpus eight times over (264 entries, more than `candidateLimit`), indexed.
    static let index: (url: URL, entryCount: Int, titles: [String]) = {
        let directory = try! Fixtures.temporaryDirectory()
        let text = try! String(contentsOf: BundledData.corpusURL, encoding: .utf8)
        let corpus = directory.appendingPathComponent("faq.md")
        try! Array(repeating: text, count: 8).joined(separator: "\n\n---\n\n").write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try! KnowledgeBase.open(.init(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite")))
        return (URL(fileURLWithPath: kb.info.path), kb.info.entryCount, try! kb.entries().map(\.title))
    }()

    @Test func twoStagesAnswerAsOneDoes() throws {
        let (url, entryCount, titles) = Self.index
        #expect(entryCount > SearchEngine.candidateLimit)
        let queue = try DatabaseQueue(path: url.path, configuration: IndexStore.configuration(readonly: true))
        var twoStages = SearchEngine(entryCount: entryCount, memory: nil)
        twoStages.matchBudget = 40
        var oneStage = twoStages
        oneStage.matchBudget = .max
        let analyzer = QueryAnalyzer.bundled
        var split = 0
        try queue.read { db in
            for title in Set(titles) {
                let query = analyzer.analyze(title)
                let a = try twoStages.rank(db, query: query, category: nil)
                let b = try oneStage.rank(db, query: query, category: nil)
                #expect(a.count <= SearchEngine.candidateLimit)
                let titleOf = { (rowid: Int64?) in rowid.map { titles[Int($0) - 1] } }
                #expect(titleOf(a.first?.rowid) == titleOf(b.first?.rowid), "\(title)")
                if let first = a.first, let other = b.first {
                    #expect(abs(SearchEngine.confidence(first) - SearchEngine.confidence(other)) < 1e-9, "\(title)")
                }
                if a.count < b.count { split += 1 }
            }
        }
        // The budget was small enough for the two-stage path to narrow most queries.
        #expect(split > titles.count / 16)
    }

    @Test func theBudgetKeepsTheRarestPhrases() {
        var engine = SearchEngine(entryCount: 10_000, memory: nil)
        engine.matchBudget = 100
        #expect(engine.retrievalPhrases(rows: [10, 20, 30]) == nil)
        #expect(engine.retrievalPhrases(rows: [500, 30, 60, 20]) == [3, 1])
        // At least one phrase, even over the budget.
        #expect(engine.retrievalPhrases(rows: [900, 400]) == [1])
    }
}
