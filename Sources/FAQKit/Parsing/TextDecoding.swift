import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a corpus file in the encodings FAQs are saved in: UTF-8; UTF-16 with its byte
/// order mark (Notepad's "Unicode"); and GB18030, the superset of GBK and GB2312 that Chinese
/// Windows saves Excel's CSV and Notepad's "ANSI" files in. Chinese text in GB18030 is almost
/// never valid UTF-8, so a file that is not UTF-8 and reads cleanly as GB18030 is taken as that;
/// anything else is read as UTF-8 with U+FFFD for the bytes it cannot read.
enum TextDecoding {
    struct Decoded {
        var text: String
        /// The first line holding a byte that could not be read, 1-based.
        var badLine: Int?
        /// The encoding the text was read in, when it is not UTF-8.
        var encoding: String?
    }

    static func decode(_ data: Data) -> Decoded {
        if let valid = String(validating: data, as: UTF8.self) { return Decoded(text: valid) }
        let head = [UInt8](data.prefix(2))
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF], let text = String(data: data, encoding: .utf16) {
            return Decoded(text: text, encoding: "UTF-16")
        }
        if let text = gb18030(data) { return Decoded(text: text, encoding: "GB18030 (GBK)") }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return Decoded(text: text, badLine: lines.firstIndex(where: { $0.contains("\u{FFFD}") }).map { $0 + 1 })
    }

    /// `data` read as GB18030 through the C library's iconv, or nil when it is not valid GB18030
    /// (or the library has no converter for it).
    static func gb18030(_ data: Data) -> String? {
        guard let converter = iconv_open("UTF-8", "GB18030"), converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = data.map { CChar(bitPattern: $0) }
        // Each GB18030 character of one, two or four bytes is at most four, three or four bytes of UTF-8.
        var output = [CChar](repeating: 0, count: data.count * 2 + 4)
        var inputLeft = input.count
        var outputLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) != -1 && inputLeft == 0
            }
        }
        guard converted else { return nil }
        return String(validating: output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
