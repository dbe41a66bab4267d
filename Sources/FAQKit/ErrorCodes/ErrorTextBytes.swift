/// Byte-level helpers for the error-text scanners.
///
/// The scanners work on UTF-8 bytes rather than `Character`s: every pattern they look for is ASCII,
/// byte indexing is O(1), and multi-byte text (Chinese messages) passes through untouched.
enum ErrorTextBytes {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let doubleQuote: UInt8 = 0x22
    static let singleQuote: UInt8 = 0x27
    static let backslash: UInt8 = 0x5C
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    /// Characters of an identifier, including dotted module paths (`openai.RateLimitError`).
    static func isIdentifier(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == 0x5F || byte == 0x2E }
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0x0B || byte == 0x0C
    }
    static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }

    /// The bytes of `string`, for comparing with scanned text.
    static func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

    /// Whether `needle` occurs in `haystack` at `index`.
    static func hasPrefix(_ haystack: [UInt8], _ needle: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= haystack.count else { return false }
        for offset in 0..<needle.count where haystack[index + offset] != needle[offset] {
            return false
        }
        return true
    }

    /// The first index at or after `start` (and before `end`) where `needle` occurs.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0, before end: Int? = nil) -> Int? {
        let limit = min(end ?? haystack.count, haystack.count) - needle.count
        guard !needle.isEmpty, start <= limit else { return nil }
        var index = max(start, 0)
        while index <= limit {
            if haystack[index] == needle[0], hasPrefix(haystack, needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Decodes bytes as UTF-8, replacing invalid sequences, so a cut-off character never fails.
    static func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 encoding of a code point, or U+FFFD when it is not a valid scalar
    /// (a lone surrogate from `\ud800`).
    static func appendScalar(_ value: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
