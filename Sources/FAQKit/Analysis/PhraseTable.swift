import Foundation

/// A set of phrases matched against a query's units (CJK characters and whole words), used for
/// synonym groups and for question words.
///
/// Matching on normalized units rather than raw substrings keeps `top up` from matching inside
/// `desktop upload` and lets `發票` find `发票`. Phrases are analyzed once, when the table is
/// loaded, and compared by unit hashes (`TextAnalyzer.hash`), so matching a query costs a
/// dictionary probe per unit.
public struct PhraseTable: Sendable {
    /// A phrase of a group, analyzed.
    public struct Member: Sendable {
        /// The phrase as written in the data file.
        public var text: String
        /// Its units (ideograph and word tokens), with their offsets in `text`.
        public var units: [TextAnalyzer.Token]
        var unitHashes: [UInt64]
    }

    /// A phrase's place: its group and its index in the group.
    struct Phrase: Sendable {
        var group: Int
        var member: Int
    }

    /// Phrases by the hash of their first unit.
    private var byFirstUnit: [UInt64: [Phrase]] = [:]
    /// Each group's members.
    public private(set) var groups: [[Member]] = []

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
        var members: [Member] = []
        for term in terms {
            let units = analyzer.tokens(term).filter { $0.kind == .ideograph || $0.kind == .word }
            guard !units.isEmpty else { continue }
            let hashes = units.map { TextAnalyzer.hash($0.text) }
            byFirstUnit[hashes[0], default: []].append(Phrase(group: id, member: members.count))
            members.append(Member(text: term, units: units, unitHashes: hashes))
        }
        groups.append(members)
    }

    /// A phrase found in a unit sequence.
    struct Match {
        var range: Range<Int>
        var group: Int
        var member: Int
    }

    /// Every occurrence of every phrase in a sequence of unit hashes.
    func matches(in units: [UInt64]) -> [Match] {
        var result: [Match] = []
        for start in units.indices {
            guard let candidates = byFirstUnit[units[start]] else { continue }
            for phrase in candidates {
                let hashes = groups[phrase.group][phrase.member].unitHashes
                let end = start + hashes.count
                if end <= units.count && units[start..<end].elementsEqual(hashes) {
                    result.append(Match(range: start..<end, group: phrase.group, member: phrase.member))
                }
            }
        }
        return result
    }
}
