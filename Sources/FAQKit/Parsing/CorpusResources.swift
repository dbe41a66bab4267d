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
    /// The corpus and its data files, read once; the error when they could not be read (an
    /// existing index can still serve then).
    let snapshot: Result<CorpusSource.Snapshot, any Error>
    let queryAnalyzer: QueryAnalyzer

    /// Reads the corpus at `source` and its data files.
    init(source: CorpusSource) {
        self.init(snapshot: Result { try source.snapshot() })
    }

    init(snapshot: Result<CorpusSource.Snapshot, any Error>) {
        self.snapshot = snapshot
        let files = try? snapshot.get()
        queryAnalyzer = AnalysisResources.bundled.queryAnalyzer(synonyms: files?.text(.synonyms), stopwords: files?.text(.stopwords))
    }

    /// True when the corpus has error rules of its own.
    var hasOwnErrorRules: Bool { (try? snapshot.get())?.sideFiles[.errorRules] != nil }

    /// The corpus's error rules, else the generic ones.
    func errorRules() throws(FAQKitError) -> ErrorRules {
        do {
            if let files = try? snapshot.get(), let data = files.sideFiles[.errorRules] {
                return try ErrorRules(data: data, source: files.source.sideFile(.errorRules)?.path ?? CorpusSource.SideFile.errorRules.rawValue)
            }
            return try ErrorRules.generic()
        } catch {
            throw FAQKitError.corpusInvalid("error rules: \(error)")
        }
    }

    /// Throws when a rule names an entry the corpus lacks (the rules are then unusable, and
    /// `explain` says why). Only a corpus's own rules name entries.
    func validate(_ rules: ErrorRules, entryIDs: Set<String>) throws(FAQKitError) {
        guard hasOwnErrorRules else { return }
        do {
            try rules.validate(entryIDs: entryIDs)
        } catch {
            throw FAQKitError.corpusInvalid("error rules: \(error)")
        }
    }
}
