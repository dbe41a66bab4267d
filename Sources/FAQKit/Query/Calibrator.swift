import Foundation

/// Calibrates an index from the corpus it holds (see `Calibration`), when the index is built.
///
/// Two sets of questions are ranked against the new index:
/// - pseudo-queries made from every entry (a sample of them on a large corpus): its question
///   title with a part cut out, its title's words shuffled, and one of its answer sentences with
///   characters dropped, each expected to find that entry;
/// - the bundled out-of-scope questions (`Corpus/data/out-of-scope.txt`): everyday questions from
///   other fields, expected to find nothing.
/// The answer threshold is set just above nearly all of the out-of-scope scores, but no higher
/// than where most pseudo-queries are still answered; the suggestion threshold sits where
/// out-of-scope questions become common. Nothing here reads evaluation questions, and the cuts
/// are deterministic, so the same corpus always gets the same calibration.
struct Calibrator {
    var engine: SearchEngine

    /// The version of what a calibration finds, part of an index's fingerprint: bump it when a
    /// change to query analysis, scoring or the rules here moves raw scores, so an index
    /// calibrated the old way is rebuilt on its next use rather than kept with stale thresholds.
    /// (A change to the bundled data files needs no bump: their hash is in the fingerprint.)
    static let version = 8

    /// Most entries turned into pseudo-queries (spread evenly over the corpus): enough for stable
    /// quantiles, and a bounded cost on a large index, where each query takes milliseconds.
    static let maxEntries = 200
    /// Share of out-of-scope questions allowed at answer level, and at suggestion level (a "did you
    /// mean" offered to one unrelated question in ten, at most).
    static let outOfScopeAnswerRate = 0.02
    static let outOfScopeSuggestRate = 0.1
    /// Bounds on the answer threshold's raw score: below the floor even a corpus whose answers
    /// share nothing with everyday questions would answer on a word or two; above the ceiling,
    /// paraphrases could never be answered.
    static let answerFloor = 0.3
    static let answerCeiling = 0.7
    /// Margin above the out-of-scope quantile: a held-out unanswerable question is nearer the
    /// domain than everyday ones, and scores a little higher.
    static let outOfScopeMargin = 0.05

    /// Margins tried for near ties between the best two candidates (in raw score and in ranking
    /// score), and the fewest pseudo-queries with such a tie needed to decide on one: a share
    /// measured on fewer than ten is too unsteady to act on (two right of five is no evidence
    /// that ties are wrong more often than not).
    static let ambiguityMargins = [0.01, 0.02, 0.03, 0.05]
    static let minimumAmbiguousSamples = 10

    /// The bundled out-of-scope questions.
    static var outOfScopeQuestions: [String] {
        guard let text = BundledData.text("data/out-of-scope.txt") else { return [] }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// One ranked calibration question: the best and second raw scores, how far the best leads
    /// the second in ranking score, and for a pseudo-query whether its entry came first or among
    /// the first three.
    struct Sample {
        var top: Double
        var second: Double
        var lead: Double = 0
        var right: Bool
        var inTopThree: Bool
        /// How much of the best entry's own question the query asks (1 when unknown).
        var questionMatch: Double = 1

        /// Whether `ask` answers it at answer threshold `answer`: a match found only in the
        /// answer text needs the out-of-scope margin again (`Calibration.answerTextOnlyScore`).
        func answered(at answer: Double) -> Bool {
            top >= answer && !Calibration.isAnswerTextOnlyShortfall(raw: top, questionMatch: questionMatch, answerScore: answer)
        }
    }

    /// Calibrates the newly written index `reader` reads, with the engine a knowledge base opens
    /// on it.
    static func calibrate(_ reader: IndexReader, analyzer: QueryAnalyzer) throws -> Calibration {
        let engine = try SearchEngine.open(reader, analyzer: analyzer)
        let step = max(1, (engine.entryCount + maxEntries - 1) / maxEntries)
        let entries = try reader.sample(every: step)
        return try Calibrator(engine: engine).calibrate(entries: entries, outOfScope: outOfScopeQuestions)
    }

    func calibrate(entries: [(rowid: Int64, title: String, body: String)], outOfScope: [String]) throws -> Calibration {
        var pseudo: [Sample] = []
        for (i, entry) in entries.enumerated() {
            for query in Self.pseudoQueries(title: entry.title, body: entry.body, seed: i) {
                pseudo.append(try sample(query: query, expecting: entry.rowid))
            }
        }
        let negative = try outOfScope.map { try sample(query: $0, expecting: nil) }
        return Self.fit(pseudo: pseudo, outOfScope: negative)
    }

    func sample(query: String, expecting rowid: Int64?) throws -> Sample {
        let ranked = try engine.rank(query: engine.analyze(query), category: nil)
        let top = ranked.first.map(SearchEngine.confidence) ?? 0
        let second = ranked.dropFirst().first.map(SearchEngine.confidence) ?? 0
        let lead = ranked.count > 1 ? ranked[0].score - ranked[1].score : 0
        // A copy of the entry (the same answer repeated on another page) found first is right.
        var right = rowid != nil && ranked.first?.rowid == rowid
        if let rowid, !right, let first = ranked.first {
            right = engine.sameAnswer(first.rowid, rowid)
        }
        let inTopThree = rowid != nil && ranked.prefix(3).contains { $0.rowid == rowid }
        return Sample(
            top: top, second: second, lead: lead, right: right, inTopThree: inTopThree, questionMatch: ranked.first?.parts.questionMatch ?? 1)
    }

    /// The thresholds from the two score distributions.
    static func fit(pseudo: [Sample], outOfScope: [Sample]) -> Calibration {
        guard !outOfScope.isEmpty, !pseudo.isEmpty else { return .uncalibrated }
        let negatives = outOfScope.map(\.top).sorted()
        func quantile(_ q: Double) -> Double {
            negatives[min(negatives.count - 1, max(0, Int((Double(negatives.count) * q).rounded(.up)) - 1))]
        }
        // Answer: just above all but `outOfScopeAnswerRate` of the out-of-scope scores, within bounds.
        var answer = quantile(1 - outOfScopeAnswerRate) + outOfScopeMargin
        answer = min(answerCeiling, max(answerFloor, answer))
        // Suggest: where out-of-scope questions become common, below the answer threshold.
        let suggest = min(answer - 0.05, max(answerFloor * 0.6, quantile(1 - outOfScopeSuggestRate)))
        // Clear: above every out-of-scope score, and as high as a typical pseudo-query that found
        // its entry scores.
        let rightTops = pseudo.filter(\.right).map(\.top).sorted()
        let typical = rightTops.isEmpty ? 0 : rightTops[rightTops.count / 2]
        let clear = min(0.95, max(answer + 0.1, (negatives.last ?? 0) + outOfScopeMargin, typical))

        let answered = pseudo.filter { $0.answered(at: answer) }
        // Ambiguity: the widest margin (of a few) under which answered pseudo-queries whose second
        // candidate is also at answer level, that close to the first in raw score and in ranking
        // score, got their entry first less than half the time; 0 when even near ties are mostly
        // right. Both scores: two entries that account for the question equally (raw 1.0 each)
        // are still told apart when one asks it in its title, and that one is usually right.
        var margin = 0.0
        for candidate in ambiguityMargins {
            let close = answered.filter { $0.second >= answer && $0.top - $0.second < candidate && $0.lead < candidate }
            guard close.count >= minimumAmbiguousSamples else { continue }
            if Double(close.filter(\.right).count) / Double(close.count) < 0.5 { margin = candidate }
        }
        let suggested = pseudo.filter { !$0.answered(at: answer) && $0.top >= suggest }
        let share = { (part: Int, whole: Int) in whole > 0 ? Double(part) / Double(whole) : 0 }
        return Calibration(
            answerScore: answer, suggestScore: suggest, clearScore: clear, ambiguityMargin: margin,
            pseudoQueries: pseudo.count, pseudoTop1: share(pseudo.filter(\.right).count, pseudo.count),
            pseudoAnswered: share(answered.count, pseudo.count), pseudoPrecision: share(answered.filter(\.right).count, answered.count),
            pseudoSuggestedRight: share(suggested.filter(\.inTopThree).count, suggested.count),
            outOfScopeQueries: outOfScope.count,
            outOfScopeAnswered: share(outOfScope.filter { $0.answered(at: answer) }.count, outOfScope.count),
            outOfScopeSuggested: share(outOfScope.filter { !$0.answered(at: answer) && $0.top >= suggest }.count, outOfScope.count))
    }

    // MARK: - Pseudo-queries

    /// Questions a user might ask for an entry, made from its own text without any knowledge of
    /// real questions: the title with a third cut out, the title's halves swapped, and a sentence
    /// of the answer with every third character dropped. `seed` varies where the cuts fall.
    static func pseudoQueries(title: String, body: String, seed: Int) -> [String] {
        var queries: [String] = []
        let t = Array(title.filter { !$0.isPunctuation && !$0.isWhitespace || $0 == " " })
        if t.count >= 4 {
            let cut = max(1, t.count / 3)
            let start = (seed * 7) % (t.count - cut + 1)
            queries.append(String(t[..<start]) + String(t[(start + cut)...]))
            let middle = t.count / 2
            queries.append(String(t[middle...]) + String(t[..<middle]))
        } else if !t.isEmpty {
            queries.append(String(t))
        }
        let sentences = body.split { "。！？!?\n；;".contains($0) }.map { $0.trimmingWhitespace() }.filter { $0.count >= 8 }
        if !sentences.isEmpty {
            let sentence = Array(sentences[seed % min(3, sentences.count)].filter { !$0.isPunctuation })
            let window = Array(sentence.prefix(24))
            let kept = window.enumerated().filter { ($0.offset + seed) % 3 != 0 }.map(\.element)
            if kept.count >= 4 { queries.append(String(kept)) }
        }
        return queries
    }
}
