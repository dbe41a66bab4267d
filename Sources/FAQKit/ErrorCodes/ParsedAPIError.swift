/// What ``ErrorTextParser`` read from a pasted API failure.
///
/// Every field is optional because users paste whatever their client printed: a bare status,
/// a body without a status, or a message alone. The mapper decides from whichever parts are present.
public struct ParsedAPIError: Sendable, Hashable, Codable {
    /// The HTTP status (`429`), when the text names one.
    public var status: Int?
    /// The platform's business code from the body (`20012`), when present.
    public var code: Int?
    /// The error message, from the body when there is one, else from the text around the status.
    public var message: String?
    /// The exhausted rate-limit dimension, when the message names one (`TPM limit reached`).
    public var limit: RateLimitDimension?
    /// The client's exception class (`openai.RateLimitError`), when printed.
    public var exceptionClass: String?
    /// Whether a JSON (or Python-literal) body was found, complete or cut off.
    public var hasBody: Bool
    /// Whether the client said it dropped the body (openai-node's `403 status code (no body)`),
    /// so the only way to learn more is to repeat the request with `curl -i`.
    public var bodyOmitted: Bool

    public init(
        status: Int? = nil, code: Int? = nil, message: String? = nil, limit: RateLimitDimension? = nil,
        exceptionClass: String? = nil, hasBody: Bool = false, bodyOmitted: Bool = false
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.limit = limit
        self.exceptionClass = exceptionClass
        self.hasBody = hasBody
        self.bodyOmitted = bodyOmitted
    }
}
