import Foundation

/// Rarity-weighted overlap between a question title and answer text.
struct Similarity {
    var analyzer: TextAnalyzer
    var documentFrequency: [String: Int]
    var documentCount: Int

    func weight(_ term: String) -> Double {
        let df = Double(documentFrequency[term] ?? 0)
        return log(1 + Double(documentCount) / (df + 0.5))
    }

    /// Share of the title's weighted terms found in the text, in [0, 1].
    func score(title: Set<String>, text: Set<String>) -> Double {
        var total = 0.0
        var found = 0.0
        for term in title {
            let w = weight(term)
            total += w
            if text.contains(term) { found += w }
        }
        return total > 0 ? found / total : 0
    }
}
