import Foundation

/// The language data and error rules a corpus is searched with: the generic resources every
/// corpus gets, plus the corpus's own data files.
///
/// Generic (bundled under `Corpus/data/`): question words (`stopwords.txt`), a glossary of support
/// and API-platform words (`glossary.txt`), traditional→simplified folding and pinyin, and error
/// rules that diagnose an HTTP status without naming any entry (`error-rules.json`). A corpus adds
/// its own `synonyms.txt`, `stopwords.txt` and `error-rules.json` beside it; its own error rules
/// replace the generic ones. The bundled SiliconFlow corpus has its glossary and rules beside it
/// like any other corpus, so they never apply to another one.
struct CorpusResources: Sendable {
    /// The corpus's own data files, when they could be read.
    var snapshot: CorpusSource.Snapshot?
    let queryAnalyzer: QueryAnalyzer

    init(snapshot: CorpusSource.Snapshot?) {
        self.snapshot = snapshot
        queryAnalyzer = Self.analyzer(synonyms: snapshot?.text(.synonyms), stopwords: snapshot?.text(.stopwords))
    }

    /// The generic glossary and question words with a corpus's own added.
    static func analyzer(synonyms: String?, stopwords: String?) -> QueryAnalyzer {
        let synonyms = [BundledData.text("data/glossary.txt"), synonyms].compactMap { $0 }.joined(separator: "\n")
        let fillers = [BundledData.text("data/stopwords.txt"), stopwords].compactMap { $0 }.joined(separator: "\n")
        return QueryAnalyzer(
            analyzer: .shared, synonyms: PhraseTable(synonyms: synonyms, analyzer: .shared), fillers: PhraseTable(wordList: fillers, analyzer: .shared))
    }

    /// True when the corpus has error rules of its own.
    var hasOwnErrorRules: Bool { snapshot?.sideFiles[.errorRules] != nil }

    /// The corpus's error rules, else the generic ones.
    func errorRules() throws -> ErrorRules {
        do {
            if let data = snapshot?.sideFiles[.errorRules] {
                return try ErrorRules(data: data, source: snapshot?.source.sideFile(.errorRules)?.path ?? CorpusSource.SideFile.errorRules.rawValue)
            }
            return try ErrorRules.generic()
        } catch {
            throw FAQKitError.corpusInvalid("error rules: \(error)")
        }
    }

    /// A rule naming an entry the corpus lacks fails the build, and the old index stays. Only a
    /// corpus's own rules name entries.
    func validate(_ rules: ErrorRules, entryIDs: Set<String>) throws {
        guard hasOwnErrorRules else { return }
        do {
            try rules.validate(entryIDs: entryIDs)
        } catch {
            throw FAQKitError.corpusInvalid("error rules: \(error)")
        }
    }
}
