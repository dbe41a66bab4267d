/// An ``Answer`` (an `ask` decision) as machine output: the one JSON shape `faq ask --json` and `GET /v1/ask`
/// share (the HTTP API adds `processingTimeMs`).
public struct AnswerRecord: Sendable, Codable, Hashable {
    /// A related entry: enough to offer it as the next question.
    public struct Related: Sendable, Codable, Hashable {
        public var id: String
        public var category: String
        public var title: String
        public var url: String

        public init(_ entry: FAQEntry) {
            id = entry.id
            category = entry.category
            title = entry.title
            url = entry.url
        }
    }

    public var query: String
    /// True exactly when `outcome` is `answer`.
    public var answered: Bool
    public var outcome: AskOutcome
    /// Candidate questions when `outcome` is `suggest`; empty otherwise.
    public var suggestions: [SuggestionRecord]
    /// The answer; written as `null` (not left out) when there is none, since clients test it.
    public var answer: HitRecord?
    /// Entries of the same category next to the answer.
    public var related: [Related]
    /// The contact message and link when the knowledge base did not answer.
    public var fallback: Fallback?
    /// Why it decided so, when asked for (`faq ask --json --explain`); left out otherwise.
    public var explanation: ExplanationRecord?

    /// - Parameters:
    ///   - categoryName: the display name of a category slug (`KnowledgeBase.categoryName(for:)`).
    ///   - pre, post, escapingHTML: how the answer is highlighted and escaped (``HitRecord``).
    public init(
        _ answer: Answer, categoryName: (String) -> String, pre: String = "<em>", post: String = "</em>", escapingHTML: Bool = false
    ) {
        query = answer.query
        answered = answer.hit != nil
        outcome = answer.outcome
        suggestions = answer.suggestions.map { SuggestionRecord($0, categoryName: categoryName($0.entry.category)) }
        self.answer = answer.hit.map {
            HitRecord($0, categoryName: categoryName($0.entry.category), pre: pre, post: post, escapingHTML: escapingHTML)
        }
        related = answer.related.map(Related.init)
        fallback = answer.fallback
    }

    enum CodingKeys: String, CodingKey {
        case query, answered, outcome, suggestions, answer, related, fallback, explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encode(answered, forKey: .answered)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(suggestions, forKey: .suggestions)
        try container.encode(answer, forKey: .answer)
        try container.encode(related, forKey: .related)
        try container.encodeIfPresent(fallback, forKey: .fallback)
        try container.encodeIfPresent(explanation, forKey: .explanation)
    }
}
