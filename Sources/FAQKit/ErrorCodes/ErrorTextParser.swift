import Foundation

/// Reads an API failure out of whatever a client, gateway or terminal printed.
///
/// Users paste errors in many shapes (a bare `401`, `curl -i` output, openai-python's
/// `Error code: 429 - {'message': ...}`, gateway log lines, a raw JSON body, a message alone),
/// so the parser does not expect any one of them. It finds the parts independently:
///
/// - the **body**: the first error-shaped `{...}`, decoded as JSON or Python literal, or scanned
///   tolerantly when cut off (``ErrorBody``);
/// - the **status**: three-digit numbers are taken only where a keyword or reason phrase says
///   they are a status (`HTTP/1.1 400`, `status code: 503`, `Error code: 429`, `403 status code`,
///   `500 Internal Server Error`, or the whole text), so `Content-Length: 84`, dates and
///   `max_seq_len (32768)` are never read as one;
/// - the **message**, **exception class** and **rate-limit dimension** from the text around them,
///   never from a traceback's quoted source lines, an HTML page's markup (its title or heading is
///   the message) or an access log's fields after the status.
///
/// Parsing is bounded: only the first 48 KiB and last 16 KiB of a huge paste (where tracebacks put
/// the error), at most ``maxExaminedLines`` lines, are examined, and no step recurses on input depth.
public enum ErrorTextParser {
    /// Bytes of input examined at most.
    public static let maxExaminedBytes = 64 * 1024
    /// Lines of input examined at most.
    public static let maxExaminedLines = 2_000
    /// Characters kept of a message.
    public static let maxMessageLength = 1_000

    /// Parses pasted text.
    ///
    /// - Parameter text: Anything a user pasted; it may be huge, binary (decoded lossily), or not an error at all.
    /// - Returns: What was read, or nil when the text shows no API error (`hello world`).
    public static func parse(_ text: String) -> ParsedAPIError? {
        let bytes = examinedBytes(of: text)
        guard bytes.contains(where: { !ErrorTextBytes.isSpace($0) }) else { return nil }
        let lower = bytes.map(ErrorTextBytes.lowercased)

        var body = ErrorBody.find(in: bytes)
        var bodyRange = body?.range
        if body == nil, ErrorTextBytes.firstIndex(of: ErrorTextBytes.bytes("\\\""), in: bytes) != nil {
            // A body quoted inside a JSON log line: `"body": "{\"code\":20012, ...}"`.
            body = ErrorBody.find(in: unescapingQuotes(bytes))
            bodyRange = nil
        }

        var result = ParsedAPIError()
        result.hasBody = body != nil
        result.bodyOmitted = ErrorTextBytes.firstIndex(of: ErrorTextBytes.bytes("(no body)"), in: lower) != nil

        let statusHit = bestStatus(in: bytes, lower: lower, body: bodyRange)
        result.status = statusHit?.value ?? body?.status
        result.code = body?.code ?? bestCode(in: bytes, lower: lower, body: bodyRange)
        if result.status == nil, let code = result.code, code >= 400, code <= 599 {
            // `{"error": {"code": 429, ...}}`: a three-digit code is the HTTP status.
            result.status = code
        }

        // Messages are searched for with a traceback's quoted source lines blanked: they are the
        // user's code, not the error.
        let lines = lineRanges(of: bytes)
        let frames = tracebackFrames(in: bytes, lower: lower, lines: lines)
        let text = blanking(frames.lines, of: bytes, lines: lines)
        let textLower = blanking(frames.lines, of: lower, lines: lines)
        let exception = findException(in: text, lines: lines, raisedLine: frames.raisedLine)
        result.exceptionClass = exception?.name

        var message = body?.message
        if message == nil { message = keyedMessage(in: text, lower: textLower, body: bodyRange) }
        if message == nil { message = htmlHeading(in: text, lower: textLower) }
        if message == nil, let statusHit, statusHit.isStatusLine, !statusHit.isLoggedRequest, body == nil {
            message = plainBody(in: text, after: statusHit.end)
        }
        if message == nil, let statusHit, !statusHit.isLoggedRequest {
            message = messageAfterStatus(in: text, lower: textLower, end: statusHit.end)
        }
        if message == nil { message = exception?.message }
        if message == nil, result.status == nil, result.code == nil {
            message = errorLine(in: text, lower: textLower, lines: lines)
        }
        result.message = message.flatMap(cleanedMessage)
        result.limit = findLimit(message: result.message, bytes: bytes)

        let isError =
            (result.status.map { $0 >= 400 } ?? false) || result.code != nil || result.limit != nil
            || result.bodyOmitted || result.exceptionClass != nil || (body?.isErrorShaped ?? false)
            || result.message.map(mentionsError) ?? false
        return isError ? result : nil
    }

    /// The part of the input examined: all of it when small, else its head and tail (a traceback
    /// ends with the error), then capped in lines the same way.
    static func examinedBytes(of text: String) -> [UInt8] {
        let utf8 = text.utf8
        var bytes: [UInt8]
        if utf8.count <= maxExaminedBytes {
            bytes = Array(utf8)
        } else {
            let tailCount = maxExaminedBytes / 4
            bytes = Array(utf8.prefix(maxExaminedBytes - tailCount - 1))
            bytes.append(ErrorTextBytes.newline)
            bytes.append(contentsOf: utf8.suffix(tailCount))
        }
        let newlines = bytes.indices.filter { bytes[$0] == ErrorTextBytes.newline }
        if newlines.count >= maxExaminedLines {
            let headLines = maxExaminedLines * 3 / 4
            let tailLines = maxExaminedLines - headLines - 1
            let headEnd = newlines[headLines - 1] + 1
            let tailStart = newlines[newlines.count - tailLines] + 1
            bytes = Array(bytes[..<headEnd]) + Array(bytes[tailStart...])
        }
        return bytes
    }

    /// Undoes one level of `\"` and `\\` quoting.
    private static func unescapingQuotes(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == ErrorTextBytes.backslash, index + 1 < bytes.count,
                bytes[index + 1] == ErrorTextBytes.doubleQuote || bytes[index + 1] == ErrorTextBytes.backslash
            {
                output.append(bytes[index + 1])
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// Start and end of every line (without its line break).
    static func lineRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == ErrorTextBytes.newline {
            let end = index > start && bytes[index - 1] == ErrorTextBytes.carriageReturn ? index - 1 : index
            ranges.append(start..<end)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}
