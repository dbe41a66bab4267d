import Foundation

/// An error body found in pasted text: `{"code":20012,"message":"...","data":null}`, its Python
/// literal form, or OpenAI's nesting `{"error": {"message": ..., "code": ...}}`.
///
/// Complete bodies are decoded with `JSONSerialization` (after ``PythonLiteral`` conversion);
/// bodies cut off by a log line limit, or too odd to decode, are read by a tolerant key scan,
/// so half a body still yields its code and message.
struct ErrorBody {
    /// Where the body lies in the scanned bytes (to the end of the text when it is cut off).
    var range: Range<Int>
    /// Whether the braces closed and the body decoded as JSON.
    var decoded: Bool
    var code: Int?
    var message: String?
    /// A `status` field inside the body (some gateways repeat the HTTP status there).
    var status: Int?
    /// Whether an `error` key was present, which marks an error body even without code or message.
    var hasErrorKey = false

    /// Whether this looks like an API error body rather than any other object in the text.
    var isErrorShaped: Bool { code != nil || message != nil || hasErrorKey }

    /// Nesting deeper than this is not an API error body; such input is only scanned tolerantly.
    static let maxDepth = 32
    /// How many `{` are tried before giving up, so a text made of braces costs linear time.
    static let maxCandidates = 32
    /// How deep message-inside-message nesting (JSON as a string inside a body) is followed.
    static let maxReparse = 2

    private enum Extent {
        case closed(end: Int)
        case unterminated
        case tooDeep
    }

    /// The first error-shaped body in `bytes`, or nil.
    static func find(in bytes: [UInt8], reparse: Int = 0) -> ErrorBody? {
        var searchFrom = 0
        var candidates = 0
        while candidates < maxCandidates,
            let open = ErrorTextBytes.firstIndex(of: [ErrorTextBytes.openBrace], in: bytes, from: searchFrom)
        {
            candidates += 1
            switch extent(of: bytes, from: open) {
            case .closed(let end):
                let range = open..<(end + 1)
                if var body = decode(bytes, range: range, reparse: reparse), body.isErrorShaped {
                    body.range = range
                    return body
                }
                let scanned = tolerantScan(bytes, range: range)
                if scanned.isErrorShaped { return scanned }
                searchFrom = end + 1
            case .unterminated, .tooDeep:
                // Everything after this brace is covered by one tolerant scan.
                let scanned = tolerantScan(bytes, range: open..<bytes.count)
                return scanned.isErrorShaped ? scanned : nil
            }
        }
        return nil
    }

    /// Finds the closing brace of the object opening at `start`, skipping strings in either quote style.
    private static func extent(of bytes: [UInt8], from start: Int) -> Extent {
        var depth = 0
        var index = start
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == ErrorTextBytes.backslash {
                    index += 2
                    continue
                }
                if byte == open { quote = nil }
            } else {
                switch byte {
                case ErrorTextBytes.doubleQuote, ErrorTextBytes.singleQuote:
                    quote = byte
                case ErrorTextBytes.openBrace, ErrorTextBytes.openBracket:
                    depth += 1
                    if depth > maxDepth { return .tooDeep }
                case ErrorTextBytes.closeBrace, ErrorTextBytes.closeBracket:
                    depth -= 1
                    if depth == 0 { return .closed(end: index) }
                default:
                    break
                }
            }
            index += 1
        }
        return .unterminated
    }

    private static func decode(_ bytes: [UInt8], range: Range<Int>, reparse: Int) -> ErrorBody? {
        let json = PythonLiteral.jsonBytes(from: bytes[range])
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)),
            let dictionary = object as? [String: Any]
        else { return nil }
        var body = ErrorBody(range: range, decoded: true)
        body.read(dictionary, depth: 0, reparse: reparse)
        return body
    }

    private static let codeKeys = ["code", "error_code", "errcode", "errorcode"]
    private static let messageKeys = ["message", "msg", "error_message", "errmsg", "errormessage", "detail"]
    private static let wrapperKeys = ["body", "response", "response_body", "responsebody", "error_body"]
    private static let statusKeys = ["status", "status_code", "statuscode", "http_status"]

    /// Reads code, message and status from a decoded body, descending into `error` and
    /// dictionary-valued `message` (both nestings occur in gateway output).
    private mutating func read(_ dictionary: [String: Any], depth: Int, reparse: Int) {
        guard depth < 4 else { return }
        var lowered: [String: Any] = [:]
        for (key, value) in dictionary { lowered[key.lowercased()] = value }
        // A log record wrapping the upstream response (`{"msg": "upstream", "body": "{\"code\": ...}"}`):
        // the wrapped body speaks for the API, so it is read first.
        for key in Self.wrapperKeys {
            if let nested = lowered[key] as? [String: Any] {
                read(nested, depth: depth + 1, reparse: reparse)
            } else if let text = lowered[key] as? String, reparse < Self.maxReparse,
                text.trimmingCharacters(in: .whitespaces).hasPrefix("{"),
                let inner = Self.find(in: Array(text.utf8), reparse: reparse + 1)
            {
                code = code ?? inner.code
                status = status ?? inner.status
                message = message ?? inner.message
            }
        }
        if code == nil {
            code = Self.codeKeys.lazy.compactMap { lowered[$0].flatMap(Self.integer) }.first
        }
        if status == nil {
            status = Self.statusKeys.lazy.compactMap { lowered[$0].flatMap(Self.integer) }
                .first(where: { (100...599).contains($0) })
        }
        for key in Self.messageKeys where message == nil {
            guard let value = lowered[key] else { continue }
            if let text = value as? String {
                readMessage(text, reparse: reparse)
            } else if let nested = value as? [String: Any] {
                read(nested, depth: depth + 1, reparse: reparse)
            }
        }
        if let error = lowered["error"] {
            hasErrorKey = true
            if let nested = error as? [String: Any] {
                read(nested, depth: depth + 1, reparse: reparse)
            } else if let text = error as? String, message == nil {
                readMessage(text, reparse: reparse)
            }
        }
    }

    /// Takes a message, unless it is itself a JSON body (double-encoded by a wrapper), in which
    /// case the inner body's code and message are used.
    private mutating func readMessage(_ text: String, reparse: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{"), reparse < Self.maxReparse,
            let inner = Self.find(in: Array(trimmed.utf8), reparse: reparse + 1)
        {
            if code == nil { code = inner.code }
            if status == nil { status = inner.status }
            if let innerMessage = inner.message {
                message = innerMessage
                return
            }
        }
        if !trimmed.isEmpty { message = trimmed }
    }

    /// An integer from a JSON number or a string of digits (`"30001"`); booleans are not codes.
    private static func integer(_ value: Any) -> Int? {
        if value is Bool, let number = value as? Int, number == 0 || number == 1 { return nil }
        if let number = value as? Int { return number }
        if let text = value as? String, !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCII),
            text.utf8.allSatisfy(ErrorTextBytes.isDigit)
        {
            return Int(text)
        }
        return nil
    }

    /// Reads keys lexically (`"code": 20012`, `'message': 'Sorry, ...`) wherever they appear in
    /// `range`, taking the first of each. Works on cut-off bodies and on bodies JSON cannot decode;
    /// a string cut off mid-way yields the part that is there.
    static func tolerantScan(_ bytes: [UInt8], range: Range<Int>) -> ErrorBody {
        var body = ErrorBody(range: range, decoded: false)
        var errorText: String? = nil
        let slice = bytes[range]
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == ErrorTextBytes.doubleQuote || byte == ErrorTextBytes.singleQuote else {
                index += 1
                continue
            }
            let key = PythonLiteral.readString(slice, at: index)
            index = key.next
            guard key.terminated, key.value.count <= 24 else { continue }
            var cursor = index
            while cursor < range.upperBound, bytes[cursor] == ErrorTextBytes.space || bytes[cursor] == ErrorTextBytes.tab { cursor += 1 }
            guard cursor < range.upperBound, bytes[cursor] == ErrorTextBytes.colon else { continue }
            cursor += 1
            while cursor < range.upperBound, ErrorTextBytes.isSpace(bytes[cursor]) { cursor += 1 }
            let name = ErrorTextBytes.string(key.value).lowercased()
            if name == "error" { body.hasErrorKey = true }
            guard cursor < range.upperBound else { break }
            let first = bytes[cursor]
            if first == ErrorTextBytes.doubleQuote || first == ErrorTextBytes.singleQuote {
                let value = PythonLiteral.readString(slice, at: cursor)
                index = value.next
                let text = ErrorTextBytes.string(value.value).trimmingCharacters(in: .whitespacesAndNewlines)
                if Self.messageKeys.contains(name), body.message == nil, !text.isEmpty {
                    body.message = text
                } else if name == "error", errorText == nil, !text.isEmpty {
                    errorText = text
                } else if Self.codeKeys.contains(name), body.code == nil {
                    body.code = integer(text)
                }
            } else if ErrorTextBytes.isDigit(first) || first == 0x2D {
                var end = cursor + 1
                while end < range.upperBound, ErrorTextBytes.isDigit(bytes[end]), end - cursor < 10 { end += 1 }
                // A number running into the cut may be missing digits, so it is not read.
                let number = end < range.upperBound ? Int(ErrorTextBytes.string(bytes[cursor..<end])) : nil
                if Self.codeKeys.contains(name), body.code == nil {
                    body.code = number
                } else if Self.statusKeys.contains(name), body.status == nil, let number, (100...599).contains(number) {
                    body.status = number
                }
                index = end
            } else {
                index = cursor
            }
        }
        if body.message == nil { body.message = errorText }
        return body
    }
}
