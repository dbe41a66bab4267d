import Foundation

/// Reading the message, the exception class and the rate-limit dimension from the text around
/// the status, for pastes whose body is missing or has no message.
extension ErrorTextParser {
    /// Words that mark a line as an error report when there is neither status nor body
    /// (`Request was rejected due to rate limiting. Details: TPM limit reached.`).
    /// They recognise that an error was pasted; which FAQ answers it is decided by the rules file.
    static let errorVocabulary: [[UInt8]] = [
        "error", "exception", "rate limit", "limit reached", "rejected", "insufficient", "invalid",
        "does not exist", "not exist", "not found", "disabled", "too busy", "timed out", "timeout",
        "unauthorized", "forbidden", "denied", "must be less than", "exceeded", "exceeds", "unavailable",
        "failed", "failure", "错误", "失败", "异常", "余额不足", "限流", "超时", "不存在", "无效", "拒绝", "繁忙",
    ].map(ErrorTextBytes.bytes)

    /// What Go prints for a nil error (`message: %!s(<nil>)`) and other empty placeholders.
    private static let emptyMessages: Set<String> = ["%!s(<nil>)", "<nil>", "nil", "null", "none", "undefined", ""]

    /// Whether a message contains one of ``errorVocabulary``.
    static func mentionsError(_ message: String) -> Bool {
        let lower = Array(message.lowercased().utf8)
        return errorVocabulary.contains { ErrorTextBytes.firstIndex(of: $0, in: lower) != nil }
    }

    /// The value of a `message: ...` field in a log line (`bad response status code 400, message: ..., body: ...`).
    static func keyedMessage(in bytes: [UInt8], lower: [UInt8], body: Range<Int>?) -> String? {
        for key in ["message", "msg"].map(ErrorTextBytes.bytes) {
            var from = 0
            while let found = ErrorTextBytes.firstIndex(of: key, in: lower, from: from) {
                from = found + key.count
                if let body, body.contains(found) { continue }
                if found > 0,
                    ErrorTextBytes.isIdentifier(lower[found - 1]) || lower[found - 1] == ErrorTextBytes.doubleQuote
                        || lower[found - 1] == ErrorTextBytes.singleQuote
                {
                    continue
                }
                var cursor = found + key.count
                guard cursor < lower.count, lower[cursor] == ErrorTextBytes.colon || lower[cursor] == 0x3D else { continue }
                cursor += 1
                while cursor < lower.count, lower[cursor] == ErrorTextBytes.space { cursor += 1 }
                guard cursor < lower.count, lower[cursor] != ErrorTextBytes.openBrace, lower[cursor] != ErrorTextBytes.openBracket else {
                    continue
                }
                var end = cursor
                while end < lower.count, lower[end] != ErrorTextBytes.newline, lower[end] != ErrorTextBytes.carriageReturn,
                    !ErrorTextBytes.hasPrefix(lower, ErrorTextBytes.bytes(", body"), at: end),
                    !ErrorTextBytes.hasPrefix(lower, ErrorTextBytes.bytes(" body:"), at: end)
                {
                    end += 1
                }
                let value = trimmed(ErrorTextBytes.string(bytes[cursor..<end]))
                if !emptyMessages.contains(value.lowercased()) { return value }
            }
        }
        return nil
    }

    /// A non-JSON body after the headers of `curl -i` output (`HTTP/2 401 ... \r\n\r\nInvalid token`).
    static func plainBody(in bytes: [UInt8], after index: Int) -> String? {
        let separators = [ErrorTextBytes.bytes("\r\n\r\n"), ErrorTextBytes.bytes("\n\n")]
        guard let blank = separators.compactMap({ ErrorTextBytes.firstIndex(of: $0, in: bytes, from: index) }).min() else {
            return nil
        }
        var start = blank
        while start < bytes.count, ErrorTextBytes.isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] != ErrorTextBytes.openBrace, bytes[start] != ErrorTextBytes.openBracket,
            !ErrorTextBytes.hasPrefix(bytes, ErrorTextBytes.bytes("HTTP/"), at: start)
        else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != ErrorTextBytes.newline, bytes[end] != ErrorTextBytes.carriageReturn { end += 1 }
        let line = trimmed(ErrorTextBytes.string(bytes[start..<end]))
        return line.isEmpty ? nil : line
    }

    /// The text after the status on its line: `Error code: 401 - Api key is invalid`,
    /// `API Error: 400 Model does not exist. ...`. Reason phrases, bodies and further
    /// `status ...` fields are not messages.
    static func messageAfterStatus(in bytes: [UInt8], lower: [UInt8], end statusEnd: Int) -> String? {
        var start = statusEnd
        var end = statusEnd
        while end < bytes.count, bytes[end] != ErrorTextBytes.newline, bytes[end] != ErrorTextBytes.carriageReturn,
            !ErrorTextBytes.hasPrefix(lower, ErrorTextBytes.bytes(", body"), at: end),
            !ErrorTextBytes.hasPrefix(lower, ErrorTextBytes.bytes(" body:"), at: end)
        {
            end += 1
        }
        while start < end, isLeadingPunctuation(bytes, at: start) { start += separatorLength(bytes, at: start) }
        guard start < end, bytes[start] != ErrorTextBytes.openBrace, bytes[start] != ErrorTextBytes.openBracket,
            !["status", "code", "错误码", "状态码"].contains(where: { ErrorTextBytes.hasPrefix(lower, ErrorTextBytes.bytes($0), at: start) }),
            ErrorTextBytes.firstIndex(of: ErrorTextBytes.bytes("message"), in: lower, from: start, before: end) == nil
        else { return nil }
        for phrase in reasonPhrases where ErrorTextBytes.hasPrefix(lower, phrase, at: start) {
            var after = start + phrase.count
            guard after >= end || !ErrorTextBytes.isLetter(lower[after]) else { continue }
            // `Bad Request: model is required` keeps the part after the reason phrase.
            while after < end, isLeadingPunctuation(bytes, at: after) { after += separatorLength(bytes, at: after) }
            start = after
            break
        }
        guard start < end, bytes[start] != ErrorTextBytes.openBrace, !areLogFields(bytes, start..<end) else { return nil }
        let text = trimmed(ErrorTextBytes.string(bytes[start..<end]))
        return text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) ? text : nil
    }

    /// Whether `range` holds only the fields a server log prints after a status: a byte count, then
    /// numbers (`0.532`, `10.0.0.2:8000`), `-` placeholders and quoted values (referrer, user agent),
    /// as in `504 160 "-" "python-requests/2.31"`. A message is words, so it never starts with a
    /// bare count followed only by such fields.
    static func areLogFields(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        var fields = 0
        while index < range.upperBound {
            if bytes[index] == ErrorTextBytes.space || bytes[index] == ErrorTextBytes.tab {
                index += 1
                continue
            }
            var end = index + 1
            if bytes[index] == ErrorTextBytes.doubleQuote {
                guard fields > 0 else { return false }
                while end < range.upperBound, bytes[end] != ErrorTextBytes.doubleQuote {
                    end += bytes[end] == ErrorTextBytes.backslash ? 2 : 1
                }
                end = min(end + 1, range.upperBound)
            } else {
                while end < range.upperBound, bytes[end] != ErrorTextBytes.space, bytes[end] != ErrorTextBytes.tab { end += 1 }
                let token = bytes[index..<end]
                let isNumber = token.allSatisfy { ErrorTextBytes.isDigit($0) || $0 == 0x2E || $0 == ErrorTextBytes.colon }
                let isPlaceholder = token.count == 1 && token.first == 0x2D
                guard fields > 0 ? isNumber || isPlaceholder : token.allSatisfy(ErrorTextBytes.isDigit) else { return false }
            }
            fields += 1
            index = end
        }
        return fields > 0
    }

    private static func isLeadingPunctuation(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case ErrorTextBytes.space, ErrorTextBytes.tab, 0x2D, ErrorTextBytes.colon, ErrorTextBytes.comma, 0x29, ErrorTextBytes.doubleQuote,
            ErrorTextBytes.singleQuote, 0x3D:
            return true
        case 0xE2:  // en or em dash
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94)
        case 0xEF:  // full-width colon or comma
            return index + 2 < bytes.count && bytes[index + 1] == 0xBC && (bytes[index + 2] == 0x9A || bytes[index + 2] == 0x8C)
        default:
            return false
        }
    }

    private static func separatorLength(_ bytes: [UInt8], at index: Int) -> Int {
        bytes[index] >= 0x80 ? 3 : 1
    }

    /// An exception class and the message after it.
    struct ExceptionMention {
        var name: String
        var message: String?
    }

    /// The exception named on the last line that names one (a traceback ends with the raised
    /// exception): a dotted or CamelCase identifier ending in `Error` or `Exception`, followed by
    /// `:`, ` - ` or the end of the line (`openai.RateLimitError: ...`, `litellm.APIError: ...`).
    /// On `raisedLine`, the line after a traceback's last frame, the type at the start of the line
    /// counts whatever its name ends in (`requests.exceptions.ReadTimeout: ...`).
    static func findException(in bytes: [UInt8], lines: [Range<Int>], raisedLine: Int?) -> ExceptionMention? {
        for index in lines.indices.reversed() {
            let line = lines[index]
            let raised = index == raisedLine ? raisedExceptionName(in: bytes, range: line) : nil
            guard let (name, after) = raised ?? exceptionName(in: bytes, range: line) else { continue }
            var rest = after
            // `litellm.APIError: OpenAIException - Sorry, ...`: drop wrapped exception names.
            for _ in 0..<3 {
                guard let (_, next) = exceptionName(in: bytes, range: rest..<line.upperBound, atStart: true) else { break }
                rest = next
            }
            let text = trimmed(ErrorTextBytes.string(bytes[rest..<line.upperBound]))
            return ExceptionMention(name: name, message: text.isEmpty ? nil : text)
        }
        return nil
    }

    /// The first exception name in `range` and the index after its `:` or ` - `.
    private static func exceptionName(in bytes: [UInt8], range: Range<Int>, atStart: Bool = false) -> (String, Int)? {
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] == ErrorTextBytes.space || bytes[index] == ErrorTextBytes.tab { index += 1 }
        while index < range.upperBound {
            guard ErrorTextBytes.isLetter(bytes[index]), index == range.lowerBound || !ErrorTextBytes.isIdentifier(bytes[index - 1]) else {
                if atStart { return nil }
                index += 1
                continue
            }
            var end = index
            while end < range.upperBound, ErrorTextBytes.isIdentifier(bytes[end]), end - index < 120 { end += 1 }
            let token = ErrorTextBytes.string(bytes[index..<end])
            if isExceptionName(token), let after = exceptionTerminator(bytes, at: end, limit: range.upperBound) {
                return (token, after)
            }
            if atStart { return nil }
            index = end
        }
        return nil
    }

    private static func isExceptionName(_ token: String) -> Bool {
        let suffix = token.hasSuffix("Error") ? "Error" : (token.hasSuffix("Exception") ? "Exception" : nil)
        guard let suffix, token.count > suffix.count, !token.hasSuffix(".\(suffix)") else { return false }
        let stem = token.dropLast(suffix.count)
        return token.contains(".") || stem.contains(where: \.isUppercase)
    }

    /// The index after `:` or ` - ` (or the line end) following an exception name.
    private static func exceptionTerminator(_ bytes: [UInt8], at index: Int, limit: Int) -> Int? {
        if index >= limit { return limit }
        if bytes[index] == ErrorTextBytes.colon { return index + 1 }
        if ErrorTextBytes.hasPrefix(bytes, ErrorTextBytes.bytes(" - "), at: index), index + 3 <= limit { return index + 3 }
        return nil
    }

    /// The first line that reads as an error report, for pastes that are only a message.
    static func errorLine(in bytes: [UInt8], lower: [UInt8], lines: [Range<Int>]) -> String? {
        for line in lines {
            let hit = errorVocabulary.contains {
                ErrorTextBytes.firstIndex(of: $0, in: lower, from: line.lowerBound, before: line.upperBound) != nil
            }
            if hit { return trimmed(ErrorTextBytes.string(bytes[line])) }
        }
        return nil
    }

    /// The exhausted rate-limit dimension: a known name as a whole word in the message (any case),
    /// or, without a message, in upper case anywhere in the text.
    static func findLimit(message: String?, bytes: [UInt8]) -> RateLimitDimension? {
        let text = message.map { Array($0.utf8) } ?? bytes
        let caseInsensitive = message != nil
        var index = 0
        while index + 3 <= text.count {
            let startsWord = index == 0 || !ErrorTextBytes.isAlphanumeric(text[index - 1])
            let endsWord = index + 3 == text.count || !ErrorTextBytes.isAlphanumeric(text[index + 3])
            if startsWord, endsWord, ErrorTextBytes.isLetter(text[index]) {
                let word = ErrorTextBytes.string(text[index..<(index + 3)])
                if caseInsensitive || word == word.uppercased(), let dimension = RateLimitDimension(knownName: word) {
                    return dimension
                }
            }
            index += 1
        }
        return nil
    }

    /// A message without surrounding space, quotes or commas, capped in length; nil when empty.
    /// Markup (an HTML page in a body's message, or its first line) is read as the page's heading.
    static func cleanedMessage(_ message: String) -> String? {
        var text = trimmed(message)
        if startsWithTag(text) { text = messageOfMarkup(text) }
        while let last = text.last, last == "," || last == ";" {
            text.removeLast()
            text = trimmed(text)
        }
        if text.count >= 2, let first = text.first, let last = text.last, first == last, first == "'" || first == "\"" {
            text = trimmed(String(text.dropFirst().dropLast()))
        }
        if emptyMessages.contains(text.lowercased()) { return nil }
        if text.count > maxMessageLength { text = String(text.prefix(maxMessageLength)) }
        return text
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
    }
}
