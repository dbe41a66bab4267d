import Foundation

/// Why `ask` chose its outcome, for `faq ask --explain`.
public struct AskDecision: Sendable, Hashable {
    public var outcome: AskOutcome
    /// The best candidate's raw score and calibrated confidence (0 when there is none).
    public var raw: Double
    public var confidence: Double
    /// The raw score of the second candidate (0 when there is none).
    public var runnerUp: Double
    /// A sentence saying why.
    public var reason: String
}
