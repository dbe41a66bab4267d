import FAQKit
import Hummingbird

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
