/// One page of an FAQ export: a category of questions with its source and contact link.
public struct FAQPage: Sendable, Hashable, Codable {
    /// The page title (`开具发票`).
    public var title: String
    /// The page's `Source:` URL, or its `**URL:**` value when there is no source line.
    public var url: String
    /// Category slug (`invoices`).
    public var category: String
    /// Category display name (`开具发票`).
    public var categoryName: String
    /// The page's "contact us" link from its `<Note>`, the fallback when no answer fits.
    public var contactURL: String?
    /// The text of that note, links reduced to their text.
    public var contactText: String?
    /// Line of the page title in the corpus file (1-based).
    public var line: Int

    public init(
        title: String, url: String, category: String, categoryName: String,
        contactURL: String? = nil, contactText: String? = nil, line: Int = 0
    ) {
        self.title = title
        self.url = url
        self.category = category
        self.categoryName = categoryName
        self.contactURL = contactURL
        self.contactText = contactText
        self.line = line
    }
}

/// A problem found in a corpus file, with the line it is on. Warnings never stop a build.
public struct CorpusWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number in the corpus file.
    public var line: Int
    public var message: String
    /// The file the line is in, when the corpus is a folder of files.
    public var file: String?

    public init(line: Int, message: String, file: String? = nil) {
        self.line = line
        self.message = message
        self.file = file
    }

    public var description: String { file.map { "\($0):\(line): \(message)" } ?? "line \(line): \(message)" }
}

/// What the parser made of a corpus file.
public struct ParsedCorpus: Sendable {
    public var pages: [FAQPage]
    public var entries: [FAQEntry]
    public var warnings: [CorpusWarning]
}
