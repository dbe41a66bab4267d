import FAQKit
import Foundation
import Hummingbird

// The JSON bodies of the API (described in openapi.json). Text meant to be inserted into a page
// (answers, snippets, the echoed query) is HTML-escaped; titles, ids and URLs are plain strings.

/// `GET /v1/search`
struct SearchResponseBody: ResponseEncodable {
    /// The query as understood (trimmed), HTML-escaped.
    var query: String
    var answered: Bool
    var hits: [HitRecord]
    var estimatedTotalHits: Int
    var processingTimeMs: Int
    /// Present when the query was not answered.
    var fallback: Fallback?
}

/// `GET /v1/ask`
struct AskResponseBody: ResponseEncodable {
    var query: String
    var answered: Bool
    /// `answer`, `suggest` or `handoff` (see `AskOutcome`).
    var outcome: AskOutcome
    /// Candidate questions when the outcome is `suggest`; empty otherwise.
    var suggestions: [SuggestionRecord]
    /// The best answer; null when the knowledge base abstained.
    var answer: HitRecord?
    var related: [EntrySummary]
    var processingTimeMs: Int
    var fallback: Fallback?

    enum CodingKeys: String, CodingKey {
        case query, answered, outcome, suggestions, answer, related, processingTimeMs, fallback
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encode(answered, forKey: .answered)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(suggestions, forKey: .suggestions)
        try container.encode(answer, forKey: .answer)  // null rather than absent: clients test it
        try container.encode(related, forKey: .related)
        try container.encode(processingTimeMs, forKey: .processingTimeMs)
        try container.encodeIfPresent(fallback, forKey: .fallback)
    }
}

/// A related question: enough to list and link it.
struct EntrySummary: Codable, Sendable {
    var id: String
    var category: String
    var title: String
    var url: String

    init(_ entry: FAQEntry) {
        id = entry.id
        category = entry.category
        title = entry.title
        url = entry.url
    }
}

/// `GET /v1/entries/{id}`
struct EntryBody: ResponseEncodable {
    var id: String
    var category: String
    /// The category's display name, what people should see.
    var categoryName: String
    var pageTitle: String
    var group: String?
    var title: String
    /// Markdown, HTML-escaped.
    var answer: String
    var url: String
    var attachments: [String]

    init(_ entry: FAQEntry, categoryName: String) {
        id = entry.id
        category = entry.category
        self.categoryName = categoryName
        pageTitle = entry.pageTitle
        group = entry.group
        title = entry.title
        answer = HTMLText.escape(entry.answer)
        url = entry.url
        attachments = entry.attachments
    }
}

/// `GET /v1/categories`
struct CategoriesBody: ResponseEncodable {
    struct Category: Codable, Sendable {
        var slug: String
        var name: String
        var count: Int
    }
    var categories: [Category]
}

/// `POST /v1/feedback`
struct FeedbackRequestBody: Decodable {
    var query: String
    var entryId: String
    var helpful: Bool
}

/// The answer to a stored vote.
struct FeedbackResponseBody: ResponseEncodable {
    var status = "recorded"
    var id: Int64
}

/// `GET /health`
struct HealthBody: ResponseEncodable {
    var status = "available"
    /// Why the last index reload failed, while the previous index keeps serving; absent after
    /// a successful reload or when none was tried.
    var lastReloadError: String?
}

enum HTMLText {
    /// `& < > " '` as entities: safe inside HTML text and quoted attributes.
    static func escape(_ text: String) -> String {
        HighlightedText(marked: text).rendered(pre: "", post: "", escapingHTML: true)
    }
}
