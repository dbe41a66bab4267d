import Foundation

/// A set of phrases matched against a query's units (CJK characters and whole words), used for
/// synonym groups and for question words.
///
/// Matching on normalized units rather than raw substrings keeps `top up` from matching inside
/// `desktop upload` and lets `發票` find `发票`.
public struct PhraseTable: Sendable {
    /// A phrase as units, and the group it belongs to.
    struct Phrase: Sendable {
        var units: [String]
        var group: Int
    }

    /// Phrases by first unit.
    private var byFirstUnit: [String: [Phrase]] = [:]
    /// Members of each group, as written in the data file.
    public private(set) var groups: [[String]] = []

    public init() {}

    /// Parses the synonyms format: one group per line, terms separated by `|`; `#` comments.
    public init(synonyms text: String, analyzer: TextAnalyzer) {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let terms = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard terms.count >= 2 else { continue }
            add(group: terms, analyzer: analyzer)
        }
    }

    /// Parses a word list: one phrase per line, each its own group; `#` comments.
    public init(wordList text: String, analyzer: TextAnalyzer) {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let term = line.trimmingCharacters(in: .whitespaces)
            if !term.isEmpty { add(group: [term], analyzer: analyzer) }
        }
    }

    mutating func add(group terms: [String], analyzer: TextAnalyzer) {
        let id = groups.count
        groups.append(terms)
        for term in terms {
            let units = Self.units(of: term, analyzer: analyzer)
            guard let first = units.first else { continue }
            byFirstUnit[first, default: []].append(Phrase(units: units, group: id))
        }
    }

    /// The matching units of a text: each CJK character and each whole word, normalized.
    static func units(of text: String, analyzer: TextAnalyzer) -> [String] {
        analyzer.tokens(text).filter { $0.kind == .ideograph || $0.kind == .word }.map(\.text)
    }

    /// A phrase found in a unit sequence.
    struct Match {
        var range: Range<Int>
        var group: Int
    }

    /// Every occurrence of every phrase in `units`.
    func matches(in units: [String]) -> [Match] {
        var result: [Match] = []
        for start in units.indices {
            guard let candidates = byFirstUnit[units[start]] else { continue }
            for phrase in candidates where start + phrase.units.count <= units.count {
                if units[start..<(start + phrase.units.count)].elementsEqual(phrase.units) {
                    result.append(Match(range: start..<(start + phrase.units.count), group: phrase.group))
                }
            }
        }
        return result
    }
}
