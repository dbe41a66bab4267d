/// Reading the HTTP status and a business code from the text outside the body.
///
/// A number counts only when its context says what it is, because pasted errors are full of other
/// numbers (header values, dates, token counts, line numbers in tracebacks). Each candidate gets a
/// priority from its context; the highest wins.
extension ErrorTextParser {
    struct NumberHit {
        var value: Int
        var start: Int
        var end: Int
        var priority: Int
        /// Whether the number follows `HTTP/x` (a curl or httpx status line): the last such line
        /// wins, since `curl -iL` prints redirects and `100 Continue` before the final response.
        var isStatusLine: Bool
        /// Whether the number follows a quoted request line, as in an access log
        /// (`"POST /v1/chat/completions HTTP/1.1" 504 160 "-" "curl/8.5.0"`): what follows it is
        /// the byte count, referrer and user agent, never a body or a message.
        var isLoggedRequest = false
    }

    /// Reason phrases that follow a status (`503 Service Unavailable`), lower-cased.
    static let reasonPhrases: [[UInt8]] = [
        "bad request", "unauthorized", "payment required", "forbidden", "not found", "method not allowed",
        "not acceptable", "request timeout", "conflict", "gone", "payload too large", "request entity too large",
        "unsupported media type", "unprocessable entity", "unprocessable content", "too many requests",
        "internal server error", "not implemented", "bad gateway", "service unavailable", "gateway timeout",
        "gateway time-out", "ok", "continue", "created", "accepted", "no content",
    ].map(ErrorTextBytes.bytes)

    /// Chinese keywords naming a status or code (`状态码：429`, `错误码 30001`).
    private static let chineseStatusKeywords: [[UInt8]] = ["状态码", "错误码", "错误代码", "返回码", "状态"].map(ErrorTextBytes.bytes)
    private static let chineseCodeKeywords: [[UInt8]] = ["错误码", "错误代码", "返回码", "业务码"].map(ErrorTextBytes.bytes)

    /// Bytes that may sit between a keyword and its number (`status: "429"`, `code=20012`).
    private static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case ErrorTextBytes.space, ErrorTextBytes.tab, ErrorTextBytes.colon, 0x3D, ErrorTextBytes.doubleQuote, ErrorTextBytes.singleQuote, 0x28,
            ErrorTextBytes.openBracket, 0x23:
            true
        default:
            false
        }
    }

    /// Characters of a keyword read backwards from a number (`HTTP/1.1`, `status_code`).
    private static func isKeywordByte(_ byte: UInt8) -> Bool {
        ErrorTextBytes.isAlphanumeric(byte) || byte == 0x2E || byte == 0x2F || byte == 0x5F || byte == 0x2D
    }

    /// Every standalone run of digits: not part of a word, a decimal or a version number.
    private static func numberRuns(in bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard ErrorTextBytes.isDigit(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, ErrorTextBytes.isDigit(bytes[end]) { end += 1 }
            let before = index > 0 ? bytes[index - 1] : ErrorTextBytes.space
            let after = end < bytes.count ? bytes[end] : ErrorTextBytes.space
            let afterNext = end + 1 < bytes.count ? bytes[end + 1] : ErrorTextBytes.space
            let standalone =
                !ErrorTextBytes.isLetter(before) && before != 0x2E && before != 0x5F
                && !ErrorTextBytes.isLetter(after) && after != 0x5F && !(after == 0x2E && ErrorTextBytes.isDigit(afterNext))
            if standalone { runs.append(index..<end) }
            index = end
        }
        return runs
    }

    /// The words just before `index` (skipping separators), lower-cased, and whether a Chinese
    /// keyword from `chinese` ends there.
    private static func context(
        before index: Int, in lower: [UInt8], chinese: [[UInt8]]
    ) -> (first: String, second: String, chineseKeyword: Bool) {
        var cursor = index - 1
        var skipped = 0
        while cursor >= 0, skipped < 8 {
            if isSeparator(lower[cursor]) {
                cursor -= 1
            } else if cursor >= 2, lower[cursor - 2] == 0xEF, lower[cursor - 1] == 0xBC, lower[cursor] == 0x9A {
                cursor -= 3  // full-width colon
            } else {
                break
            }
            skipped += 1
        }
        let chineseKeyword = chinese.contains { ErrorTextBytes.hasPrefix(lower, $0, at: cursor + 1 - $0.count) }
        func word() -> String {
            let end = cursor + 1
            while cursor >= 0, end - cursor <= 40, isKeywordByte(lower[cursor]) { cursor -= 1 }
            return ErrorTextBytes.string(lower[(cursor + 1)..<end])
        }
        let first = word()
        var spaces = 0
        while cursor >= 0, spaces < 3, lower[cursor] == ErrorTextBytes.space || lower[cursor] == ErrorTextBytes.tab {
            cursor -= 1
            spaces += 1
        }
        let second = spaces > 0 ? word() : ""
        return (first, second, chineseKeyword)
    }

    /// Whether a reason phrase (or openai-node's `status code`) follows the number.
    private static func reasonFollows(_ end: Int, in lower: [UInt8]) -> (reason: Bool, statusCode: Bool) {
        var cursor = end
        while cursor < lower.count, cursor - end < 3, lower[cursor] == ErrorTextBytes.space { cursor += 1 }
        guard cursor > end || cursor == lower.count else { return (false, false) }
        func phrase(_ words: [UInt8]) -> Bool {
            guard ErrorTextBytes.hasPrefix(lower, words, at: cursor) else { return false }
            let after = cursor + words.count
            return after >= lower.count || !ErrorTextBytes.isLetter(lower[after])
        }
        return (reasonPhrases.contains(where: phrase), phrase(ErrorTextBytes.bytes("status code")))
    }

    /// Whether a `"` closes the text just before `index` (`... HTTP/1.1" 504`), skipping spaces.
    private static func closesQuote(before index: Int, in bytes: [UInt8]) -> Bool {
        var cursor = index - 1
        while cursor >= 0, bytes[cursor] == ErrorTextBytes.space || bytes[cursor] == ErrorTextBytes.tab { cursor -= 1 }
        return cursor >= 0 && bytes[cursor] == ErrorTextBytes.doubleQuote
    }

    /// Index of the first non-space byte: a number there starts the text (`401`, `500 Internal ...`).
    private static func textStart(of bytes: [UInt8]) -> Int {
        bytes.firstIndex(where: { !ErrorTextBytes.isSpace($0) }) ?? bytes.count
    }

    private static func normalized(_ word: String) -> String {
        word.filter { $0 != "_" && $0 != "-" }
    }

    /// The most credible HTTP status in the text, or nil.
    static func bestStatus(in bytes: [UInt8], lower: [UInt8], body: Range<Int>?) -> NumberHit? {
        var best: NumberHit? = nil
        let start = textStart(of: bytes)
        for run in numberRuns(in: bytes) where run.count == 3 {
            guard let value = Int(ErrorTextBytes.string(bytes[run])), (100...599).contains(value) else { continue }
            let (first, second, chinese) = context(before: run.lowerBound, in: lower, chinese: chineseStatusKeywords)
            let (reason, statusCode) = reasonFollows(run.upperBound, in: lower)
            let word = normalized(first)
            var priority = 0
            var isStatusLine = false
            var isLoggedRequest = false
            if first.hasPrefix("http/") {
                priority = 100
                isStatusLine = true
                isLoggedRequest = closesQuote(before: run.lowerBound, in: bytes)
            }
            if ["statuscode", "httpstatuscode", "httpcode", "errorcode", "responsecode"].contains(word)
                || (word == "code" && ["status", "error", "response", "http"].contains(normalized(second))) || statusCode
            {
                priority = max(priority, 90)
            }
            if word == "http" || word == "https" || (word == "error" && second == "http") { priority = max(priority, 85) }
            if word == "status" || word == "httpstatus" || chinese { priority = max(priority, 80) }
            if reason { priority = max(priority, 70) }
            if word.hasSuffix("error") || word.hasSuffix("exception") || word == "err" { priority = max(priority, 60) }
            if run.lowerBound == start { priority = max(priority, 50) }
            if word == "code" { priority = max(priority, 45) }
            if value < 200 { priority = min(priority, 5) }
            if let body, body.contains(run.lowerBound) { priority -= 50 }
            guard priority > 0 else { continue }
            let hit = NumberHit(
                value: value, start: run.lowerBound, end: run.upperBound, priority: priority, isStatusLine: isStatusLine,
                isLoggedRequest: isLoggedRequest)
            if let current = best {
                if hit.priority > current.priority || (hit.priority == current.priority && hit.isStatusLine) {
                    best = hit
                }
            } else {
                best = hit
            }
        }
        return best
    }

    /// A business code named outside any body (`code=30001`, `错误码 20012`, or the whole text
    /// `20015`), or nil. Platform codes have five digits.
    static func bestCode(in bytes: [UInt8], lower: [UInt8], body: Range<Int>?) -> Int? {
        var atStart: Int? = nil
        let start = textStart(of: bytes)
        for run in numberRuns(in: bytes) where run.count == 5 {
            if let body, body.contains(run.lowerBound) { continue }
            guard let value = Int(ErrorTextBytes.string(bytes[run])) else { continue }
            let (first, _, chinese) = context(before: run.lowerBound, in: lower, chinese: chineseCodeKeywords)
            if chinese || ["code", "errorcode", "errcode", "bizcode", "businesscode"].contains(normalized(first)) {
                return value
            }
            if atStart == nil, run.lowerBound == start,
                bytes[run.upperBound...].allSatisfy(ErrorTextBytes.isSpace)
            {
                atStart = value
            }
        }
        return atStart
    }
}
