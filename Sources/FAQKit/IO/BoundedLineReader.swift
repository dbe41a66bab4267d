#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor without ever holding more than a bounded part of one.
///
/// `readLine()` returns a whole line however long it is: one 200 MB line of input to
/// `faq search --jsonl` took 627 MB (security review, finding 14). This reads 64 KiB at a time
/// and keeps at most `maxLineBytes` of a line; the rest of a longer line is read and dropped, and
/// the line comes back as ``Item/tooLong(number:bytes:prefix:)`` so the caller can say so for that
/// line and go on with the next.
public final class BoundedLineReader {
    /// One line of input.
    public enum Item: Equatable, Sendable {
        /// A line within the limit, without its `\n` (or `\r\n`). Invalid UTF-8 is replaced.
        case line(number: Int, text: String)
        /// A line over the limit: its 1-based number, its full length in bytes and its first
        /// `maxLineBytes` bytes.
        case tooLong(number: Int, bytes: Int, prefix: String)
    }

    /// The longest line returned whole, in bytes (without the line break).
    public let maxLineBytes: Int
    private let fileDescriptor: Int32
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var atEnd = false
    private var lineNumber = 0

    /// - Parameters:
    ///   - fileDescriptor: where to read; it is not closed.
    ///   - maxLineBytes: the longest line returned whole.
    ///   - chunkSize: bytes read per `read(2)`.
    public init(fileDescriptor: Int32, maxLineBytes: Int, chunkSize: Int = 64 * 1024) {
        self.fileDescriptor = fileDescriptor
        self.maxLineBytes = maxLineBytes
        self.chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
    }

    /// The next line, or nil at the end of the input. Throws when reading fails.
    public func next() throws -> Item? {
        var line: [UInt8] = []
        var length = 0
        var sawAny = false
        while true {
            if chunkStart == chunkEnd {
                if atEnd { break }
                try fill()
                if chunkStart == chunkEnd { break }
            }
            sawAny = true
            let available = chunk[chunkStart..<chunkEnd]
            if let newline = available.firstIndex(of: UInt8(ascii: "\n")) {
                append(chunk[chunkStart..<newline], to: &line, length: &length)
                chunkStart = newline + 1
                return finish(line, length: length)
            }
            append(available, to: &line, length: &length)
            chunkStart = chunkEnd
        }
        return sawAny ? finish(line, length: length) : nil
    }

    private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], length: inout Int) {
        let room = maxLineBytes + 1 - line.count  // one byte more, for a trailing \r
        if room > 0 { line.append(contentsOf: bytes.prefix(room)) }
        length += bytes.count
    }

    private func finish(_ line: [UInt8], length: Int) -> Item {
        lineNumber += 1
        var line = line
        var length = length
        if length <= maxLineBytes + 1, line.last == UInt8(ascii: "\r") {
            line.removeLast()
            length -= 1
        }
        if length > maxLineBytes {
            return .tooLong(number: lineNumber, bytes: length, prefix: String(decoding: line.prefix(maxLineBytes), as: UTF8.self))
        }
        return .line(number: lineNumber, text: String(decoding: line, as: UTF8.self))
    }

    private func fill() throws {
        chunkStart = 0
        chunkEnd = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                chunkEnd = n
                return
            }
            if n == 0 {
                atEnd = true
                return
            }
            if errno == EINTR { continue }
            throw FAQKitError.invalidInput("cannot read the input: \(String(cString: strerror(errno)))")
        }
    }
}
