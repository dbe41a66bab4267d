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

    /// bm25 column weights: title, body, context.
    static let columnWeights = (title: 4.0, answer: 1.0, context: 1.5)
    /// Candidates taken from FTS5 before reranking.
    static let candidateLimit = 200
    /// Weight of a filler unit relative to a content unit of the same rarity.
    static let fillerWeight = 0.1
    /// Score = coverage + titleBoost × title coverage + questionBoost × question match
    /// + bm25Boost × normalized bm25.
    static let titleBoost = 0.4
    static let questionBoost = 0.4
    static let bm25Boost = 0.25
    /// The documented answer threshold on confidence: below it, `ask` abstains.
    static let confidenceThreshold = 0.5

    /// Numbers and identifiers (`504`, `max_tokens`, `30s`) name exactly what is asked about,
    /// so they weigh double a word or character of the same rarity.
    static func identifierWeight(_ unit: String) -> Double {
        unit.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D } ? 2 : 1
    }

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
            idf(frequencies[unit.text] ?? 0) * (unit.isFiller ? Self.fillerWeight : Self.identifierWeight(unit.text))
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
                   \(MatchInfo.functionName)(entries_fts) AS info, title
            FROM entries_fts WHERE entries_fts MATCH ?
            """
        var arguments: StatementArguments = [pattern]
        if let category {
            sql += " AND rowid IN (SELECT rowid FROM entries WHERE category = ?)"
            arguments += [category]
        }
        sql += " ORDER BY rank LIMIT \(Self.candidateLimit)"

        var rows: [(rowid: Int64, bm25: Double, info: MatchInfo, title: String)] = []
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            let blob: Data = row["info"] ?? Data()
            rows.append((row["rowid"], row["rank"], MatchInfo(blob: [UInt8](blob), columnCount: IndexStore.columns.count), row["title"] ?? ""))
        }
        guard let bestBM25 = rows.map(\.bm25).min(), bestBM25 < 0 else {
            return rows.isEmpty ? [] : rows.map { Candidate(rowid: $0.rowid, score: 0, parts: ScoreParts(coverage: 0, titleCoverage: 0, questionMatch: 0, bm25: 0, matchedTerms: []), matched: [], unitCredit: []) }
        }

        let queryTerms = Set(query.terms.lazy.filter { !$0.isExpansion }.map(\.text))
        var candidates: [Candidate] = []
        candidates.reserveCapacity(rows.count)
        for row in rows {
            var credit = [Double](repeating: 0, count: query.units.count)
            var titleCredit = credit
            var matched: [Int] = []
            for (phrase, termIndex) in searched.enumerated() {
                let inTitle = row.info.hits(phrase: phrase, column: 0) > 0
                let inOther = row.info.hits(phrase: phrase, column: 1) + row.info.hits(phrase: phrase, column: 2) > 0
                guard inTitle || inOther else { continue }
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
            let question = questionMatch(title: row.title, queryTerms: queryTerms)
            let score = coverage + Self.titleBoost * titleCoverage + Self.questionBoost * question + Self.bm25Boost * bm25
            candidates.append(
                Candidate(
                    rowid: row.rowid, score: score,
                    parts: ScoreParts(
                        coverage: coverage, titleCoverage: titleCoverage, questionMatch: question, bm25: bm25,
                        matchedTerms: matched.map { query.terms[$0].text }),
                    matched: matched, unitCredit: credit))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.rowid < $1.rowid }
        return candidates
    }

    /// How much of an entry's question the query asks (the reverse of coverage): the share of
    /// the title's characters and words found in the query, a pair counting fully and a lone
    /// character half, question words counting little. An FAQ answer is right when the two
    /// questions are alike in both directions.
    func questionMatch(title: String, queryTerms: Set<String>) -> Double {
        let tokens = TextAnalyzer.shared.tokens(title)
        var credit: [Int: Double] = [:]
        var unitIndex: [Int] = []  // token index -> unit number
        var units: [String] = []
        for token in tokens {
            if token.kind == .ideograph || token.kind == .word { units.append(token.text) }
            unitIndex.append(units.count - 1)
        }
        guard !units.isEmpty else { return 0 }
        for (i, token) in tokens.enumerated() where queryTerms.contains(token.text) {
            switch token.kind {
            case .ideographPair:
                let u = unitIndex[i]  // the pair precedes its second character's unit
                for v in [u, u + 1] where v >= 0 && v < units.count { credit[v] = 1 }
            case .ideograph, .word:
                credit[unitIndex[i]] = max(credit[unitIndex[i]] ?? 0, token.kind == .word ? 1 : QueryAnalyzer.Credit.single)
            case .wordPart:
                credit[unitIndex[i]] = max(credit[unitIndex[i]] ?? 0, QueryAnalyzer.Credit.wordPart)
            }
        }
        let fillers = QueryAnalyzer.bundled.fillers.matches(in: units).reduce(into: Set<Int>()) { $0.formUnion($1.range) }
        var total = 0.0
        var found = 0.0
        for u in units.indices {
            let weight = fillers.contains(u) ? Self.fillerWeight : 1
            total += weight
            found += weight * (credit[u] ?? 0)
        }
        return total > 0 ? found / total : 0
    }

    /// Confidence that a candidate answers the query: how much of the query it accounts for,
    /// raised towards how much of its own question the query asks when that is higher.
    static func confidence(_ candidate: Candidate) -> Double {
        let parts = candidate.parts
        return min(1, max(0, max(parts.coverage, (parts.coverage + parts.questionMatch) / 2)))
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
            let body: String = row["body"] ?? entry.answer
            var answer = HighlightedText(marked: body)
            var snippet = HighlightedText(marked: Self.lead(body))
            if !highlightTerms.isEmpty {
                let pattern = highlightTerms.map { Self.phrase(Self.highlightTokens(query.terms[$0])) }.joined(separator: " OR ")
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
                    answer = HighlightedText(marked: marks[1] ?? body)
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

    /// Tokens to highlight a term by. FTS5's `highlight()` marks whole positions and skips
    /// colocated tokens, so a pair is highlighted as the phrase of its two characters, which
    /// marks both and merges with neighbouring matches.
    static func highlightTokens(_ term: AnalyzedQuery.Term) -> [String] {
        guard term.kind == .ideographPair else { return term.tokens }
        return term.tokens.flatMap { token in token.count == 2 ? token.map(String.init) : [token] }
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
