/// Telling a Python traceback's frames from the error it ends with.
///
/// Under each `File "x.py", line 5, in <module>` header a traceback quotes the caller's source
/// (`r = requests.post(url, json=body, timeout=10)`). Those lines are the user's code, not what
/// failed, yet they are full of words the message search looks for (`timeout`, `error`, `msg=`),
/// so the message is searched for in the text with the frames blanked out. The error is the line
/// after the last frame, `ExceptionType: message`, whatever the type is called: `requests` and
/// `httpx` name theirs `ReadTimeout` and `ConnectTimeout`, and `socket.timeout` is lower case.
extension ErrorTextParser {
    /// Where a traceback lies among the lines of a paste.
    struct TracebackFrames {
        /// Indices of frame headers, the source lines and `^^^^` markers under them, and the
        /// traceback's own furniture (`Traceback (most recent call last):`).
        var lines: Set<Int> = []
        /// Index of the first non-blank line after the last frame: the raised exception.
        var raisedLine: Int?
    }

    /// Lines Python prints around frames that are not part of the error.
    private static let tracebackFurniture = [
        "traceback (most recent call last):",
        "during handling of the above exception, another exception occurred:",
        "the above exception was the direct cause of the following exception:",
    ].map(ErrorTextBytes.bytes)

    /// The frames of every traceback in the paste.
    static func tracebackFrames(in bytes: [UInt8], lower: [UInt8], lines: [Range<Int>]) -> TracebackFrames {
        var frames = TracebackFrames()
        var lastFrameLine: Int? = nil
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = indentation(of: bytes, line: line)
            let start = line.lowerBound + indent
            if tracebackFurniture.contains(where: { ErrorTextBytes.hasPrefix(lower, $0, at: start) }) {
                frames.lines.insert(index)
                index += 1
                continue
            }
            guard isFrameHeader(bytes, from: start, to: line.upperBound) else {
                index += 1
                continue
            }
            frames.lines.insert(index)
            lastFrameLine = index
            index += 1
            // The source line and markers are indented under the header; a paste that lost its
            // indentation still has exactly one source line after the header, unless the next line
            // is the next frame or already the exception.
            var first = true
            while index < lines.count, !isBlank(bytes, line: lines[index]) {
                let next = lines[index]
                let nextStart = next.lowerBound + indentation(of: bytes, line: next)
                if isFrameHeader(bytes, from: nextStart, to: next.upperBound) { break }
                let deeper = indentation(of: bytes, line: next) > indent
                let flatSource = first && indent == 0 && raisedExceptionName(in: bytes, range: nextStart..<next.upperBound) == nil
                guard deeper || flatSource else { break }
                frames.lines.insert(index)
                lastFrameLine = index
                first = false
                index += 1
            }
        }
        if let lastFrameLine {
            frames.raisedLine = ((lastFrameLine + 1)..<lines.count).first { !isBlank(bytes, line: lines[$0]) }
        }
        return frames
    }

    /// A copy of `bytes` with the given lines blanked, so searches skip them but indices stay valid.
    static func blanking(_ lineIndices: Set<Int>, of bytes: [UInt8], lines: [Range<Int>]) -> [UInt8] {
        guard !lineIndices.isEmpty else { return bytes }
        var output = bytes
        for index in lineIndices {
            for position in lines[index] { output[position] = ErrorTextBytes.space }
        }
        return output
    }

    /// The exception type starting a line raised by a traceback (`requests.exceptions.ReadTimeout:`,
    /// `socket.timeout: timed out`, `KeyboardInterrupt`) and the index after its `:`. A dotted name
    /// or a capitalised one, followed by `:` or the line end, so code such as `raise` is not one.
    static func raisedExceptionName(in bytes: [UInt8], range: Range<Int>) -> (String, Int)? {
        var start = range.lowerBound
        while start < range.upperBound, ErrorTextBytes.isSpace(bytes[start]) { start += 1 }
        guard start < range.upperBound, ErrorTextBytes.isLetter(bytes[start]) || bytes[start] == 0x5F else { return nil }
        var end = start
        while end < range.upperBound, ErrorTextBytes.isIdentifier(bytes[end]), end - start < 120 { end += 1 }
        guard bytes[end - 1] != 0x2E else { return nil }
        let name = ErrorTextBytes.string(bytes[start..<end])
        guard name.contains(".") || ErrorTextBytes.isUpper(bytes[start]) else { return nil }
        if end == range.upperBound { return (name, end) }
        return bytes[end] == ErrorTextBytes.colon ? (name, end + 1) : nil
    }

    /// `File "x.py", line 5` (with or without `, in f`).
    private static func isFrameHeader(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        guard ErrorTextBytes.hasPrefix(bytes, ErrorTextBytes.bytes("File \""), at: start),
            let line = ErrorTextBytes.firstIndex(of: ErrorTextBytes.bytes("\", line "), in: bytes, from: start + 6, before: end)
        else { return false }
        let digit = line + 8
        return digit < end && ErrorTextBytes.isDigit(bytes[digit])
    }

    private static func indentation(of bytes: [UInt8], line: Range<Int>) -> Int {
        var index = line.lowerBound
        while index < line.upperBound, bytes[index] == ErrorTextBytes.space || bytes[index] == ErrorTextBytes.tab { index += 1 }
        return index - line.lowerBound
    }

    private static func isBlank(_ bytes: [UInt8], line: Range<Int>) -> Bool {
        bytes[line].allSatisfy(ErrorTextBytes.isSpace)
    }
}
