import Foundation
import Testing

@testable import FAQKit

/// English words reach Chinese entries through the dictionary, keeping only the senses the
/// corpus uses.
struct BilingualLexiconTests {
    @Test(arguments: [
        ("bills", "bill"), ("queries", "query"), ("truncated", "truncate"), ("limiting", "limit"), ("stopped", "stop"),
        ("charges", "charge"), ("charging", "charge"),
    ])
    func looksAnInflectedWordUpByItsStem(word: String, base: String) {
        #expect(BilingualLexicon.forms(of: word).contains(base))
    }

    @Test func keepsWordsThatEndLikeAnInflection() {
        let lexicon = BilingualLexicon(tsv: "glass\t玻璃\nglas\t错误\n")
        #expect(lexicon.translations(of: "glass") == ["玻璃"])
        #expect(BilingualLexicon.forms(of: "glass") == ["glass"])
    }

    @Test func readsTheTableAndPrefersTheListedForm() {
        let lexicon = BilingualLexicon(tsv: "# comment\noutput\t产量 输出\nbill\t法案 账单\nbills\t钞票\n")
        #expect(lexicon.translations(of: "output") == ["产量", "输出"])
        #expect(lexicon.translations(of: "outputs") == ["产量", "输出"])
        #expect(lexicon.translations(of: "bills") == ["钞票"])
        #expect(lexicon.translations(of: "nothing").isEmpty)
    }

    @Test func listsEachFormsTranslationsWordFirst() {
        let lexicon = BilingualLexicon(tsv: "limit\t范围 限制\nlimits\t界线\n")
        #expect(lexicon.translationsByForm(of: "limits") == [["界线"], ["范围", "限制"]])
        #expect(lexicon.translationsByForm(of: "limit") == [["范围", "限制"]])
        #expect(lexicon.translationsByForm(of: "unknown").isEmpty)
    }

    /// An inflection listed with a sense the corpus never uses (`limits` → 界线) falls back to its
    /// base form's senses (`limit` → 限制); one whose own sense the corpus uses keeps it.
    @Test func anInflectionTakesItsBaseFormsSensesWhenItsOwnAreUnused() {
        let lexicon = "limit\t范围 限制\nlimits\t界线\nbill\t账单\nbills\t钞票\n"
        let limits = analysis("rate limits", lexicon: lexicon, corpus: ["限制", "账单"])
        #expect(Set(limits.terms.filter(\.isExpansion).map(\.text)) == ["限制"])
        let bills = analysis("my bills", lexicon: lexicon, corpus: ["钞票", "账单"])
        #expect(Set(bills.terms.filter(\.isExpansion).map(\.text)) == ["钞票"])
    }

    /// An analyzer over a small lexicon, with the corpus holding the pairs of `corpus`.
    func analysis(_ question: String, lexicon: String, corpus: [String], synonyms: String = "") -> AnalyzedQuery {
        let text = TextAnalyzer()
        let analyzer = QueryAnalyzer(
            analyzer: text, synonyms: PhraseTable(synonyms: synonyms, analyzer: text),
            fillers: PhraseTable(wordList: "why\nis\nmy", analyzer: text), lexicon: BilingualLexicon(tsv: lexicon))
        let known = Set(
            corpus.flatMap { word in
                let chars = Array(word)
                return zip(chars, chars.dropFirst()).map { TextAnalyzer.hash(String([$0, $1])) }
            })
        return analyzer.analyze(question, frequencies: { _ in { known.contains($0) ? 1 : 0 } })
    }

    @Test func addsOnlyTheTranslationsTheCorpusUses() {
        let result = analysis("why is my output truncated", lexicon: "output\t产量 输出 出品\ntruncate\t截断\n", corpus: ["输出", "截断"])
        let expansions = result.terms.filter(\.isExpansion)
        #expect(Set(expansions.map(\.text)) == ["输出", "截断"])
        let output = result.units.firstIndex { $0.text == "output" }
        #expect(expansions.first { $0.text == "输出" }?.units == output.map { [$0] })
        let own = result.terms.first { $0.text == "output" }
        #expect(expansions.allSatisfy { $0.credit < (own?.credit ?? 0) })
    }

    @Test func leavesQuestionWordsAndGlossaryWordsToThemselves() {
        let result = analysis(
            "why is my invoice late", lexicon: "why\t为何\ninvoice\t发货单\nlate\t迟到 晚点\n", corpus: ["为何", "发货单", "迟到", "发票"],
            synonyms: "发票 | invoice")
        let expansions = Set(result.terms.filter(\.isExpansion).map(\.text))
        #expect(expansions.contains("发票"))
        #expect(expansions.contains("迟到"))
        #expect(!expansions.contains("为何"), "a question word is not translated")
        #expect(!expansions.contains("发货单"), "the glossary's reading of a word wins over the dictionary's")
    }

    @Test func keepsAtMostThreeTranslationsOfAWord() {
        let words = ["甲乙", "丙丁", "戊己", "庚辛", "壬癸"]
        let result = analysis("take", lexicon: "take\t" + words.joined(separator: " ") + "\n", corpus: words)
        #expect(result.terms.filter(\.isExpansion).map(\.text) == Array(words.prefix(3)))
    }

    @Test func withoutTheCorpusFrequenciesNothingIsTranslated() {
        let text = TextAnalyzer()
        let analyzer = QueryAnalyzer(analyzer: text, lexicon: BilingualLexicon(tsv: "output\t输出\n"))
        #expect(analyzer.analyze("output").terms.allSatisfy { !$0.isExpansion })
    }

    /// A word the dictionary lists is meant as written: typo correction does not make it another
    /// word, but still finds its inflection, and still fixes a word the dictionary does not list.
    @Test func aDictionaryWordIsNotATypo() {
        let analyzer = QueryAnalyzer(analyzer: TextAnalyzer(), lexicon: BilingualLexicon(tsv: "guest\t客人\nreset\t重置\n"))
        let typos = TypoCorrector(words: ["preset", "invoice", "guests"])
        let terms = analyzer.analyze("reset invocie guest", typos: typos).terms.map(\.text)
        #expect(!terms.contains("preset"))
        #expect(terms.contains("invoice"))
        #expect(terms.contains("guests"))
    }

    /// A plural the typo corrector takes to the singular it knows (`users` → `user`) is an
    /// inflection, not a typo: the word keeps the dictionary's senses the corpus uses (用户), as
    /// the same plural does when nothing corrects it.
    @Test func anInflectionTheTypoCorrectorFindsKeepsItsTranslations() {
        let text = TextAnalyzer()
        let analyzer = QueryAnalyzer(
            analyzer: text, synonyms: PhraseTable(synonyms: "", analyzer: text), fillers: PhraseTable(wordList: "do\nthe", analyzer: text),
            lexicon: BilingualLexicon(tsv: "user\t用户\nguide\t指南\n"))
        let known = Set(["用户", "指南"].map(TextAnalyzer.hash))
        let result = analyzer.analyze("many users", typos: TypoCorrector(words: ["user"]), frequencies: { _ in { known.contains($0) ? 1 : 0 } })
        let expansions = Set(result.terms.filter(\.isExpansion).map(\.text))
        #expect(expansions == ["user", "用户"])
        let typo = analyzer.analyze("giude", typos: TypoCorrector(words: ["guide"]), frequencies: { _ in { known.contains($0) ? 1 : 0 } })
        #expect(Set(typo.terms.filter(\.isExpansion).map(\.text)) == ["guide"], "a typo's correction is not translated")
    }

    /// The bundled lexicon and corpus: an English question finds the Chinese entry.
    @Test func anEnglishQuestionFindsAChineseEntry() throws {
        #expect(try SharedKnowledgeBase.kb.ask("my output was truncated halfway").hit?.entry.id == "models/6")
    }
}
