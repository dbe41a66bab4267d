/// Reads Python literals, the form openai-python prints bodies in:
/// `Error code: 429 - {'message': "it's busy", 'data': None}`.
///
/// The conversion to JSON walks the text token by token, respecting both quote styles and
/// backslash escapes, because naive replacement breaks on apostrophes inside messages
/// (`"it's"`) and on `None` appearing inside a string. JSON input passes through unchanged
/// in meaning, so the same path serves both forms.
enum PythonLiteral {
    /// Converts a Python literal (or JSON) to JSON text that `JSONSerialization` can read.
    static func json(from literal: String) -> String {
        ErrorTextBytes.string(jsonBytes(from: Array(literal.utf8)[...]))
    }

    /// Byte form of ``json(from:)``: strings are re-encoded with double quotes and JSON escapes,
    /// `None`/`True`/`False` become `null`/`true`/`false`, string prefixes (`b'..'`, `u'..'`) and
    /// trailing commas are dropped. Anything else is copied, so invalid input stays invalid JSON.
    static func jsonBytes(from source: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.count + 16)
        var index = source.startIndex
        let end = source.endIndex
        while index < end {
            let byte = source[index]
            if byte == ErrorTextBytes.doubleQuote || byte == ErrorTextBytes.singleQuote {
                let token = readString(source, at: index)
                appendJSONString(token.value, to: &output)
                index = token.next
            } else if ErrorTextBytes.isLetter(byte) || byte == 0x5F {
                var wordEnd = index
                while wordEnd < end, ErrorTextBytes.isAlphanumeric(source[wordEnd]) || source[wordEnd] == 0x5F { wordEnd += 1 }
                let word = source[index..<wordEnd]
                if word.count <= 2, word.allSatisfy(isStringPrefixLetter), wordEnd < end,
                    source[wordEnd] == ErrorTextBytes.singleQuote || source[wordEnd] == ErrorTextBytes.doubleQuote
                {
                    index = wordEnd
                    continue
                }
                switch ErrorTextBytes.string(word) {
                case "None": output.append(contentsOf: ErrorTextBytes.bytes("null"))
                case "True": output.append(contentsOf: ErrorTextBytes.bytes("true"))
                case "False": output.append(contentsOf: ErrorTextBytes.bytes("false"))
                case "nan", "NaN", "inf", "Infinity": output.append(contentsOf: ErrorTextBytes.bytes("null"))
                default: output.append(contentsOf: word)
                }
                index = wordEnd
            } else if byte == ErrorTextBytes.comma {
                var next = index + 1
                while next < end, ErrorTextBytes.isSpace(source[next]) { next += 1 }
                if next < end, source[next] == ErrorTextBytes.closeBrace || source[next] == ErrorTextBytes.closeBracket {
                    index += 1
                    continue
                }
                output.append(byte)
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private static func isStringPrefixLetter(_ byte: UInt8) -> Bool {
        switch ErrorTextBytes.lowercased(byte) {
        case 0x62, 0x66, 0x72, 0x75: true  // b f r u
        default: false
        }
    }

    /// A string literal read from the text: its decoded UTF-8 bytes, where scanning resumes,
    /// and whether the closing quote was found (a cut-off body ends inside a string).
    struct StringToken {
        var value: [UInt8]
        var next: Int
        var terminated: Bool
    }

    /// Reads the string literal whose opening quote (`'` or `"`) is at `start`, decoding the
    /// escapes Python and JSON share (`\n`, `\'`, `\"`, `\\`, `\uXXXX` with surrogate pairs) and
    /// Python's own (`\xHH`, `\UXXXXXXXX`, octal). Unknown escapes keep their backslash, as in Python.
    static func readString(_ source: ArraySlice<UInt8>, at start: Int) -> StringToken {
        let quote = source[start]
        let end = source.endIndex
        var output: [UInt8] = []
        var index = start + 1
        while index < end {
            let byte = source[index]
            if byte == quote { return StringToken(value: output, next: index + 1, terminated: true) }
            guard byte == ErrorTextBytes.backslash else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else {
                index += 1
                break
            }
            let escape = source[index + 1]
            index += 2
            switch escape {
            case 0x6E: output.append(ErrorTextBytes.newline)  // n
            case 0x74: output.append(ErrorTextBytes.tab)  // t
            case 0x72: output.append(ErrorTextBytes.carriageReturn)  // r
            case 0x62: output.append(0x08)  // b
            case 0x66: output.append(0x0C)  // f
            case 0x61: output.append(0x07)  // a
            case 0x76: output.append(0x0B)  // v
            case ErrorTextBytes.newline: break  // line continuation
            case 0x30...0x37:  // octal, up to three digits
                var value = UInt32(escape - 0x30)
                var digits = 1
                while digits < 3, index < end, source[index] >= 0x30, source[index] <= 0x37 {
                    value = value * 8 + UInt32(source[index] - 0x30)
                    index += 1
                    digits += 1
                }
                ErrorTextBytes.appendScalar(value, to: &output)
            case 0x78, 0x75, 0x55:  // x, u, U
                let width = escape == 0x78 ? 2 : (escape == 0x75 ? 4 : 8)
                guard var value = hexValue(source, at: index, width: width) else {
                    output.append(ErrorTextBytes.backslash)
                    output.append(escape)
                    continue
                }
                index += width
                if escape == 0x75, (0xD800...0xDBFF).contains(value), index + 6 <= end,
                    source[index] == ErrorTextBytes.backslash, source[index + 1] == 0x75,
                    let low = hexValue(source, at: index + 2, width: 4), (0xDC00...0xDFFF).contains(low)
                {
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                ErrorTextBytes.appendScalar(value, to: &output)
            case ErrorTextBytes.backslash, ErrorTextBytes.singleQuote, ErrorTextBytes.doubleQuote, 0x2F:
                output.append(escape)
            default:
                output.append(ErrorTextBytes.backslash)
                output.append(escape)
            }
        }
        return StringToken(value: output, next: index, terminated: false)
    }

    private static func hexValue(_ source: ArraySlice<UInt8>, at start: Int, width: Int) -> UInt32? {
        guard start + width <= source.endIndex else { return nil }
        var value: UInt32 = 0
        for index in start..<(start + width) {
            guard let digit = ErrorTextBytes.hexValue(source[index]) else { return nil }
            value = value &* 16 &+ digit
        }
        return value
    }

    /// Appends decoded string bytes as a JSON string literal.
    private static func appendJSONString(_ value: [UInt8], to output: inout [UInt8]) {
        output.append(ErrorTextBytes.doubleQuote)
        for byte in value {
            switch byte {
            case ErrorTextBytes.doubleQuote, ErrorTextBytes.backslash:
                output.append(ErrorTextBytes.backslash)
                output.append(byte)
            case ErrorTextBytes.newline, ErrorTextBytes.tab, ErrorTextBytes.carriageReturn, 0x08, 0x0C:
                let letters: [UInt8: UInt8] = [
                    ErrorTextBytes.newline: 0x6E, ErrorTextBytes.tab: 0x74, ErrorTextBytes.carriageReturn: 0x72, 0x08: 0x62, 0x0C: 0x66,
                ]
                output.append(ErrorTextBytes.backslash)
                output.append(letters[byte] ?? 0x6E)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: ErrorTextBytes.bytes("\\u00"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(ErrorTextBytes.doubleQuote)
    }
}
