/// Trimming and replacing without Foundation's NSString bridge, which took a third of the time to
/// parse a large corpus (`trimmingCharacters(in:)`, `replacingOccurrences(of:with:)` copy the
/// string into an NSString and back on Linux).
extension String {
    /// Without leading and trailing spaces and tabs; see `Substring.trimmingSpaces()`.
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }

    /// Without leading and trailing white space and line breaks; see `Substring.trimmingWhitespace()`.
    func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }
}

extension Substring {
    /// Without leading and trailing spaces and tabs: Foundation's `.whitespaces` (Unicode
    /// White_Space except line breaks).
    func trimmingSpaces() -> String {
        trimmingScalars { $0.isHorizontalSpace }
    }

    /// Without leading and trailing white space and line breaks: Foundation's
    /// `.whitespacesAndNewlines` (Unicode White_Space).
    func trimmingWhitespace() -> String {
        trimmingScalars { $0.isWhitespace }
    }

    private func trimmingScalars(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }), let last = scalars.lastIndex(where: { !isTrimmed($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with an ASCII fast path.
    var isWhitespace: Bool {
        value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }

    /// White space that is not a line break (tab, space, no-break and ideographic spaces...).
    var isHorizontalSpace: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: false
        default: isWhitespace
        }
    }
}
