import MCP

/// The arguments of one `tools/call`, read with the checks every tool shares: names the tool
/// does not take are refused (a misspelt `qeury` must not pass as a missing query), strings must
/// be strings, and integers must be whole numbers in range.
struct ToolArguments: Sendable {
    let tool: String
    private let values: [String: Value]

    /// - Throws: ``ToolInputError`` when an argument is not one of `accepted`.
    init(tool: String, arguments: [String: Value]?, accepted: [String]) throws {
        self.tool = tool
        values = arguments ?? [:]
        if let unknown = values.keys.sorted().first(where: { !accepted.contains($0) }) {
            let expected = accepted.isEmpty ? "it takes no arguments" : "it takes " + accepted.map { "`\($0)`" }.joined(separator: ", ")
            throw ToolInputError("\(tool): unknown argument `\(unknown)`; \(expected)")
        }
    }

    /// A required, non-blank string argument, at most `maxBytes` bytes of UTF-8.
    func requiredString(_ name: String, maxBytes: Int) throws -> String {
        guard let text = try optionalString(name, maxBytes: maxBytes) else {
            throw ToolInputError("\(tool): the `\(name)` argument is required")
        }
        return text
    }

    /// A string argument when given (nil when absent or null); blank text is refused, since a
    /// caller who sends `""` meant to send something.
    func optionalString(_ name: String, maxBytes: Int) throws -> String? {
        switch values[name] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            guard !text.allSatisfy({ $0.isWhitespace }) else {
                throw ToolInputError("\(tool): the `\(name)` argument is empty")
            }
            guard text.utf8.count <= maxBytes else {
                throw ToolInputError("\(tool): the `\(name)` argument is longer than \(maxBytes) bytes of UTF-8 (\(text.utf8.count))")
            }
            return text
        default:
            throw ToolInputError("\(tool): the `\(name)` argument must be a string")
        }
    }

    /// An integer argument in `range`, or `defaultValue` when absent. A JSON number with no
    /// fraction (`5.0`) counts as an integer, since some clients send every number as a double.
    func integer(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int) throws -> Int {
        let number: Int
        switch values[name] {
        case nil, .null?:
            return defaultValue
        case .int(let value)?:
            number = value
        case .double(let value)? where value.rounded() == value && abs(value) < 1e9:
            number = Int(value)
        default:
            throw ToolInputError("\(tool): the `\(name)` argument must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(number) else {
            throw ToolInputError("\(tool): the `\(name)` argument must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
        }
        return number
    }

    /// A boolean argument, or `defaultValue` when absent or null.
    func boolean(_ name: String, default defaultValue: Bool) throws -> Bool {
        switch values[name] {
        case nil, .null?: return defaultValue
        case .bool(let value)?: return value
        default: throw ToolInputError("\(tool): the `\(name)` argument must be true or false")
        }
    }
}
