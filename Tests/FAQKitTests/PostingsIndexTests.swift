import GRDB
import Testing

@testable import FAQKit

/// The in-memory postings must rank exactly as FTS5 does: the same rows, the same evidence,
/// the same scores, and the same highlights as tokenizing the text again.
@Suite struct PostingsIndexTests {
    let kb = SharedKnowledgeBase.kb

    /// Two engines over the same index file: one answering from memory, one through FTS5.
    func engines() throws -> (memory: SearchEngine, fts5: SearchEngine, loaded: IndexMemory) {
        let queue = try DatabaseQueue(path: kb.info.path, configuration: IndexStore.configuration(readonly: true))
        let reader = IndexReader(queue, path: kb.info.path, logger: nil)
        let analyzer = SharedKnowledgeBase.analyzer
        let loaded = try #require(try IndexMemory.load(reader, analyzer: analyzer.analyzer))
        let inMemory = try #require(MemoryCandidates(memory: loaded))
        var withoutPostings = loaded
        withoutPostings.postings = nil
        let fts5 = FTS5Candidates(reader: reader, memory: withoutPostings, entryCount: kb.info.entryCount, analyzer: analyzer.analyzer)
        return (
            SearchEngine(entryCount: kb.info.entryCount, source: inMemory, analyzer: analyzer),
            SearchEngine(entryCount: kb.info.entryCount, source: fts5, analyzer: analyzer), loaded
        )
    }

    static let queries = [
        "发票多久能开出来？", "发票", "429", "max_tokens", "DeepSeek-V3.1 上下文长度", "rate limit 怎么提高", "实名认证 企业",
        "怎么 开 发票", "實名認證有什麼用", "invoice", "api key 在哪里", "充值后余额没变", "模型输出乱码怎么办",
        "免费模型怎么提高速率限制", "今天北京天气怎么样", "What is the capital of France", "账号注销", "zhuxiao zhanghao",
    ]

    @Test func rankingFromMemoryMatchesFTS5() throws {
        let (memory, fts5, _) = try engines()
        let titles = try kb.entries().map(\.title)
        for query in Self.queries + titles {
            let analysis = kb.analyze(query)
            for category in [nil, "invoices"] as [String?] {
                let fromMemory = try memory.rank(query: analysis, category: category)
                let fromFTS5 = try fts5.rank(query: analysis, category: category)
                #expect(fromMemory.map(\.rowid) == fromFTS5.map(\.rowid), "\(query) \(category ?? "")")
                for (a, b) in zip(fromMemory, fromFTS5) {
                    #expect(abs(a.score - b.score) < 1e-9, "\(query): row \(a.rowid) \(a.score) vs \(b.score)")
                    #expect(a.matched == b.matched, "\(query): row \(a.rowid)")
                }
            }
        }
    }

    /// When more rows match than the ranker scores, memory returns only the best by bm25: the
    /// rows, and the order, a full sort of every match picks.
    @Test(arguments: [[["的"]], [["发票"], ["模型"]], [["认证"], ["的"], ["可以"]]])
    func memoryReturnsTheBestRowsByBM25WhenMoreMatch(phrases: [[String]]) throws {
        let (engine, _, _) = try engines()
        let frequency = try engine.source.documentFrequencies(of: phrases.flatMap { $0 })
        let df = phrases.map { phrase in phrase.map { frequency(TextAnalyzer.hash($0)) }.min() ?? 0 }
        var request = MatchRequest(phrases: phrases, documentFrequencies: df, ownWords: phrases.map { _ in true }, category: nil)
        request.phraseIDF = df.map(engine.idf)
        let all = try engine.source.match(request)
        let limit = 4
        #expect(all.count > limit, "the phrases match more rows than the limit")
        let sorted = all.map { ($0.rowid, SearchEngine.bm25F($0.info, idf: request.phraseIDF)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        request.limit = limit
        let best = try engine.source.match(request)
        #expect(best.map(\.rowid) == sorted.prefix(limit).map(\.0))
    }

    @Test func theSameEntriesComeFromMemoryAndSQL() throws {
        let (memory, _, _) = try engines()
        let queue = try DatabaseQueue(path: kb.info.path, configuration: IndexStore.configuration(readonly: true))
        let sql = FTS5Candidates(
            reader: IndexReader(queue, path: kb.info.path, logger: nil), memory: nil, entryCount: kb.info.entryCount,
            analyzer: SharedKnowledgeBase.analyzer.analyzer)
        let rowids = Array(Int64(0)...Int64(kb.info.entryCount + 1))
        let fromMemory = try memory.source.records(rowids)
        let fromSQL = try sql.records(rowids)
        #expect(fromMemory.count == kb.info.entryCount)
        #expect(fromMemory.mapValues(\.entry) == fromSQL.mapValues(\.entry))
        #expect(fromMemory.mapValues(\.body) == fromSQL.mapValues(\.body))
    }

    @Test func highlightRangesFromPostingsMatchTokenizing() throws {
        let (_, _, loaded) = try engines()
        let postings = try #require(loaded.postings)
        var checked = 0
        for (rowid, item) in loaded.entries.enumerated() {
            guard let (entry, body) = item.map({ ($0.entry, $0.body) }) else { continue }
            // Mark the tokens of the entry's own title and of a common query.
            for text in [entry.title, "发票 API key 429 的"] {
                let tokens = TextAnalyzer.shared.tokens(text).map(\.text)
                let highlighter = Highlighter(terms: tokens)
                let expected = highlighter.ranges(in: body)
                let found = postings.ranges(of: highlighter.hashes, rowid: Int64(rowid), column: IndexSchema.bodyColumn)
                #expect(found == expected, "\(entry.id)")
                checked += 1
            }
        }
        #expect(checked == 2 * kb.info.entryCount)
    }

    /// Scoring every match from the buffers gives each row's bm25 as its own `MatchInfo` does,
    /// on the bundled corpus's postings, for one phrase and several, rows matching some of them.
    @Test func bm25FromTheBuffersEqualsEachRowsOwn() throws {
        let (_, _, loaded) = try engines()
        let postings = try #require(loaded.postings)
        for phrases in [["发票"], ["模型", "的", "api"], ["实名", "认证", "企业", "如何"]] {
            let hashes = phrases.map { [TextAnalyzer.hash($0)] }
            let idf = phrases.indices.map { 0.5 + Double($0) }
            let matches = postings.match(phrases: hashes)
            #expect(matches.count > 1, "\(phrases)")
            let fromBuffers = matches.bm25(idf: idf)
            #expect(fromBuffers.count == matches.count)
            for (row, score) in zip(matches, fromBuffers) {
                #expect(abs(score - SearchEngine.bm25F(row.info, idf: idf)) < 1e-12, "\(phrases) row \(row.rowid)")
            }
            // An idf for a phrase the match was not asked for adds nothing, on both paths.
            #expect(matches.bm25(idf: idf + [9]) == fromBuffers)
            #expect(zip(matches, fromBuffers).allSatisfy { abs(SearchEngine.bm25F($0.info, idf: idf + [9]) - $1) < 1e-12 })
        }
    }

    @Test func phrasesMatchConsecutivePositionsInOneColumn() throws {
        let postings = try #require(
            PostingsIndex(
                rows: [(rowid: 1, columns: ["开具发票", "发票", "票开"]), (rowid: 2, columns: ["票开发票", "", ""])], columnCount: 3))
        let hash = { (text: String) in TextAnalyzer.hash(text) }
        // 发票 then 票开 in sequence: only a title reading 发票开 has it; row 1's 开具发票 does not.
        #expect(postings.match(phrases: [[hash("发票"), hash("票开")]]).isEmpty)
        // 开具 + 具发 + 发票: the whole of row 1's title, in order.
        let whole = postings.match(phrases: [[hash("开具"), hash("具发"), hash("发票")]])
        #expect(whole.map(\.rowid) == [1])
        #expect(whole.first?.info.hits(phrase: 0, column: 0) == 1)
        // A single token: counted per column, rows in rowid order.
        let single = postings.match(phrases: [[hash("发票")]])
        #expect(single.map(\.rowid) == [1, 2])
        #expect(single[0].info.hits(phrase: 0, column: 0) == 1)
        #expect(single[0].info.hits(phrase: 0, column: 1) == 1)
        #expect(single[0].info.hits(phrase: 0, column: 2) == 0)
        // Rows the filter leaves out are not reported.
        #expect(postings.match(phrases: [[hash("发票")]], include: { $0 != 1 }).map(\.rowid) == [2])
        // Column sizes follow FTS5: a pair shares its first character's position.
        #expect(single[0].info.columnSizes == [4, 2, 2])
        #expect(postings.documentFrequency(hash("票开")) == 2)
    }

    @Test func tooMuchTextStaysOnFTS5() {
        let rows = [(rowid: 1, columns: [String(repeating: "发票", count: 50), "", ""])]
        #expect(PostingsIndex(rows: rows, columnCount: 3, limit: 50) == nil)
        #expect(PostingsIndex(rows: rows, columnCount: 3, limit: 1_000) != nil)
    }
}
