import Foundation

extension Reliability {
    /// Generators of hostile text for the property tests, one per input class the reliability issue
    /// names. Each produces raw bytes (which may be invalid UTF-8); `string` decodes them lossily, as
    /// every entry point that reads outside text does.
    enum HostileInput: String, CaseIterable, Sendable {
        /// Uniformly random bytes: mostly invalid UTF-8, with NULs and control bytes.
        case randomBytes
        /// Broken UTF-8: lone surrogates encoded as bytes (ED A0 80), overlong forms, truncated
        /// sequences, bytes above U+10FFFF, stray continuation bytes, NUL.
        case invalidUTF8
        /// Base characters followed by long runs of combining marks ("zalgo" text).
        case combiningMarks
        /// Emoji: ZWJ families, flags, skin tones, variation selectors.
        case emoji
        /// Arabic and Hebrew text with bidi overrides and isolates.
        case rightToLeft
        /// FTS5 query syntax: quotes, `*`, `^`, `NEAR(`, boolean operators, column filters, parentheses.
        case fts5Syntax
        /// SQL injection attempts and SQLite parameter syntax.
        case sql
        /// HTML and JavaScript, including FAQKit's own highlight markers (U+E000, U+E001).
        case html
        /// printf-style and interpolation format strings.
        case formatStrings
        /// Deep nesting: thousands of `[`, `{`, `(` or nested JSON error objects.
        case deepNesting
        /// A random mix of all of the above with words the corpus contains, so queries reach the
        /// ranking and highlighting code rather than stopping at "no match".
        case mixed

        /// Words from the bundled corpus, so hostile fragments sit next to real matches.
        static let corpusWords = [
            "发票", "开票", "充值", "认证", "模型", "余额", "退款", "限流", "账号", "注销", "企业", "对公",
            "429", "max_tokens", "API key", "DeepSeek-V3", "rate limit", "invoice", "Pro/DeepSeek", "30s",
            "發票類型", "ＡＰＩ", "api_key",
        ]

        static let fts5Fragments = [
            "\"", "\"\"", "\"unbalanced", "*", "^", "^发票", "发票*", "NEAR(", "NEAR(发票 充值, 2)", "NEAR(a b", "AND", "OR",
            "NOT", "a AND", "OR b", "NOT NOT", "发票 NOT 充值", "title:", "body:x", "context:发票", "col:", "{title body}:发票",
            "- title:", "(", ")", "((((", "))))", "(发票 OR", "+", "-", ":", "\"a\" + \"b\"", "*:*", "rank:", "rowid",
            "entries_fts", "MATCH",
        ]

        static let sqlFragments = [
            "'; DROP TABLE entries; --", "' OR '1'='1", "\"; DELETE FROM meta; --", "1; UPDATE entries SET answer=''",
            "UNION SELECT * FROM sqlite_master", "' UNION SELECT sql FROM sqlite_master --", "/*", "*/", "--", ";",
            "?", "?1", ":name", "@x", "$x", "%", "_", "\\", "''", "ATTACH DATABASE '/tmp/x' AS x", "PRAGMA writable_schema=1",
            "x'00'", "char(0)", "randomblob(1000000000)",
        ]

        static let htmlFragments = [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "</em>", "<em>",
            "&lt;", "&#x3C;", "&amp;", "javascript:alert(1)", "<!--", "-->", "<![CDATA[", "]]>", "<Frame>", "</Frame>",
            "<Note>", "\u{E000}", "\u{E001}", "\u{E000}\u{E000}", "\u{E001}x\u{E000}", "<a href=\"javascript:x\">x</a>",
            "' onmouseover='x", "<style>*{}</style>", "<iframe src=//evil>",
        ]

        static let formatFragments = [
            "%s%n%x", "%@", "%99999999d", "%.99999f", "%n%n%n%n", "%1$s", "%*d", "{0}", "{}", "${x}", "#{x}", "%%",
            "\\(x)", "{{x}}", "%(name)s", "%c%c%c", "%ls", "%lld",
        ]

        static let rightToLeftFragments = [
            "مرحبا بالعالم", "שלום עולם", "\u{202E}gnp.exe", "\u{202D}", "\u{202C}", "\u{200F}", "\u{200E}", "\u{2067}",
            "\u{2066}", "\u{2068}", "\u{2069}", "٤٢٩", "۱۲۳", "فاتورة", "חשבונית", "\u{061C}",
        ]

        static let emojiFragments = [
            "😀", "👨‍👩‍👧‍👦", "🇨🇳", "🇺🇸🇨🇳🇯🇵", "👍🏽", "\u{FE0F}", "\u{200D}", "🏳️‍🌈", "🧑🏿‍🚀", "1️⃣", "©️", "🀄",
            "\u{1F3FB}\u{1F3FB}", "🫠",
        ]

        /// Invisible and unusual separators.
        static let spaceFragments = [
            " ", "\t", "\n", "\r\n", "\r", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0}",
            "\u{7F}", "\u{1B}[31m", "\u{85}",
        ]

        /// Invalid or hostile UTF-8 byte sequences.
        static let badUTF8: [[UInt8]] = [
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xB0, 0x80], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80],
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF], [0xE5, 0x8F], [0xE5], [0xF0, 0x9F, 0x98],
            [0x00], [0xEE, 0x80], [0xEE, 0x80, 0x80], [0xC3],
        ]

        /// Openers and closers for deep nesting (markdown quote and list markers have no closer).
        static let nestingPairs: [(open: String, close: String)] = [
            ("[", "]"), ("{", "}"), ("(", ")"), ("{\"error\":", "}"), ("{'error': ", "}"), ("\"", "\""), ("<Frame>", "</Frame>"),
            ("- ", ""), ("> ", ""), ("```", "```"), ("NEAR(", ")"),
        ]

        /// Generates one input of this class.
        func bytes(using rng: inout SplitMix64) -> [UInt8] {
            switch self {
            case .randomBytes:
                let count = Int.random(in: 0...300, using: &rng)
                return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case .invalidUTF8:
                var out: [UInt8] = []
                for _ in 0..<Int.random(in: 1...20, using: &rng) {
                    if Bool.random(using: &rng) {
                        out += Self.badUTF8.randomElement(using: &rng)!
                    } else {
                        out += Array(Self.corpusWords.randomElement(using: &rng)!.utf8)
                    }
                }
                return out
            case .combiningMarks:
                var text = ""
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    text += ["a", "e", "发", "票", "Z", "1", " ", "ـ", "ก"].randomElement(using: &rng)!
                    let marks = Int.random(in: 0...60, using: &rng)
                    for _ in 0..<marks {
                        let ranges: [ClosedRange<UInt32>] = [0x0300...0x036F, 0x1AB0...0x1AFF, 0x20D0...0x20FF, 0xFE20...0xFE2F, 0x0E31...0x0E3A]
                        let range = ranges.randomElement(using: &rng)!
                        if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { text.unicodeScalars.append(scalar) }
                    }
                }
                return Array(text.utf8)
            case .emoji:
                return Array(Self.join(Self.emojiFragments + Self.corpusWords, count: 1...12, using: &rng).utf8)
            case .rightToLeft:
                return Array(Self.join(Self.rightToLeftFragments + Self.corpusWords, count: 1...10, using: &rng).utf8)
            case .fts5Syntax:
                return Array(Self.join(Self.fts5Fragments + Self.corpusWords, count: 1...10, using: &rng).utf8)
            case .sql:
                return Array(Self.join(Self.sqlFragments + Self.corpusWords, count: 1...6, using: &rng).utf8)
            case .html:
                return Array(Self.join(Self.htmlFragments + Self.corpusWords, count: 1...8, using: &rng).utf8)
            case .formatStrings:
                return Array(Self.join(Self.formatFragments + Self.corpusWords, count: 1...8, using: &rng).utf8)
            case .deepNesting:
                let depth = Int.random(in: 50...1_500, using: &rng)
                let pair = Self.nestingPairs.randomElement(using: &rng)!
                var text = String(repeating: pair.open, count: depth)
                if Bool.random(using: &rng) { text += Self.corpusWords.randomElement(using: &rng)! }
                if Bool.random(using: &rng) { text += String(repeating: pair.close, count: Int.random(in: 0...depth, using: &rng)) }
                return Array(text.utf8)
            case .mixed:
                var out: [UInt8] = []
                for _ in 0..<Int.random(in: 1...12, using: &rng) {
                    let source = HostileInput.allCases.filter { $0 != .mixed && $0 != .deepNesting }.randomElement(using: &rng)!
                    if Int.random(in: 0..<3, using: &rng) == 0 {
                        out += Array(Self.corpusWords.randomElement(using: &rng)!.utf8)
                    } else {
                        out += source.bytes(using: &rng).prefix(80)
                    }
                    out += Array(Self.spaceFragments.randomElement(using: &rng)!.utf8)
                }
                return out
            }
        }

        /// Generates one input of this class, decoded lossily.
        func string(using rng: inout SplitMix64) -> String {
            String(decoding: bytes(using: &rng), as: UTF8.self)
        }

        /// `count` random fragments separated by random separators.
        static func join(_ fragments: [String], count: ClosedRange<Int>, using rng: inout SplitMix64) -> String {
            var text = ""
            for i in 0..<Int.random(in: count, using: &rng) {
                if i > 0 { text += Bool.random(using: &rng) ? " " : spaceFragments.randomElement(using: &rng)! }
                text += fragments.randomElement(using: &rng)!
            }
            return text
        }

        /// A short printable description of an input for failure messages: escaped and cut.
        static func describe(_ text: String) -> String {
            let escaped = text.unicodeScalars.prefix(200).map {
                $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : $0.escaped(asASCII: true)
            }.joined()
            return "\"\(escaped)\"" + (text.unicodeScalars.count > 200 ? "… (\(text.utf8.count) bytes)" : "")
        }
    }
}
