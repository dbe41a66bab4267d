/// One dimension of the platform's rate limits, as named in 429 messages (`TPM limit reached`).
///
/// A `RawRepresentable` struct rather than an enum so that a dimension the platform adds later
/// can still be carried through (and named in `error-rules.json`) without breaking the API.
public struct RateLimitDimension: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The upper-case abbreviation (`RPM`).
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue.uppercased()
    }

    /// Requests per minute.
    public static let rpm = RateLimitDimension(rawValue: "RPM")
    /// Requests per hour.
    public static let rph = RateLimitDimension(rawValue: "RPH")
    /// Requests per day.
    public static let rpd = RateLimitDimension(rawValue: "RPD")
    /// Tokens per minute.
    public static let tpm = RateLimitDimension(rawValue: "TPM")
    /// Tokens per day.
    public static let tpd = RateLimitDimension(rawValue: "TPD")
    /// Images per minute.
    public static let ipm = RateLimitDimension(rawValue: "IPM")
    /// Images per day.
    public static let ipd = RateLimitDimension(rawValue: "IPD")

    /// The dimensions the platform documents; the parser only recognises these names, so that
    /// ordinary three-letter words are never mistaken for a limit.
    public static let known: [RateLimitDimension] = [.rpm, .rph, .rpd, .tpm, .tpd, .ipm, .ipd]

    /// The known dimension with this name (any case), or nil.
    public init?(knownName name: String) {
        let upper = name.uppercased()
        guard let match = Self.known.first(where: { $0.rawValue == upper }) else { return nil }
        self = match
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
