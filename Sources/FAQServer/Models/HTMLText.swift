import FAQKit

enum HTMLText {
    /// `& < > " '` as entities: safe inside HTML text and quoted attributes.
    static func escape(_ text: String) -> String {
        HighlightedText(marked: text).rendered(pre: "", post: "", escapingHTML: true)
    }
}
