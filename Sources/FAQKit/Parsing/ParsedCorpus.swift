/// What the parser made of a corpus file.
public struct ParsedCorpus: Sendable {
    public var pages: [FAQPage]
    public var entries: [FAQEntry]
    public var warnings: [CorpusWarning]
}
