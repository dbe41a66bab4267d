import FAQKit

/// The structured result of `ask_faq`: the same decision as `faq ask`, in the shared shape of
/// `faq ask --json` (`outcome`, `answer`, `suggestions`, `related`, `fallback`).
struct AskRecord: Codable, Sendable, Hashable {
    var query: String
    /// `answer`: one entry answers; `suggest`: a few candidates are close but none is sure
    /// ("did you mean"); `handoff`: nothing fits, send the user to the contact link.
    var outcome: AskOutcome
    /// True exactly when `outcome` is `answer` (kept for clients of the older shape).
    var answered: Bool
    var answer: EntryRecord?
    /// Candidate entries when `outcome` is `suggest`; empty otherwise.
    var suggestions: [EntryRecord]
    /// Entries next to the answer, as `faq ask --json` gives them (the library's record).
    var related: [AnswerRecord.Related]
    /// The contact message and link when the knowledge base did not answer.
    var fallback: Fallback?
    /// Why it decided so, when the call asked for it (`explain: true`): `faq ask --json --explain`'s
    /// explanation.
    var explanation: ExplanationRecord?
}
