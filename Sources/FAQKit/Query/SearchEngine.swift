import Algorithms
import Foundation

/// Ranks entries for an analyzed query, with candidates from the index's ``CandidateSource``.
///
/// Two stages, as search engines do: FTS5 retrieves candidates by bm25 over the query's terms
/// (an OR of quoted terms, title weighted above answer), then each candidate is scored by what
/// makes an FAQ answer right: how much of the question it accounts for (coverage of the query's
/// units, weighted by rarity, question words counting little), whether the question title itself
/// matches, and bm25 as a tie-breaker. Coverage is also the confidence: it does not depend on the
/// bm25 scale, so one threshold holds across queries and corpora.
struct SearchEngine: Sendable {
    /// Number of entries in the index.
    var entryCount: Int
    /// Where candidates and their evidence come from.
    var source: any CandidateSource
    /// The corpus's query analysis: its glossary, question words and the generic tables.
    let analyzer: QueryAnalyzer
    /// Token hashes of question words and fillers (`QueryAnalyzer.fillerTokenHashes`).
    let fillerHashes: TokenSet
    /// Corrects typos to the index's own words and the glossary's English.
    let typos: TypoCorrector
    /// The index's calibration: its thresholds and how raw scores map to confidence.
    var calibration = Calibration.uncalibrated

    init(entryCount: Int, source: any CandidateSource, analyzer: QueryAnalyzer, calibration: Calibration = .uncalibrated) {
        self.entryCount = entryCount
        self.source = source
        self.analyzer = analyzer
        self.fillerHashes = TokenSet(analyzer.fillerTokenHashes)
        // Words a typo can be corrected to: the index's own and the glossary's English.
        let glossaryWords = analyzer.synonyms.groups.joined().flatMap { $0.units.filter { $0.kind == .word }.map(\.text) }
        self.typos = TypoCorrector(words: source.words + glossaryWords)
        self.calibration = calibration
    }

    /// The engine of an open index: what fits of it in memory, and the candidate source that
    /// suits its size, chosen once here.
    static func open(_ reader: IndexReader, analyzer: QueryAnalyzer, calibration: Calibration = .uncalibrated) throws -> SearchEngine {
        let entryCount = try reader.entryCount()
        let memory = try IndexMemory.load(reader, analyzer: analyzer.analyzer)
        let source = try candidateSource(reader: reader.serving(), memory: memory, entryCount: entryCount, analyzer: analyzer.analyzer)
        return SearchEngine(entryCount: entryCount, source: source, analyzer: analyzer, calibration: calibration)
    }

    /// In memory when the postings fit, else FTS5, in two stages on a large index.
    static func candidateSource(reader: IndexReader, memory: IndexMemory?, entryCount: Int, analyzer: TextAnalyzer) throws -> any CandidateSource {
        if let memory, let source = MemoryCandidates(memory: memory) { return source }
        let fts5 = FTS5Candidates(reader: reader, memory: memory, entryCount: entryCount, analyzer: analyzer)
        return entryCount > candidateLimit ? try TwoStageCandidates(fts5: fts5) : fts5
    }

    /// Analyzes a query: its units, terms and expansions (pinyin from the corpus's own pairs,
    /// typo corrections to its words, translations of English words the corpus uses).
    func analyze(_ text: String) -> AnalyzedQuery {
        let pinyin = source.pinyin
        let source = self.source
        return analyzer.analyze(
            text, pinyin: pinyin.map { table in { table[$0] ?? [] } }, typos: typos,
            frequencies: { tokens in (try? source.documentFrequencies(of: tokens)) ?? { _ in 0 } })
    }
    /// Candidates taken from FTS5 before reranking.
    static let candidateLimit = 200
    /// Weight of a filler unit relative to a content unit of the same rarity.
    static let fillerWeight = 0.1
    /// Score = coverage + titleBoost × title coverage + questionBoost × question match
    /// + bm25Boost × normalized bm25.
    static let titleBoost = 0.4
    static let questionBoost = 0.4
    static let bm25Boost = 0.25
    /// The answer threshold on (calibrated) confidence: below it, `ask` does not answer. Every
    /// index maps its own raw answer threshold to this value (see `Calibration`).
    static let confidenceThreshold = Calibration.answerConfidence

    /// Numbers and identifiers (`504`, `max_tokens`, `30s`) name exactly what is asked about,
    /// so they weigh double a word or character of the same rarity.
    static func identifierWeight(_ unit: String) -> Double {
        unit.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D } ? 2 : 1
    }

    /// BM25F (k1 = 1.2, b = 0.75) over the row's columns with `IndexSchema.columnWeights`, from the hit
    /// counts and sizes FTS5 reported: what FTS5's own `bm25()` computes, without its extra pass
    /// over every phrase's postings to count documents (the in-memory frequencies say that).
    static func bm25F<Evidence: BM25Evidence>(_ info: Evidence, idf: [Double]) -> Double {
        let k1 = 1.2
        let b = 0.75
        let weights = IndexSchema.columnWeights
        let columns = min(info.evidenceColumns, weights.count)
        var score = 0.0
        for phrase in idf.indices {
            var tf = 0.0
            for c in 0..<columns {
                let hits = info.hits(phrase: phrase, column: c)
                guard hits > 0 else { continue }
                let average = info.averageSize(c)
                let norm = average > 0 ? 1 - b + b * Double(info.columnSize(c)) / average : 1
                tf += weights[c] * Double(hits) / norm
            }
            if tf > 0 { score += idf[phrase] * tf * (k1 + 1) / (tf + k1) }
        }
        return score
    }

    /// The positions of the `limit` best rows by bm25 (ties to the lower rowid), best first; all
    /// positions, in their order, when there are no more than `limit`. A partial sort of the
    /// positions: sorting rows that hold arrays cost more than scoring them when thousands match.
    static func bestByBM25(_ bm25: [Double], rowids: [Int64], limit: Int) -> [Int] {
        guard bm25.count > limit else { return Array(bm25.indices) }
        return bm25.indices.min(count: limit) { a, b in
            bm25[a] != bm25[b] ? bm25[a] > bm25[b] : rowids[a] < rowids[b]
        }
    }

    /// Inverse document frequency (BM25's, kept positive).
    func idf(_ df: Int) -> Double {
        let n = Double(max(entryCount, 1))
        let d = Double(df)
        return log(1 + (n - d + 0.5) / (d + 0.5))
    }

    /// A matched row with its bm25 over the searched phrases.
    struct ScoredRow {
        var row: MatchedRow
        var bm25: Double
    }

    struct Candidate {
        var rowid: Int64
        var score: Double
        var parts: ScoreParts
        var matched: [Int]  // indexes of query terms matched
        var unitCredit: [Double]
        /// How much of each unit the entry's title accounts for.
        var titleCredit: [Double] = []
    }

    /// Ranks every candidate for `query`. Returns them best first, with the number that matched.
    func rank(query: AnalyzedQuery, category: String?) throws -> [Candidate] {
        guard !query.terms.isEmpty else { return [] }
        var tokens = query.units.map { $0.text }
        for term in query.terms { tokens += term.tokens }
        let frequency = try source.documentFrequencies(of: tokens)
        func df(_ token: String) -> Int { frequency(TextAnalyzer.hash(token)) }

        // Unit weights: rarity, question words discounted.
        let weights = query.units.map { unit -> Double in
            idf(df(unit.text)) * (unit.isFiller ? Self.fillerWeight : Self.identifierWeight(unit.text))
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return [] }

        // Terms worth sending to FTS5: not fillers, and present in the index.
        var searched: [Int] = []
        for (i, term) in query.terms.enumerated() where !term.isFiller {
            if term.tokens.allSatisfy({ df($0) > 0 }) { searched.append(i) }
        }
        // A lone character adds little where a pair in the index already covers it, and common
        // characters cost FTS5 long posting lists: search a character only where no indexed pair
        // of the query includes it.
        var pairedUnits = Set<Int>()
        for i in searched where query.terms[i].kind == .ideographPair && !query.terms[i].isExpansion {
            pairedUnits.formUnion(query.terms[i].units)
        }
        searched.removeAll { i in
            let term = query.terms[i]
            return term.kind == .ideograph && !term.isExpansion && term.units.allSatisfy(pairedUnits.contains)
        }
        // On a large index, a phrase in more than a tenth of the entries says little about which
        // is right (its idf is near zero) but makes FTS5 visit that many rows: leave such phrases
        // out, keeping at least the rarest few.
        if entryCount > Self.candidateLimit {
            let common = max(Self.candidateLimit, entryCount / 10)
            let rarity = { (i: Int) in query.terms[i].tokens.map(df).min() ?? 0 }
            let selective = searched.filter { rarity($0) <= common }
            searched = selective.count >= 3 ? selective : Array(searched.sorted { rarity($0) < rarity($1) }.prefix(3))
        }
        guard !searched.isEmpty else { return [] }

        // Each searched phrase's rarity: a phrase is as rare as its rarest token, at least.
        let phraseDF = searched.map { i in query.terms[i].tokens.map(df).min() ?? 0 }
        let phraseIDF = phraseDF.map(idf)
        let request = MatchRequest(
            phrases: searched.map { query.terms[$0].tokens }, documentFrequencies: phraseDF,
            ownWords: searched.map { !query.terms[$0].isExpansion }, category: category,
            phraseIDF: phraseIDF, limit: Self.candidateLimit)
        let matched = try source.match(request)
        let bm25 = matched.map { Self.bm25F($0.info, idf: phraseIDF) }
        // A large index is scored on its `candidateLimit` best rows by bm25 (sources return no
        // more, but the ranker does not rely on it).
        let kept = Self.bestByBM25(bm25, rowids: matched.map(\.rowid), limit: Self.candidateLimit)
        let rows = kept.map { ScoredRow(row: matched[$0], bm25: bm25[$0]) }
        guard let bestBM25 = rows.map(\.bm25).max(), bestBM25 > 0 else {
            return rows.isEmpty
                ? []
                : rows.map {
                    Candidate(
                        rowid: $0.row.rowid, score: 0, parts: ScoreParts(coverage: 0, titleCoverage: 0, questionMatch: 0, bm25: 0, matchedTerms: []),
                        matched: [], unitCredit: [])
                }
        }

        // What the query asks, in index tokens: its own terms and its one-token synonyms (so an
        // English question can match a Chinese title). A longer synonym is a phrase; one of its
        // pairs alone (输出 of 输出长度限制) says nothing about the question.
        let queryTerms = TokenSet(query.terms.lazy.filter { !$0.isExpansion || $0.tokens.count == 1 }.flatMap { $0.tokens }.map(TextAnalyzer.hash))
        // An entry that matches nothing but question words (`如何` for `怎么办`) says nothing about
        // what is asked, so it is no result, as a query of question words alone finds none. Read
        // from the units, once per query: an expansion of a question word is not marked a filler
        // itself (it is searched, and its match in a title helps to rank).
        let isQuestionWord = query.terms.map { term in term.units.allSatisfy { query.units[$0].isFiller } }
        var candidates: [Candidate] = []
        candidates.reserveCapacity(rows.count)
        for scored in rows {
            let row = scored.row
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
            if matched.allSatisfy({ isQuestionWord[$0] }) { continue }
            var covered = 0.0
            var titleCovered = 0.0
            for u in weights.indices {
                covered += weights[u] * credit[u]
                titleCovered += weights[u] * titleCredit[u]
            }
            let coverage = covered / totalWeight
            let titleCoverage = titleCovered / totalWeight
            let bm25 = scored.bm25 / bestBM25
            let question = questionMatch(title: row.title, queryTerms: queryTerms, fillers: fillerHashes)
            let score = coverage + Self.titleBoost * titleCoverage + Self.questionBoost * question + Self.bm25Boost * bm25
            candidates.append(
                Candidate(
                    rowid: row.rowid, score: score,
                    parts: ScoreParts(
                        coverage: coverage, titleCoverage: titleCoverage, questionMatch: question, bm25: bm25, matchedTerms: []),
                    matched: matched, unitCredit: credit, titleCredit: titleCredit))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.rowid < $1.rowid }
        return candidates
    }

    /// How much of an entry's question the query asks (the reverse of coverage): the share of
    /// the title's characters and words found in the query, a pair counting fully and a lone
    /// character half, question words counting little. An FAQ answer is right when the two
    /// questions are alike in both directions.
    func questionMatch(title: [TitleToken], queryTerms: TokenSet, fillers: TokenSet) -> Double {
        // Each character or word is a unit; a pair credits both of its characters, a lone
        // character half, an identifier part most of its word.
        var total = 0.0
        var found = 0.0
        var unit: (credit: Double, isFiller: Bool)? = nil
        func finishUnit() {
            guard let unit else { return }
            let weight = unit.isFiller ? Self.fillerWeight : 1
            total += weight
            found += weight * unit.credit
        }
        var pairMatched = false  // the pair just seen matched: its second character comes next
        var pairFiller = false
        for token in title {
            let matched = queryTerms.contains(token.hash)
            switch token.kind {
            case .ideograph:
                finishUnit()
                unit = (pairMatched ? 1 : (matched ? QueryAnalyzer.Credit.single : 0), pairFiller || fillers.contains(token.hash))
                pairMatched = false
                pairFiller = false
            case .word:
                finishUnit()
                unit = (matched ? 1 : 0, fillers.contains(token.hash))
                pairMatched = false
                pairFiller = false
            case .ideographPair:
                let filler = fillers.contains(token.hash)
                if matched { unit?.credit = 1 }
                if filler { unit?.isFiller = true }
                pairMatched = matched
                pairFiller = filler
            case .wordPart:
                if matched, let credit = unit?.credit { unit?.credit = max(credit, QueryAnalyzer.Credit.wordPart) }
            }
        }
        finishUnit()
        return total > 0 ? found / total : 0
    }

    /// The raw score `ask` decides on: how much of the query a candidate accounts for, raised
    /// towards how much of its own question the query asks when that is higher. Its scale
    /// depends on the corpus; `Calibration.confidence(raw:)` turns it into the confidence shown.
    static func confidence(_ candidate: Candidate) -> Double {
        let parts = candidate.parts
        return min(1, max(0, max(parts.coverage, (parts.coverage + parts.questionMatch) / 2)))
    }

    /// What `ask` does with ranked candidates: answer when the best one reaches the answer
    /// threshold (a margin higher when its own question shares nothing with the user's, see
    /// `Calibration.answerTextOnlyScore`) and is not in a near tie with the second (see
    /// `Calibration.ambiguityMargin`); suggest the best few when it reaches the suggestion
    /// threshold (or is at answer level but in a near tie, or short of that margin); otherwise
    /// hand off.
    func decide(_ ranked: [Candidate]) -> AskDecision {
        Self.decide(ranked, calibration: calibration, sameAnswer: sameAnswer)
    }

    /// Whether two candidates give the same answer: a FAQ that repeats a section word for word
    /// (one for the desktop app, one for the phone) ties with itself, and that tie is no
    /// ambiguity. Read only for a near tie, so loading the two answers costs nothing otherwise.
    func sameAnswer(_ a: Int64, _ b: Int64) -> Bool {
        guard let records = try? source.records([a, b]), let first = records[a], let second = records[b] else {
            return false
        }
        return Self.normalizedAnswer(first.entry.answer) == Self.normalizedAnswer(second.entry.answer)
    }

    /// An answer with its white space folded, as duplicates are compared.
    static func normalizedAnswer(_ answer: String) -> String {
        answer.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func decide(
        _ ranked: [Candidate], calibration c: Calibration, sameAnswer: (Int64, Int64) -> Bool = { _, _ in false }
    ) -> AskDecision {
        guard let best = ranked.first else {
            return AskDecision(outcome: .handoff, raw: 0, confidence: 0, runnerUp: 0, rule: .noMatch)
        }
        let raw = confidence(best)
        let second = ranked.dropFirst().first
        let runnerUp = second.map(confidence) ?? 0
        let lead = second.map { best.score - $0.score } ?? 0
        let confidence = c.confidence(raw: raw)
        let decision = { (outcome: AskOutcome, rule: AskDecision.Rule) in
            AskDecision(outcome: outcome, raw: raw, confidence: confidence, runnerUp: runnerUp, lead: lead, rule: rule)
        }
        if raw >= c.answerScore {
            if c.ambiguityMargin > 0 && runnerUp >= c.answerScore && raw - runnerUp < c.ambiguityMargin && lead < c.ambiguityMargin,
                let second, !sameAnswer(best.rowid, second.rowid)
            {
                return decision(.suggest, .ambiguous(margin: c.ambiguityMargin))
            }
            if Calibration.isAnswerTextOnlyShortfall(raw: raw, questionMatch: best.parts.questionMatch, answerScore: c.answerScore) {
                return decision(.suggest, .answerTextOnly(answerScore: c.answerTextOnlyScore))
            }
            return decision(.answer, .answerLevel(answerScore: c.answerScore))
        }
        if raw >= c.suggestScore {
            return decision(.suggest, .suggestionBand(suggestScore: c.suggestScore, answerScore: c.answerScore))
        }
        return decision(.handoff, .belowSuggestion(suggestScore: c.suggestScore))
    }

    /// Most candidate questions offered in the suggestion band.
    static let suggestionLimit = 3

    /// The suggestions among the first hits: the best two or three that matched anything.
    static func suggestions(_ hits: [SearchHit]) -> [SearchHit] {
        Array(hits.prefix(suggestionLimit).filter { $0.parts.rawConfidence > 0 })
    }

    /// Loads entries for ranked candidates in one statement and highlights them. The whole
    /// answer is highlighted only for the first `highlightedAnswers` hits (what `ask` shows).
    func hits(
        query: AnalyzedQuery, candidates: ArraySlice<Candidate>, highlight: Bool = true, highlightedAnswers: Int = 0
    ) throws -> [SearchHit] {
        guard !candidates.isEmpty else { return [] }
        let loaded = try source.records(candidates.map(\.rowid))

        let passages = PassageSelector()
        let unmarked = Highlighter(terms: [], analyzer: analyzer.analyzer)
        var hits: [SearchHit] = []
        hits.reserveCapacity(candidates.count)
        for (rank, candidate) in candidates.enumerated() {
            guard let record = loaded[candidate.rowid] else { continue }
            let (entry, body) = (record.entry, record.body)
            // Each hit is highlighted with what matched it, so a character another hit matched
            // alone is not lit in this one.
            let highlightTerms = Self.highlightTerms(query: query, candidate: candidate)
            let matcher = Highlighter(terms: highlightTerms.flatMap { query.terms[$0].tokens }, analyzer: analyzer.analyzer)
            let highlighter = highlight ? matcher : unmarked
            var parts = candidate.parts
            parts.rawConfidence = Self.confidence(candidate)
            parts.matchedTerms = candidate.matched.map { query.terms[$0].text }
            // The answer's matches: from the postings in memory when there are any, by
            // tokenizing it otherwise.
            let ranges = (highlight ? source.answerRanges(of: highlighter.hashes, rowid: candidate.rowid) : nil) ?? highlighter.ranges(in: body)
            // A long answer is given as its passage that answers the query, found from the
            // matches whether or not they are shown highlighted.
            var passage: AnswerPassage?
            if body.utf8.count > passages.maxLength {
                // What the query asks beyond the entry's own question chooses the passage. The
                // words the title accounts for are what the whole answer is about, and where the
                // answer repeats them (a step that names the failure again, a description of the
                // problem) is not where it answers: a query that asks only the title gets the
                // answer from its start.
                let beyond = highlightTerms.filter { index in
                    candidate.titleCredit.isEmpty || query.terms[index].units.contains { candidate.titleCredit[$0] == 0 }
                }
                // The stored match positions when the source keeps them, else a scan of the text.
                func positions(of terms: Highlighter) -> [Range<Int>] {
                    source.answerRanges(of: terms.hashes, rowid: candidate.rowid) ?? terms.ranges(in: body)
                }
                let matches: [Range<Int>]
                if beyond.count == highlightTerms.count {
                    matches = highlight ? ranges : positions(of: matcher)
                } else {
                    let chooser = Highlighter(terms: beyond.flatMap { query.terms[$0].tokens }, analyzer: analyzer.analyzer)
                    matches = chooser.isEmpty ? [] : positions(of: chooser)
                }
                passage = passages.passage(answer: entry.answer, body: body, ranges: matches, highlighter: highlighter)
            }
            hits.append(
                SearchHit(
                    entry: entry, score: candidate.score, confidence: calibration.confidence(raw: parts.rawConfidence),
                    snippet: highlighter.snippet(body, ranges: ranges), highlightedTitle: highlighter.mark(entry.title),
                    highlightedAnswer: rank < highlightedAnswers ? highlighter.mark(body, ranges: ranges) : HighlightedText(marked: body),
                    parts: parts, passage: passage))
        }
        return hits
    }

    /// The query terms that explain a candidate's match, to highlight: pairs and words, single
    /// characters only where no pair covered them, a part of a word (`4` of `ulb4`) only where
    /// the whole word did not match, never question words.
    static func highlightTerms(query: AnalyzedQuery, candidate: Candidate) -> [Int] {
        candidate.matched.filter { index in
            let term = query.terms[index]
            if term.isFiller { return false }
            switch term.kind {
            case .ideograph: return term.units.allSatisfy { candidate.unitCredit[$0] <= QueryAnalyzer.Credit.single }
            case .wordPart: return term.units.allSatisfy { candidate.unitCredit[$0] <= QueryAnalyzer.Credit.wordPart }
            default: return true
            }
        }
    }
}
