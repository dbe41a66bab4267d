import FAQKit
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `faq search --jsonl` reads its input through ``BoundedLineReader``: one 200 MB line took
/// 627 MB through `readLine()` (security review, finding 14).
struct BoundedLineReaderTests {
    /// Reads all of `input` through a pipe (written from another thread, so a large input
    /// cannot fill the pipe and block).
    func lines(_ input: [UInt8], maxLineBytes: Int, chunkSize: Int = 7) throws -> [BoundedLineReader.Item] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            var sent = 0
            while sent < input.count {
                let n = input[sent...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                sent += n
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(readEnd) }
        let reader = BoundedLineReader(fileDescriptor: readEnd, maxLineBytes: maxLineBytes, chunkSize: chunkSize)
        var items: [BoundedLineReader.Item] = []
        while let item = try reader.next() { items.append(item) }
        return items
    }

    @Test func splitsLinesAcrossChunksAndDropsLineBreaks() throws {
        let items = try lines(Array("发票多久能开\r\n怎么注销账号\n\nlast".utf8), maxLineBytes: 100)
        #expect(
            items == [
                .line(number: 1, text: "发票多久能开"), .line(number: 2, text: "怎么注销账号"), .line(number: 3, text: ""),
                .line(number: 4, text: "last"),
            ])
        #expect(try lines([], maxLineBytes: 10).isEmpty)
        #expect(try lines(Array("a\n".utf8), maxLineBytes: 10) == [.line(number: 1, text: "a")])
    }

    @Test func aLineOverTheLimitIsReportedWithItsLengthAndTheNextLinesGoOn() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 5_000_000)
        let input = Array("before\n".utf8) + long + Array("\nafter\n".utf8)
        let items = try lines(input, maxLineBytes: 1024, chunkSize: 64 * 1024)
        #expect(items.count == 3)
        #expect(items.first == .line(number: 1, text: "before"))
        guard case .tooLong(let number, let bytes, let prefix) = items[1] else {
            Issue.record("not reported as too long: \(items[1])")
            return
        }
        #expect(number == 2 && bytes == 5_000_000 && prefix.utf8.count == 1024)
        #expect(items.last == .line(number: 3, text: "after"))
        // Exactly at the limit is a line; one byte more is not.
        let exact = try lines(Array(String(repeating: "y", count: 16).utf8) + [10], maxLineBytes: 16)
        #expect(exact == [.line(number: 1, text: String(repeating: "y", count: 16))])
        let over = try lines(Array(String(repeating: "y", count: 17).utf8) + [13, 10], maxLineBytes: 16)
        #expect(over == [.tooLong(number: 1, bytes: 18, prefix: String(repeating: "y", count: 16))])
    }
}
