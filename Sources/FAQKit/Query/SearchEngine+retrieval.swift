import Foundation
import GRDB

/// Retrieval: the rows a query's phrases match, with the evidence the ranker scores (which
/// phrases, in which columns, how often, and each row's column sizes), from the postings in
/// memory, from FTS5, or for a large index from FTS5 in two stages.
extension SearchEngine {
    /// A row that matched at least one searched phrase.
    typealias MatchedRow = (rowid: Int64, bm25: Double, info: MatchInfo, title: [TitleToken])

    /// Restricts an FTS5 match to the entries of one category (the argument after the pattern).
    static let categoryFilter = " AND rowid IN (SELECT rowid FROM entries WHERE category = ?)"

    /// A row's title tokens: from memory when the titles are held there, else by tokenizing
    /// `title` (only evaluated then).
    func titleTokens(rowid: Int64, title: @autoclosure () -> String) -> [TitleToken] {
        if let titles = memory?.titleTokens, rowid >= 0, rowid < titles.count { return titles[Int(rowid)] }
        return Self.titleTokens(title())
    }

    /// Rows matching any of `phrases`, from FTS5. A small index is scored whole, in Swift. A large
    /// one lets FTS5's bm25 pick the best candidates first, so a query never scores more than
    /// `candidateLimit` rows here.
    func matchInFTS5(_ db: Database, phrases: [[String]], idf: [Double], category: String?) throws -> [MatchedRow] {
        let pattern = phrases.map(Self.phrase).joined(separator: " OR ")
        let preselect = entryCount > Self.candidateLimit
        var sql = """
            SELECT rowid, \(MatchInfo.functionName)(entries_fts) AS info\(memory == nil ? ", title" : "")
            FROM entries_fts WHERE entries_fts MATCH ?
            """
        var arguments: StatementArguments = [pattern]
        if let category {
            sql += Self.categoryFilter
            arguments += [category]
        }
        if preselect {
            sql += " ORDER BY rank LIMIT \(Self.candidateLimit)"
        }
        var rows: [MatchedRow] = []
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            let blob: Data = row["info"] ?? Data()
            let rowid: Int64 = row["rowid"]
            let title = titleTokens(rowid: rowid, title: row["title"] ?? "")
            let info = MatchInfo(blob: [UInt8](blob), columnCount: IndexStore.columns.count)
            rows.append((rowid, Self.bm25F(info, idf: idf), info, title))
        }
        return rows
    }

    /// On a large index, FTS5 ranks every row any query phrase matches (reading each row's size
    /// from a B-tree) before `LIMIT` applies, so a query's cost grows with the index. When the
    /// phrases match more than `matchBudget` rows in all, the candidates are picked by the rarest
    /// phrases that fit the budget (at least one); nil when all of them fit. `rows` holds each
    /// phrase's matching rows; the result lists positions in it. Candidates come from the user's
    /// own words (`ownWords`) when there are any: a rare synonym picks the entries about the
    /// synonym, not the one whose question the user typed.
    func retrievalPhrases(rows: [Int], ownWords: [Bool]? = nil) -> [Int]? {
        guard rows.reduce(0, +) > matchBudget else { return nil }
        var eligible = Array(rows.indices)
        if let ownWords, ownWords.contains(true) { eligible = eligible.filter { ownWords[$0] } }
        var kept: [Int] = []
        var total = 0
        for i in eligible.sorted(by: { rows[$0] < rows[$1] }) {
            guard kept.isEmpty || total + rows[i] <= matchBudget else { break }
            kept.append(i)
            total += rows[i]
        }
        return kept
    }

    /// Rows for a large index in two stages: FTS5 ranks the rows the `retrieval` phrases match
    /// and keeps the `candidateLimit` best; then every phrase's evidence is read for those
    /// candidates alone, from their text tokenized into a `PostingsIndex` (the same hits and
    /// sizes FTS5 reports, per `PostingsIndexTests`), with the whole index's column averages.
    /// The cost is bounded by the budget and the candidates, not by the index's size.
    func matchInCandidates(_ db: Database, phrases: [[String]], retrieval: [Int], idf: [Double], category: String?) throws -> [MatchedRow] {
        var arguments: StatementArguments = [retrieval.map { Self.phrase(phrases[$0]) }.joined(separator: " OR ")]
        var sql = "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?"
        if let category {
            sql += Self.categoryFilter
            arguments += [category]
        }
        sql += " ORDER BY rank LIMIT \(Self.candidateLimit)"
        let candidates = try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        guard !candidates.isEmpty else { return [] }
        var documents: [(rowid: Int, columns: [String])] = []
        documents.reserveCapacity(candidates.count)
        if let entries = memory?.entries, !entries.isEmpty {
            for rowid in candidates where rowid >= 0 && rowid < entries.count {
                guard let (entry, body) = entries[Int(rowid)] else { continue }
                documents.append((Int(rowid), [entry.title, body, IndexStore.context(of: entry)]))
            }
        } else {
            let text = try db.cachedStatement(sql: "SELECT title, body, context FROM entries WHERE rowid = ?")
            for rowid in candidates {
                guard let row = try Row.fetchOne(text, arguments: [rowid]) else { continue }
                documents.append((Int(rowid), [row[0], row[1], row[2]]))
            }
        }
        guard let postings = PostingsIndex(rows: documents, columnCount: IndexStore.columns.count, limit: .max) else { return [] }
        let statistics = try self.statistics ?? columnStatistics(db)
        let titles = Dictionary(uniqueKeysWithValues: documents.map { ($0.rowid, $0.columns[0]) })
        return postings.match(phrases: phrases.map { $0.map(TextAnalyzer.hash) }).map { match in
            var info = match.info
            info.rowCount = statistics.rowCount
            info.averageSizes = statistics.averageSizes
            let title = titleTokens(rowid: match.rowid, title: titles[Int(match.rowid)] ?? "")
            return (match.rowid, Self.bm25F(info, idf: idf), info, title)
        }
    }

    /// The index's row count and average column sizes, as FTS5 keeps them: the header of any
    /// row's match info.
    func columnStatistics(_ db: Database) throws -> (rowCount: Int, averageSizes: [Double]) {
        guard let term = try String.fetchOne(db.cachedStatement(sql: "SELECT term FROM terms LIMIT 1")),
            let blob = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT \(MatchInfo.functionName)(entries_fts) FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1"),
                arguments: [Self.phrase([term])])
        else { return (entryCount, [Double](repeating: 1, count: IndexStore.columns.count)) }
        let info = MatchInfo(blob: [UInt8](blob), columnCount: IndexStore.columns.count)
        return (info.rowCount, info.averageSizes)
    }

    /// Rows matching any of `phrases`, from the postings in memory: the same rows and evidence
    /// as `matchInFTS5`, on a large index the `candidateLimit` best by bm25.
    func matchInMemory(_ postings: PostingsIndex, memory: IndexMemory, phrases: [[String]], idf: [Double], category: String?) -> [MatchedRow] {
        let matches = postings.match(phrases: phrases.map { $0.map(TextAnalyzer.hash) }) { rowid in
            guard let category else { return true }
            return rowid < memory.entries.count && memory.entries[Int(rowid)]?.entry.category == category
        }
        var rows: [MatchedRow] = matches.map { match in
            let title = match.rowid < memory.titleTokens.count ? memory.titleTokens[Int(match.rowid)] : []
            return (match.rowid, Self.bm25F(match.info, idf: idf), match.info, title)
        }
        if rows.count > Self.candidateLimit {
            rows.sort { $0.bm25 != $1.bm25 ? $0.bm25 > $1.bm25 : $0.rowid < $1.rowid }
            rows.removeLast(rows.count - Self.candidateLimit)
        }
        return rows
    }

    /// Document frequencies of index tokens from the `terms` table written at build time, when
    /// they are not in memory (a B-tree seek per token; SQLite's fts5vocab table walks its whole vocabulary
    /// per lookup).
    func documentFrequencies(_ db: Database, tokens: [String]) throws -> [UInt64: Int] {
        var result: [UInt64: Int] = [:]
        let statement = try db.cachedStatement(sql: "SELECT df FROM terms WHERE term = ?")
        for token in tokens {
            if let df = try Int.fetchOne(statement, arguments: [token]) { result[TextAnalyzer.hash(token)] = df }
        }
        return result
    }

    /// An FTS5 phrase of exact tokens: `"a"`, or `"a" + "b"` for a sequence. Quotes are doubled,
    /// so no user text can act as query syntax.
    static func phrase(_ tokens: [String]) -> String {
        tokens.map { token in
            "\"" + (token.contains("\"") ? token.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") : token) + "\""
        }.joined(separator: " + ")
    }
}
