import FAQKit

/// The structured result of `explain_error`: the fields of `faq explain --json`, plus `found`.
struct ExplainRecord: Codable, Sendable, Hashable {
    /// Whether the text held an API failure at all.
    var found: Bool
    var status: Int?
    var code: Int?
    var message: String?
    /// The exhausted rate-limit dimension (`TPM`, `RPM`…), when the message names one.
    var limit: String?
    var diagnosis: String
    var nextStep: String
    var entries: [EntryRecord]
}
