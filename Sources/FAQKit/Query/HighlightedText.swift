import Foundation

/// Text with highlighted ranges, kept format-neutral until it is shown: the engine marks matches
/// with two private-use characters, and each front end renders them its own way (terminal colour,
/// `<em>` tags around HTML-escaped text, nothing at all).
public struct HighlightedText: Sendable, Hashable, Codable {
    /// Marks the start of a highlighted range.
    public static let open: Character = "\u{E000}"
    /// Marks the end of a highlighted range.
    public static let close: Character = "\u{E001}"

    /// The text with markers.
    public var marked: String

    public init(marked: String) {
        self.marked = marked
    }

    /// The text without markers.
    public var plain: String { rendered(pre: "", post: "") }

    /// The text with markers replaced by `pre` and `post`; when `escapingHTML` is set, the text
    /// itself is HTML-escaped first so only the highlight tags remain markup.
    ///
    /// Works on UTF-8 bytes: the markers are the byte sequences EE 80 80 and EE 80 81, and every
    /// character HTML cares about is ASCII, so no `Character` is ever compared (which would
    /// normalize Unicode on each comparison).
    public func rendered(pre: String, post: String, escapingHTML: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(marked.utf8.count + 32)
        var text = marked
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0xEE, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 || bytes[i + 2] == 0x81 {
                    out.append(contentsOf: (bytes[i + 2] == 0x80 ? pre : post).utf8)
                    i += 3
                    continue
                }
                if escapingHTML {
                    switch byte {
                    case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                    case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                    case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                    case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                    case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                    default: out.append(byte)
                    }
                } else {
                    out.append(byte)
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
