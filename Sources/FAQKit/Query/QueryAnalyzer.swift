import Foundation

/// Builds an `AnalyzedQuery` from user text: the same tokenizer as the index, question words
/// marked, synonyms and glossary terms added as expansions.
public struct QueryAnalyzer: Sendable {
    public var analyzer: TextAnalyzer
    public var synonyms: PhraseTable {
        didSet { synonymTerms = Self.expansionTerms(of: synonyms) }
    }
    /// Each synonym group member as the expansion term it adds (nil: it adds none), with its
    /// text's hash, built once with the table: a query copies them rather than building strings.
    private var synonymTerms: [[(term: AnalyzedQuery.Term, hash: UInt64)?]] = []
    public var fillers: PhraseTable
    /// Pinyin syllables and readings, for Latin words typed as toneless pinyin (`fapiao`).
    public var pinyinTable: PinyinTable
    /// English words → Chinese, for English questions on a Chinese corpus.
    public var lexicon: BilingualLexicon

    /// Credit of each kind of term (see `AnalyzedQuery.Term.credit`).
    enum Credit {
        static let pair = 1.0
        static let word = 1.0
        static let wordPart = 0.6
        static let single = 0.5
        /// Multiplier for terms that come from a synonym.
        static let expansion = 0.85
        /// Multiplier for a dictionary translation of an English word: half, as a lone
        /// character counts, since the dictionary knows the word's senses but not which is
        /// meant. At 0.75, everyday English questions matched common words through it
        /// (`what time does the supermarket close` → 时间, 关闭) and raised the out-of-scope
        /// scores a corpus calibrates on (Kimi's answer threshold went from 0.458 to 0.509).
        static let translation = 0.5
    }

    /// Hashes of the tokens that make up question words and fillers: a one-unit filler's own
    /// token, and each character pair of a longer Chinese one (`如何` → the pair 如何).
    public var fillerTokenHashes: Set<UInt64> {
        var result = Set<UInt64>()
        for group in fillers.groups {
            for member in group {
                let tokens = analyzer.tokens(member.text)
                let units = member.units
                if units.count == 1 {
                    result.insert(TextAnalyzer.hash(units[0].text))
                } else {
                    for token in tokens where token.kind == .ideographPair { result.insert(TextAnalyzer.hash(token.text)) }
                }
            }
        }
        return result
    }

    /// Most expansion terms one query may add, so a query listing many glossary words stays fast.
    static let maxExpansionTerms = 64

    /// - Parameters:
    ///   - pinyin: how Latin words split into pinyin syllables, to look them up among the
    ///     corpus's character pairs (empty: no pinyin matching).
    public init(
        analyzer: TextAnalyzer, synonyms: PhraseTable = PhraseTable(), fillers: PhraseTable = PhraseTable(), pinyin: PinyinTable = PinyinTable(),
        lexicon: BilingualLexicon = BilingualLexicon()
    ) {
        self.analyzer = analyzer
        self.synonyms = synonyms
        self.synonymTerms = Self.expansionTerms(of: synonyms)
        self.fillers = fillers
        self.pinyinTable = pinyin
        self.lexicon = lexicon
    }

    /// Analyzes `text`. `pinyin` looks a pinyin key (`fapiao`) up among the corpus's character
    /// pairs; without it, Latin words are only words.
    /// - Parameters:
    ///   - typos: corrects one typing mistake in longer Latin words the index does not know.
    ///   - frequencies: the corpus's document frequencies of index tokens, to keep the
    ///     translations of English words the corpus uses; without it, no translations.
    public func analyze(
        _ text: String, pinyin: ((String) -> [String])? = nil, typos: TypoCorrector? = nil,
        frequencies: (([String]) -> (UInt64) -> Int)? = nil
    ) -> AnalyzedQuery {
        let tokens = analyzer.tokens(text)
        var units: [AnalyzedQuery.Unit] = []
        /// Whether each unit is a Latin word (else one CJK character).
        var unitIsWord: [Bool] = []
        var terms: [AnalyzedQuery.Term] = []
        var lastIdeograph: (unit: Int, end: Int)? = nil
        var currentWordUnit = -1

        for token in tokens {
            switch token.kind {
            case .ideograph:
                units.append(.init(text: token.text, isFiller: false))
                unitIsWord.append(false)
                let unit = units.count - 1
                terms.append(
                    .init(
                        text: token.text, tokens: [token.text], kind: .ideograph, units: [unit], credit: Credit.single, isExpansion: false,
                        isFiller: false))
                lastIdeograph = (unit, token.end)
            case .ideographPair:
                // Emitted just before the second character's unigram: it joins the last unit and the next.
                guard let last = lastIdeograph else { continue }
                terms.append(
                    .init(
                        text: token.text, tokens: [token.text], kind: .ideographPair, units: [last.unit, last.unit + 1], credit: Credit.pair,
                        isExpansion: false, isFiller: false))
            case .word:
                units.append(.init(text: token.text, isFiller: false))
                unitIsWord.append(true)
                currentWordUnit = units.count - 1
                terms.append(
                    .init(
                        text: token.text, tokens: [token.text], kind: .word, units: [currentWordUnit], credit: Credit.word, isExpansion: false,
                        isFiller: false))
                lastIdeograph = nil
            case .wordPart:
                guard currentWordUnit >= 0 else { continue }
                terms.append(
                    .init(
                        text: token.text, tokens: [token.text], kind: .wordPart, units: [currentWordUnit], credit: Credit.wordPart,
                        isExpansion: false, isFiller: false))
            }
        }

        // Typos: a corrected word joins the query as an expansion of what was typed, and
        // synonyms are looked up under the corrected spelling.
        var matchingTexts = units.map { $0.text }
        var corrected = Set<Int>()
        // Corrections that only change a word's inflection (`users` → `user`): the word was meant
        // as typed, so it keeps its own translations.
        var inflected = Set<Int>()
        if let typos {
            for u in units.indices {
                let typed = units[u].text
                guard let fix = typos.correct(typed) else { continue }
                // A word the dictionary lists is meant as written (`reset` is not `preset`), though
                // it may still match its inflection in the corpus (`guest` → `guests`).
                if !lexicon.translations(of: typed).isEmpty && !BilingualLexicon.forms(of: fix).contains(typed)
                    && !BilingualLexicon.forms(of: typed).contains(fix)
                {
                    continue
                }
                matchingTexts[u] = fix
                corrected.insert(u)
                if BilingualLexicon.forms(of: fix).contains(typed) || BilingualLexicon.forms(of: typed).contains(fix) { inflected.insert(u) }
                terms.append(
                    .init(
                        text: fix, tokens: [fix], kind: .word, units: [u], credit: Credit.word * Credit.expansion,
                        isExpansion: true, isFiller: false))
            }
        }
        let unitHashes = matchingTexts.map(TextAnalyzer.hash)
        for match in fillers.matches(in: unitHashes) {
            for u in match.range { units[u].isFiller = true }
        }
        for i in terms.indices {
            terms[i].isFiller = terms[i].units.allSatisfy { units[$0].isFiller }
        }

        // Synonym expansions: the other members of each group found in the query.
        var seen = Set(terms.map { TextAnalyzer.hash($0.text) })
        var added = 0
        let synonymMatches = synonyms.matches(in: unitHashes)
        expansion: for match in synonymMatches {
            let spanUnits = Array(match.range)
            for (index, expansion) in synonymTerms[match.group].enumerated() where index != match.member {
                guard var term = expansion?.term, let hash = expansion?.hash, seen.insert(hash).inserted else { continue }
                term.units = spanUnits
                terms.append(term)
                added += 1
                if added >= Self.maxExpansionTerms { break expansion }
            }
        }
        let synonymUnits = Set(synonymMatches.flatMap { $0.range }).union(corrected)
        if let frequencies, !lexicon.isEmpty {
            // A word the glossary knows by itself is left to it, and so is a typo's correction; a
            // word of a longer glossary phrase (`limits` of `rate limits`) may still name what the
            // corpus calls it, and so may an inflection the corrector found (`users` → `user`).
            let known = Set(synonymMatches.filter { $0.range.count == 1 }.flatMap { $0.range }).union(corrected.subtracting(inflected))
            addTranslations(units: units, unitIsWord: unitIsWord, skipping: known, frequencies: frequencies, to: &terms, seen: &seen)
        }
        if let pinyin {
            addPinyinTerms(units: units, unitIsWord: unitIsWord, skipping: synonymUnits, lookup: pinyin, to: &terms, seen: &seen)
        }
        return AnalyzedQuery(text: text, units: units, terms: terms)
    }

    /// Most translations one English word adds.
    static let maxTranslations = 3

    /// English words the glossary did not understand, and that are not question words, add the
    /// Chinese words the lexicon translates them to, the most common first, keeping at most
    /// `maxTranslations` the corpus uses (so the corpus picks the sense: `bill` is 账单 in a
    /// billing FAQ). Each is a phrase of its character pairs, as a synonym is.
    private func addTranslations(
        units: [AnalyzedQuery.Unit], unitIsWord: [Bool], skipping: Set<Int>, frequencies: ([String]) -> (UInt64) -> Int,
        to terms: inout [AnalyzedQuery.Term], seen: inout Set<UInt64>
    ) {
        // Each word's translations, per listed form (the word, then its base forms).
        var candidates: [(unit: Int, form: Int, tokens: [TextAnalyzer.Token])] = []
        for (u, unit) in units.enumerated() {
            guard unitIsWord[u], !unit.isFiller, !skipping.contains(u), unit.text.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            for (form, translations) in lexicon.translationsByForm(of: unit.text).enumerated() {
                for chinese in translations {
                    let parts = analyzer.tokens(chinese).filter { $0.kind == .ideograph }
                    guard parts.count >= 2 else { continue }
                    candidates.append((u, form, parts))
                }
            }
        }
        guard !candidates.isEmpty else { return }
        let pairs = candidates.map { candidate in zip(candidate.tokens, candidate.tokens.dropFirst()).map { $0.text + $1.text } }
        let frequency = frequencies(pairs.flatMap { $0 })
        let inCorpus = pairs.map { $0.allSatisfy { frequency(TextAnalyzer.hash($0)) > 0 } }
        // A word takes the translations of its first form the corpus uses any of.
        var chosenForm: [Int: Int] = [:]
        for (candidate, used) in zip(candidates, inCorpus) where used && chosenForm[candidate.unit] == nil {
            chosenForm[candidate.unit] = candidate.form
        }
        var kept: [Int: Int] = [:]
        for (candidate, used) in zip(candidates, inCorpus) {
            guard used, chosenForm[candidate.unit] == candidate.form, kept[candidate.unit, default: 0] < Self.maxTranslations,
                let term = Self.expansionTerm(candidate.tokens, [candidate.unit], multiplier: Credit.translation),
                seen.insert(TextAnalyzer.hash(term.text)).inserted
            else { continue }
            terms.append(term)
            kept[candidate.unit, default: 0] += 1
        }
    }

    /// Most Chinese terms one pinyin syllable pair may stand for.
    static let maxPinyinTerms = 3

    /// Pinyin: runs of Latin words that split wholly into syllables (`shiming renzheng`,
    /// `fapiao`) are read as syllables, and each neighbouring pair of syllables that names a pair
    /// of characters in the corpus adds that pair as an expansion of the words it came from.
    /// Words a synonym group already understood, and question words, are left as English.
    private func addPinyinTerms(
        units: [AnalyzedQuery.Unit], unitIsWord: [Bool], skipping: Set<Int>,
        lookup: (String) -> [String], to terms: inout [AnalyzedQuery.Term], seen: inout Set<UInt64>
    ) {
        // Runs of word units, with their syllables.
        var run: [(syllable: String, unit: Int)] = []
        func flush() {
            defer { run.removeAll() }
            guard run.count >= 2 else { return }
            for k in 1..<run.count {
                let key = run[k - 1].syllable + run[k].syllable
                let spanUnits = Array(Set([run[k - 1].unit, run[k].unit])).sorted()
                for term in lookup(key).prefix(Self.maxPinyinTerms) where seen.insert(TextAnalyzer.hash(term)).inserted {
                    terms.append(
                        .init(
                            text: term, tokens: [term], kind: .ideographPair, units: spanUnits,
                            credit: Credit.pair * Credit.expansion, isExpansion: true, isFiller: false))
                }
            }
        }
        for (index, unit) in units.enumerated() {
            guard unitIsWord[index], !unit.isFiller, !skipping.contains(index), let syllables = pinyinTable.segment(unit.text) else {
                flush()
                continue
            }
            run += syllables.map { ($0, index) }
        }
        flush()
    }

    /// The expansion terms of every member of `table`'s groups (their units filled in per query).
    private static func expansionTerms(of table: PhraseTable) -> [[(term: AnalyzedQuery.Term, hash: UInt64)?]] {
        table.groups.map { group in
            group.map { member in
                expansionTerm(member.units, []).map { ($0, TextAnalyzer.hash($0.text)) }
            }
        }
    }

    /// A synonym as one term: a single token where it is one character, one pair or one word,
    /// else a phrase of its characters and words (`开具发票` → 开 具 发 票 in sequence), so a
    /// synonym never matches by scattered pieces.
    /// `multiplier` is how much less than the user's own word it counts (a synonym's, or a
    /// dictionary translation's).
    private static func expansionTerm(
        _ units: [TextAnalyzer.Token], _ span: [Int], multiplier: Double = Credit.expansion
    ) -> AnalyzedQuery.Term? {
        guard !units.isEmpty else { return nil }
        let texts = units.map { $0.text }
        let allIdeographs = units.allSatisfy { $0.kind == .ideograph }
        let kind: TextAnalyzer.TokenKind
        let tokens: [String]
        let credit: Double
        let contiguous = zip(units, units.dropFirst()).allSatisfy { $0.end == $1.start }
        if allIdeographs && contiguous && units.count >= 2 {
            // Overlapping pairs in sequence (开具 具发 发票): one rare token per position, so FTS5
            // finds the phrase with few, selective lookups, and a member absent from the corpus is
            // dropped before the query by its pairs' document frequencies.
            (kind, tokens, credit) = (.ideographPair, zip(texts, texts.dropFirst()).map { $0 + $1 }, Credit.pair)
        } else if units.count == 1 {
            kind = units[0].kind
            tokens = texts
            credit = kind == .ideograph ? Credit.single : Credit.word
        } else {
            (kind, tokens, credit) = (allIdeographs ? .ideographPair : .word, texts, Credit.pair)
        }
        return .init(
            text: allIdeographs ? texts.joined() : texts.joined(separator: " "), tokens: tokens, kind: kind,
            units: span, credit: credit * multiplier, isExpansion: true, isFiller: false)
    }
}
