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

/// How a hit's score was made, for `faq ask --explain` and tuning.
public struct ScoreParts: Sendable, Hashable, Codable {
    /// Weighted share of the query's units the entry accounts for, anywhere.
    public var coverage: Double
    /// The same, counting only the question title.
    public var titleCoverage: Double
    /// How much of the entry's question title the query asks.
    public var questionMatch: Double
    /// FTS5 bm25, normalized to [0, 1] by the best candidate's.
    public var bm25: Double
    /// The score `ask` decides on before calibration (`SearchHit.confidence` is it calibrated).
    public var rawConfidence: Double = 0
    /// The terms this entry matched.
    public var matchedTerms: [String]
}

/// One ranked result.
public struct SearchHit: Sendable {
    public var entry: FAQEntry
    /// Ranking score (higher is better); comparable within one query only.
    public var score: Double
    /// Confidence that this entry answers the query, in [0, 1], comparable across queries and
    /// corpora: 0.5 is every index's answer threshold, 0.3 its suggestion threshold (see
    /// `Calibration`).
    public var confidence: Double
    /// A short passage of the answer around the matches.
    public var snippet: HighlightedText
    /// The title with matches marked.
    public var highlightedTitle: HighlightedText
    /// The answer's text (links reduced to their labels) with matches marked.
    public var highlightedAnswer: HighlightedText
    public var parts: ScoreParts
    /// The part of a long answer that answers the query (``AnswerPassage``); nil when the
    /// answer is short enough to give whole.
    public var passage: AnswerPassage? = nil
}

/// Where to send someone the knowledge base cannot answer.
public struct Fallback: Sendable, Hashable, Codable {
    public var message: String
    /// The contact link; nil when the corpus and the configuration give none.
    public var url: String?

    public init(message: String, url: String?) {
        self.message = message
        self.url = url
    }

    /// The fallback for a contact link, or for none: the message names a link only when there is one.
    public init(contactURL: String?) {
        self.init(message: contactURL == nil ? Self.messageWithoutLink : Self.messageWithLink, url: contactURL)
    }

    static let messageWithLink = "没有找到足够确定的答案，请通过此链接联系我们。"
    static let messageWithoutLink = "没有找到足够确定的答案，请换个说法再问，或联系客服。"
}

/// The outcome of a search.
public struct SearchResponse: Sendable {
    public var query: String
    /// True when the best hit is confident enough to be given as the answer.
    public var answered: Bool
    /// Answer, suggest or hand off (`answered` is `outcome == .answer`).
    public var outcome: AskOutcome = .handoff
    /// The two or three candidates offered when the outcome is `.suggest`; empty otherwise.
    public var suggestions: [SearchHit] = []
    /// Why the outcome was chosen.
    public var decision: AskDecision? = nil
    public var hits: [SearchHit]
    /// How many entries matched at all (before `limit` and `offset`).
    public var estimatedTotalHits: Int
    /// Set when the query was not answered.
    public var fallback: Fallback?
    /// The analyzed query, for explanations.
    public var analysis: AnalyzedQuery
}

/// The outcome of `ask`: one answer or an abstention.
public struct Answer: Sendable {
    public var query: String
    /// The answer; nil when the engine abstained.
    public var hit: SearchHit?
    /// Answer, suggest ("did you mean…") or hand off to the contact link.
    public var outcome: AskOutcome = .handoff
    /// Two or three candidate questions when the outcome is `.suggest`; empty otherwise.
    public var suggestions: [SearchHit] = []
    /// Why the outcome was chosen, for explanations.
    public var decision: AskDecision? = nil
    /// Up to three related entries.
    public var related: [FAQEntry]
    /// Where to go instead, when there is no answer.
    public var fallback: Fallback?
    /// Ranked candidates considered, best first (the answer among them).
    public var candidates: [SearchHit]
    public var analysis: AnalyzedQuery
}
