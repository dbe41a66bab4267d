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
        let reader = IndexReader(queue, path: url.path, logger: nil)
        let analyzer = SharedKnowledgeBase.analyzer
        let fts5 = FTS5Candidates(reader: reader, memory: nil, entryCount: entryCount, analyzer: analyzer.analyzer)
        var narrow = try TwoStageCandidates(fts5: fts5)
        narrow.matchBudget = 40
        var wide = narrow
        wide.matchBudget = .max
        let twoStages = SearchEngine(entryCount: entryCount, source: narrow, analyzer: analyzer)
        let oneStage = SearchEngine(entryCount: entryCount, source: wide, analyzer: analyzer)
        var split = 0
        do {
            for title in Set(titles) {
                let query = analyzer.analyze(title)
                let a = try twoStages.rank(query: query, category: nil)
                let b = try oneStage.rank(query: query, category: nil)
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
        #expect(TwoStageCandidates.retrievalPhrases(rows: [10, 20, 30], budget: 100) == nil)
        #expect(TwoStageCandidates.retrievalPhrases(rows: [500, 30, 60, 20], budget: 100) == [3, 1])
        // At least one phrase, even over the budget.
        #expect(TwoStageCandidates.retrievalPhrases(rows: [900, 400], budget: 100) == [1])
        // Candidates come from the user's own words when there are any.
        #expect(TwoStageCandidates.retrievalPhrases(rows: [500, 30, 60, 20], ownWords: [true, true, true, false], budget: 100) == [1, 2])
    }
}
