import Foundation

/// What `ask` does with a question.
public enum AskOutcome: String, Sendable, Codable, Hashable, CaseIterable {
    /// Confident: one answer.
    case answer
    /// Unsure: "did you mean…" with two or three candidate questions.
    case suggest
    /// Nothing close: hand off to the contact link.
    case handoff
}
