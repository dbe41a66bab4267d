import Foundation

/// A query broken into what the ranker weighs: units (each CJK character or word the user typed)
/// and terms (the index terms searched for, each explaining some units).
public struct AnalyzedQuery: Sendable {
    /// Something the user typed that an answer should account for.
    public struct Unit: Sendable, Hashable {
        public var text: String
        /// True for question words and fillers (`怎么`, `how`), which weigh little.
        public var isFiller: Bool
    }

    /// An index term searched for.
    public struct Term: Sendable, Hashable {
        public var text: String
        /// The index tokens that must occur in sequence: one for a plain term, several for a
        /// multi-word synonym or the overlapping pairs of a long Chinese one, matched as an FTS5
        /// phrase.
        public var tokens: [String]
        public var kind: TextAnalyzer.TokenKind
        /// The units this term accounts for when it matches.
        public var units: [Int]
        /// How much of those units a match accounts for, in (0, 1]: a bigram fully explains its
        /// two characters, a lone character only partly.
        public var credit: Double
        /// True when the term comes from a synonym of what the user typed.
        public var isExpansion: Bool
        /// True when every unit it covers is a filler.
        public var isFiller: Bool
    }

    public var text: String
    public var units: [Unit]
    public var terms: [Term]
}
