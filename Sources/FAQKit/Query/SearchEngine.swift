import Foundation
import GRDB

/// Ranks entries for an analyzed query over one index connection.
///
/// Two stages, as search engines do: FTS5 retrieves candidates by bm25 over the query's terms
/// (an OR of quoted terms, title weighted above answer), then each candidate is scored by what
/// makes an FAQ answer right: how much of the question it accounts for (coverage of the query's
/// units, weighted by rarity, question words counting little), whether the question title itself
/// matches, and bm25 as a tie-breaker. Coverage is also the confidence: it does not depend on the
/// bm25 scale, so one threshold holds across queries and corpora.
struct SearchEngine {
    /// Number of entries in the index.
    var entryCount: Int

    /// bm25 column weights: title, answer, context.
    static let columnWeights = (title: 4.0, answer: 1.0, context: 1.5)
    /// Candidates taken from FTS5 before reranking.
    static let candidateLimit = 200
    /// Weight of a filler unit relative to a content unit of the same rarity.
    static let fillerWeight = 0.1
    /// Score = coverage + titleBoost × title coverage + bm25Boost × normalized bm25.
    static let titleBoost = 0.4
    static let bm25Boost = 0.25
    /// The documented answer threshold on confidence: below it, `ask` abstains.
    static let confidenceThreshold = 0.5

    /// Inverse document frequency (BM25's, kept positive).
    func idf(_ df: Int) -> Double {
        let n = Double(max(entryCount, 1))
        let d = Double(df)
        return log(1 + (n - d + 0.5) / (d + 0.5))
    }

    struct Candidate {
        var rowid: Int64
        var score: Double
        var parts: ScoreParts
        var matched: [Int]  // indexes of query terms matched
        var unitCredit: [Double]
    }

    /// Ranks every candidate for `query`. Returns them best first, with the number that matched.
    func rank(_ db: Database, query: AnalyzedQuery, category: String?) throws -> [Candidate] {
        guard !query.terms.isEmpty else { return [] }
        let frequencies = try documentFrequencies(db, tokens: Set(query.terms.flatMap(\.tokens) + query.units.map(\.text)))

        // Unit weights: rarity, question words discounted.
        let weights = query.units.map { unit -> Double in
            idf(frequencies[unit.text] ?? 0) * (unit.isFiller ? Self.fillerWeight : 1)
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return [] }

        // Terms worth sending to FTS5: not fillers, and present in the index.
        var searched: [Int] = []
        for (i, term) in query.terms.enumerated() where !term.isFiller {
            if term.tokens.allSatisfy({ (frequencies[$0] ?? 0) > 0 }) { searched.append(i) }
        }
        guard !searched.isEmpty else { return [] }
        let pattern = searched.map { Self.phrase(query.terms[$0].tokens) }.joined(separator: " OR ")

        var sql = """
            SELECT rowid, bm25(entries_fts, \(Self.columnWeights.title), \(Self.columnWeights.answer), \(Self.columnWeights.context)) AS rank,
                   \(MatchInfo.functionName)(entries_fts) AS info
            FROM entries_fts WHERE entries_fts MATCH ?
            """
        var arguments: StatementArguments = [pattern]
        if let category {
            sql += " AND rowid IN (SELECT rowid FROM entries WHERE category = ?)"
            arguments += [category]
        }
        sql += " ORDER BY rank LIMIT \(Self.candidateLimit)"

        var rows: [(rowid: Int64, bm25: Double, info: MatchInfo)] = []
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            let blob: Data = row["info"] ?? Data()
            rows.append((row["rowid"], row["rank"], MatchInfo(blob: [UInt8](blob), columnCount: IndexStore.columns.count)))
        }
        guard let bestBM25 = rows.map(\.bm25).min(), bestBM25 < 0 else {
            return rows.isEmpty ? [] : rows.map { Candidate(rowid: $0.rowid, score: 0, parts: ScoreParts(coverage: 0, titleCoverage: 0, bm25: 0, matchedTerms: []), matched: [], unitCredit: []) }
        }

        var candidates: [Candidate] = []
        candidates.reserveCapacity(rows.count)
        for row in rows {
            var credit = [Double](repeating: 0, count: query.units.count)
            var titleCredit = credit
            var matched: [Int] = []
            for (phrase, termIndex) in searched.enumerated() {
                let inTitle = row.info.hits(phrase: phrase, column: 0) + row.info.hits(phrase: phrase, column: 2) > 0
                let inAnswer = row.info.hits(phrase: phrase, column: 1) > 0
                guard inTitle || inAnswer else { continue }
                matched.append(termIndex)
                let term = query.terms[termIndex]
                for u in term.units {
                    credit[u] = max(credit[u], term.credit)
                    if inTitle { titleCredit[u] = max(titleCredit[u], term.credit) }
                }
            }
            var covered = 0.0
            var titleCovered = 0.0
            for u in weights.indices {
                covered += weights[u] * credit[u]
                titleCovered += weights[u] * titleCredit[u]
            }
            let coverage = covered / totalWeight
            let titleCoverage = titleCovered / totalWeight
            let bm25 = row.bm25 / bestBM25
            let score = coverage + Self.titleBoost * titleCoverage + Self.bm25Boost * bm25
            candidates.append(
                Candidate(
                    rowid: row.rowid, score: score,
                    parts: ScoreParts(coverage: coverage, titleCoverage: titleCoverage, bm25: bm25, matchedTerms: matched.map { query.terms[$0].text }),
                    matched: matched, unitCredit: credit))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.rowid < $1.rowid }
        return candidates
    }

    /// Confidence that a candidate answers the query: its coverage of what was asked.
    static func confidence(_ candidate: Candidate) -> Double {
        min(1, max(0, candidate.parts.coverage))
    }

    /// Document frequencies of index tokens, from the fts5vocab table.
    func documentFrequencies(_ db: Database, tokens: Set<String>) throws -> [String: Int] {
        guard !tokens.isEmpty else { return [:] }
        var result: [String: Int] = [:]
        let list = Array(tokens)
        // fts5vocab answers `term = ?` by seeking; a statement per batch keeps the plan simple.
        for start in stride(from: 0, to: list.count, by: 64) {
            let batch = Array(list[start..<min(start + 64, list.count)])
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: "SELECT term, doc FROM entries_vocab WHERE term IN (\(marks))")
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(batch))
            while let row = try rows.next() { result[row[0]] = row[1] }
        }
        return result
    }

    /// An FTS5 phrase of exact tokens: `"a"`, or `"a" + "b"` for a sequence. Quotes are doubled,
    /// so no user text can act as query syntax.
    static func phrase(_ tokens: [String]) -> String {
        tokens.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " + ")
    }

    /// Loads entries and highlights for ranked candidates.
    func hits(_ db: Database, query: AnalyzedQuery, candidates: ArraySlice<Candidate>) throws -> [SearchHit] {
        var hits: [SearchHit] = []
        for candidate in candidates {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM entries WHERE rowid = ?"), arguments: [candidate.rowid]) else { continue }
            let entry = try Self.entry(row)
            // Highlight what explains the query: pairs and words, single characters only where no
            // pair covered them, never question words.
            let highlightTerms = candidate.matched.filter { index in
                let term = query.terms[index]
                if term.isFiller { return false }
                if term.kind != .ideograph { return true }
                return term.units.allSatisfy { candidate.unitCredit[$0] <= QueryAnalyzer.Credit.single }
            }
            var title = HighlightedText(marked: entry.title)
            var answer = HighlightedText(marked: entry.answer)
            var snippet = HighlightedText(marked: Self.lead(entry.answer))
            if !highlightTerms.isEmpty {
                let pattern = highlightTerms.map { Self.phrase(query.terms[$0].tokens) }.joined(separator: " OR ")
                let open = String(HighlightedText.open)
                let close = String(HighlightedText.close)
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT highlight(entries_fts, 0, ?1, ?2), highlight(entries_fts, 1, ?1, ?2),
                               snippet(entries_fts, 1, ?1, ?2, '…', 48)
                        FROM entries_fts WHERE entries_fts MATCH ?3 AND rowid = ?4
                        """)
                if let marks = try Row.fetchOne(statement, arguments: [open, close, pattern, candidate.rowid]) {
                    title = HighlightedText(marked: marks[0] ?? entry.title)
                    answer = HighlightedText(marked: marks[1] ?? entry.answer)
                    let snip: String = marks[2] ?? ""
                    if snip.contains(HighlightedText.open) { snippet = HighlightedText(marked: snip) }
                }
            }
            hits.append(
                SearchHit(
                    entry: entry, score: candidate.score, confidence: Self.confidence(candidate), snippet: snippet,
                    highlightedTitle: title, highlightedAnswer: answer, parts: candidate.parts))
        }
        return hits
    }

    /// The first characters of an answer, for a snippet when nothing matched in it.
    static func lead(_ text: String) -> String {
        let limit = 80
        return text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func entry(_ row: Row) throws -> FAQEntry {
        let attachments: String = row["attachments"] ?? "[]"
        return FAQEntry(
            id: row["id"], category: row["category"], pageTitle: row["pageTitle"], title: row["title"],
            answer: row["answer"], url: row["url"], position: row["position"],
            attachments: (try? JSONDecoder().decode([String].self, from: Data(attachments.utf8))) ?? [],
            group: row["grp"])
    }
}
