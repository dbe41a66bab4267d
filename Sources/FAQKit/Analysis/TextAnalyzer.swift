import Foundation

/// Turns text into index terms: the one tokenizer behind documents, queries and highlights.
///
/// Chinese has no spaces, and a dictionary segmenter both costs a dictionary and guesses wrong on
/// product vocabulary, so ideographs become overlapping n-grams instead: every character (unigram)
/// and every pair of neighbours (bigram, colocated with its first character). Latin text becomes
/// lowercased words; identifiers such as `max_tokens` or `DeepSeek-V3.1` are indexed whole and by
/// their parts, and `30s` or `10k` also by their number. Full-width forms fold to ASCII and
/// traditional characters to simplified ones, for documents and queries alike.
///
/// Every token carries the byte range of the original text it came from, so FTS5's `highlight()`
/// and `snippet()` mark exactly the characters that matched. The scanner walks UTF-8 bytes and
/// reuses one buffer; it allocates no `String` per token.
public struct TextAnalyzer: Sendable {
    /// Bumped whenever tokenization changes, so stored indexes built by an older tokenizer are rebuilt.
    public static let version = 1

    /// What a token stands for; the ranker weighs kinds differently.
    public enum TokenKind: UInt8, Sendable, Hashable, Codable {
        /// One CJK character.
        case ideograph
        /// Two neighbouring CJK characters.
        case ideographPair
        /// A whole Latin word, number or identifier.
        case word
        /// A part of an identifier (`max` of `max_tokens`) or the number of `30s`.
        case wordPart
    }

    /// A token with its place in the original text.
    public struct Token: Sendable, Hashable {
        /// The normalized token text.
        public var text: String
        public var kind: TokenKind
        /// Byte offset of the first original UTF-8 byte the token covers.
        public var start: Int
        /// Byte offset one past the last original UTF-8 byte the token covers.
        public var end: Int
    }

    /// Traditional → simplified folding applied to ideographs.
    public let folding: CharacterFolding

    /// Longest token kept, in bytes; longer runs are cut so hostile input cannot bloat the index.
    static let maxTokenBytes = 96

    public init(folding: CharacterFolding = .identity) {
        self.folding = folding
    }

    /// The index's tokenizer, with the bundled folding table (``AnalysisResources/bundled``):
    /// what `FAQTokenizer` uses, since SQLite instantiates it by name and it cannot be handed a
    /// value. Everything else gets its analyzer passed down from `CorpusResources`.
    public static let shared = AnalysisResources.bundled.textAnalyzer

    /// Tokenizes `text` into tokens in document order.
    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var text = text
        text.withUTF8 { bytes in
            scan(bytes) { token, kind, start, end, _ in
                result.append(Token(text: String(decoding: token, as: UTF8.self), kind: kind, start: start, end: end))
                return true
            }
        }
        return result
    }

    /// Normalizes `text` the way tokens are normalized (width, case, traditional → simplified),
    /// keeping separators as single spaces. Used to compare phrases such as synonyms.
    public func normalize(_ text: String) -> String {
        var out = ""
        var previous: Token? = nil
        for token in tokens(text) where token.kind == .ideograph || token.kind == .word {
            if let previous {
                let joined = previous.kind == .ideograph && token.kind == .ideograph && previous.end == token.start
                if !joined { out += " " }
            }
            out += token.text
            previous = token
        }
        return out
    }

    /// The scanner. Calls `emit(token, kind, start, end, colocated)` for each token; `colocated`
    /// means the token shares the previous token's position (FTS5_TOKEN_COLOCATED). Stops early
    /// when `emit` returns false.
    public func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        emit: (UnsafeBufferPointer<UInt8>, TokenKind, Int, Int, Bool) -> Bool
    ) {
        // Ideograph tokens are built in a small stack buffer: no allocation per token.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { scratch in
            scanTokens(bytes, scratch: scratch.baseAddress!, emit: emit)
        }
    }

    private func scanTokens(
        _ bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>,
        emit: (UnsafeBufferPointer<UInt8>, TokenKind, Int, Int, Bool) -> Bool
    ) {
        var word = WordBuilder()
        // The previous ideograph of the current run: its folded scalar and its start offset.
        var previousIdeograph: (scalar: UInt32, start: Int)? = nil
        var index = 0
        let count = bytes.count

        func flushWord() -> Bool {
            defer { word.reset() }
            return word.emit(emit)
        }

        while index < count {
            let (decoded, length) = Self.decodeScalar(bytes, at: index)
            let start = index
            index += length
            let scalar = Self.foldWidth(decoded)

            if Self.isIdeographic(scalar) {
                if !word.isEmpty && !flushWord() { return }
                let folded = folding.fold(scalar)
                if let previous = previousIdeograph {
                    var n = Self.encodeUTF8(previous.scalar, into: scratch)
                    n += Self.encodeUTF8(folded, into: scratch + n)
                    if !emit(UnsafeBufferPointer(start: scratch, count: n), .ideographPair, previous.start, index, true) { return }
                }
                let n = Self.encodeUTF8(folded, into: scratch)
                if !emit(UnsafeBufferPointer(start: scratch, count: n), .ideograph, start, index, false) { return }
                previousIdeograph = (folded, start)
                continue
            }
            previousIdeograph = nil

            if let lower = Self.asciiWordByte(scalar) {
                word.append(byte: lower, start: start, end: index)
                continue
            }
            if Self.isConnector(scalar), !word.isEmpty, index < count {
                let (next, _) = Self.decodeScalar(bytes, at: index)
                if Self.asciiWordByte(Self.foldWidth(next)) != nil {
                    word.appendConnector(byte: UInt8(scalar), start: start, end: index)
                    continue
                }
            }
            if scalar >= 0x80, let normalized = Self.normalizedLetters(scalar) {
                word.append(character: normalized.utf8, start: start, end: index)
                continue
            }
            if scalar >= 0x80, Self.isCombiningMark(scalar), !word.isEmpty {
                continue  // a diacritic on a Latin letter: part of the word, dropped from the term
            }
            if !word.isEmpty && !flushWord() { return }
        }
        if !word.isEmpty { _ = flushWord() }
    }
}

// MARK: - Token hashes

extension TextAnalyzer {
    /// A 64-bit FNV-1a hash of a token's bytes.
    ///
    /// The hot paths (highlighting, question matching) compare tokens by this hash instead of by
    /// `String`, whose hashing and equality normalize Unicode on every call. Two different tokens
    /// share a hash with odds of about 2⁻⁶⁴; the cost would be one wrongly marked token.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        Hashing.fnv1a(UnsafeRawBufferPointer(bytes))
    }

    /// The hash of a token given as a string.
    public static func hash(_ token: String) -> UInt64 {
        var token = token
        return token.withUTF8 { hash($0) }
    }
}

// MARK: - Character classes

extension TextAnalyzer {
    /// Decodes one scalar; an invalid byte decodes as U+FFFD of length 1, so any input scans.
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let count = bytes.count
        @inline(__always) func continuation(_ j: Int) -> UInt32? {
            guard j < count, bytes[j] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[j] & 0x3F)
        }
        if b0 & 0xE0 == 0xC0, let c1 = continuation(i + 1) {
            let v = (b0 & 0x1F) << 6 | c1
            if v >= 0x80 { return (v, 2) }
        } else if b0 & 0xF0 == 0xE0, let c1 = continuation(i + 1), let c2 = continuation(i + 2) {
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if v >= 0x800 && !(0xD800...0xDFFF).contains(v) { return (v, 3) }
        } else if b0 & 0xF8 == 0xF0, let c1 = continuation(i + 1), let c2 = continuation(i + 2),
            let c3 = continuation(i + 3)
        {
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
        }
        return (0xFFFD, 1)
    }

    /// Full-width ASCII variants and the ideographic space fold to their ASCII forms (the part of
    /// NFKC that Chinese text needs on every character).
    @inline(__always)
    static func foldWidth(_ scalar: UInt32) -> UInt32 {
        if scalar >= 0xFF01 && scalar <= 0xFF5E { return scalar - 0xFEE0 }
        if scalar == 0x3000 { return 0x20 }
        return scalar
    }

    /// Scripts written without spaces, indexed as n-grams: CJK ideographs, kana, hangul.
    @inline(__always)
    static func isIdeographic(_ s: UInt32) -> Bool {
        switch s {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F,
            0x3041...0x309F, 0x30A0...0x30FF, 0xAC00...0xD7AF, 0x3005, 0x3007:
            return true
        default:
            return false
        }
    }

    /// The lowercased ASCII byte for a letter or digit, or nil.
    @inline(__always)
    static func asciiWordByte(_ s: UInt32) -> UInt8? {
        switch s {
        case 0x30...0x39, 0x61...0x7A: return UInt8(s)
        case 0x41...0x5A: return UInt8(s + 0x20)
        default: return nil
        }
    }

    /// Characters that join identifier parts when a letter or digit follows: `max_tokens`,
    /// `DeepSeek-V3.1`, `Pro/DeepSeek`.
    @inline(__always)
    static func isConnector(_ s: UInt32) -> Bool {
        s == 0x5F || s == 0x2D || s == 0x2E || s == 0x2F
    }

    static func isCombiningMark(_ s: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(s) else { return false }
        return scalar.properties.generalCategory == .nonspacingMark
    }

    /// NFKC and lowercase for a non-ASCII letter or digit (Latin with accents, Greek, Cyrillic,
    /// circled digits...), or nil when the scalar is not part of a word. Off the hot path.
    static func normalizedLetters(_ s: UInt32) -> String? {
        guard let scalar = Unicode.Scalar(s) else { return nil }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return nil }
        let text = String(Character(scalar)).precomposedStringWithCompatibilityMapping.lowercased()
        let kept = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil
                }))
        return kept.isEmpty ? nil : kept
    }

    /// Writes the UTF-8 bytes of `v` at `p` (room for 4 needed) and returns their count.
    @inline(__always)
    static func encodeUTF8(_ v: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
        switch v {
        case ..<0x80:
            p[0] = UInt8(v)
            return 1
        case ..<0x800:
            p[0] = UInt8(0xC0 | v >> 6)
            p[1] = UInt8(0x80 | v & 0x3F)
            return 2
        case ..<0x10000:
            p[0] = UInt8(0xE0 | v >> 12)
            p[1] = UInt8(0x80 | (v >> 6) & 0x3F)
            p[2] = UInt8(0x80 | v & 0x3F)
            return 3
        default:
            p[0] = UInt8(0xF0 | v >> 18)
            p[1] = UInt8(0x80 | (v >> 12) & 0x3F)
            p[2] = UInt8(0x80 | (v >> 6) & 0x3F)
            p[3] = UInt8(0x80 | v & 0x3F)
            return 4
        }
    }
}
