import Foundation

/// The generic language data every corpus is analyzed with, read once from the bundled
/// `Corpus/data/` and passed down as one value: traditional → simplified folding (`t2s.tsv`),
/// pinyin readings (`pinyin.tsv`, `pinyin-syllables.txt`), the support and API-platform glossary
/// (`glossary.txt`), the question words (`stopwords.txt`) and English → Chinese words (`en-zh.tsv`).
///
/// A corpus's own glossary and question words are added to these (``queryAnalyzer(synonyms:stopwords:)``,
/// from `CorpusResources`). The index's FTS5 tokenizer is the one consumer that cannot be handed
/// a value (SQLite instantiates it by name), so it reads ``bundled`` through `TextAnalyzer.shared`.
public struct AnalysisResources: Sendable {
    public var folding: CharacterFolding
    public var pinyin: PinyinTable
    /// Synonym groups every corpus gets, in `synonyms.txt` form.
    public var glossary: String
    /// Question words every corpus gets, one a line.
    public var stopwords: String
    /// English words → Chinese, for English questions on a Chinese corpus.
    public var lexicon: BilingualLexicon
    /// A hash of the files these were read from (empty when not read from files): part of an
    /// index's fingerprint, since its calibration ranks questions with them.
    public var dataHash = ""

    public init(
        folding: CharacterFolding = .identity, pinyin: PinyinTable = PinyinTable(), glossary: String = "", stopwords: String = "",
        lexicon: BilingualLexicon = BilingualLexicon()
    ) {
        self.folding = folding
        self.pinyin = pinyin
        self.glossary = glossary
        self.stopwords = stopwords
        self.lexicon = lexicon
    }

    /// Reads the resources in `directory` (a missing file gives an empty table).
    public init(directory: URL) {
        var hash = Hashing.fnv1a(Data())
        func text(_ name: String) -> String? {
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
            hash = Hashing.fnv1a(Data(name.utf8), seed: hash)
            hash = Hashing.fnv1a(data ?? Data(), seed: hash)
            return data.map { String(decoding: $0, as: UTF8.self) }
        }
        let pinyin: PinyinTable
        if let readings = text("pinyin.tsv"), let syllables = text("pinyin-syllables.txt") {
            pinyin = PinyinTable(readings: readings, syllables: syllables)
        } else {
            pinyin = PinyinTable()
        }
        self.init(
            folding: text("t2s.tsv").map(CharacterFolding.init(tsv:)) ?? .identity, pinyin: pinyin, glossary: text("glossary.txt") ?? "",
            stopwords: text("stopwords.txt") ?? "", lexicon: text("en-zh.tsv").map(BilingualLexicon.init(tsv:)) ?? BilingualLexicon())
        dataHash = String(hash, radix: 16)
    }

    /// The bundled resources (`Corpus/data/`), read on first use.
    public static let bundled = AnalysisResources(directory: BundledData.url("data"))

    /// The tokenizer with this folding.
    public var textAnalyzer: TextAnalyzer { TextAnalyzer(folding: folding) }

    /// The query analysis of a corpus: these resources with the corpus's own glossary
    /// (`synonyms.txt`) and question words (`stopwords.txt`) added.
    public func queryAnalyzer(synonyms: String? = nil, stopwords: String? = nil) -> QueryAnalyzer {
        let analyzer = textAnalyzer
        let synonyms = [glossary, synonyms].compactMap { $0 }.joined(separator: "\n")
        let fillers = [self.stopwords, stopwords].compactMap { $0 }.joined(separator: "\n")
        return QueryAnalyzer(
            analyzer: analyzer, synonyms: PhraseTable(synonyms: synonyms, analyzer: analyzer),
            fillers: PhraseTable(wordList: fillers, analyzer: analyzer), pinyin: pinyin, lexicon: lexicon)
    }
}
