extension KnowledgeBase {
    /// Facts about the open index, for `faq stats` and `/health`.
    public struct IndexInfo: Sendable, Codable {
        public var path: String
        public var corpusPath: String
        public var entryCount: Int
        public var pageCount: Int
        public var builtAt: String
        public var fingerprint: IndexStore.Fingerprint
        /// True when this open built the index.
        public var rebuilt: Bool
        /// Corpus warnings from the build done by this open (empty when the index was reused).
        public var warnings: [CorpusWarning]
        /// The thresholds this index's calibration found (see `Calibration`).
        public var calibration: Calibration
        /// Why the corpus's error rules (`error-rules.json`) cannot be used, when they cannot:
        /// `explain` then fails with this message, and search and ask are unaffected.
        public var errorRulesProblem: String?
    }
}
