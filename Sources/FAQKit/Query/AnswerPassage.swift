/// The part of a long answer that answers the query: a sub-section, a few list items or table
/// rows, a paragraph.
///
/// Support answers are read in a chat bubble or a help widget, and an entry that runs to pages
/// (a model list, a table of limits, a troubleshooting guide with sub-headings) buries the one
/// line that was asked about. When an answer is longer than ``maxLength`` visible characters,
/// search and `ask` answer with the passage of at most that length whose blocks cover the most
/// of the query's matched words, under the heading of the sub-section it comes from; the hit
/// still names its entry (id, title, URL), and the whole answer stays one `faq show` or
/// `GET /v1/entries/{id}` away.
public struct AnswerPassage: Sendable, Hashable {
    /// The passage as markdown, cut from the entry's answer (links kept).
    public var text: String
    /// The passage's text without link targets, with the query's matches marked.
    public var highlighted: HighlightedText
    /// The sub-heading the passage sits under, when the answer has one above it.
    public var heading: String?

    public init(text: String, highlighted: HighlightedText, heading: String?) {
        self.text = text
        self.highlighted = highlighted
        self.heading = heading
    }

    /// Answers longer than this many visible (non-space) characters are answered with a passage
    /// of at most this many: about what a chat bubble or a widget card shows without scrolling.
    public static let maxLength = 450
}
