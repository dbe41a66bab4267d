import Foundation

/// Where to send someone the knowledge base cannot answer.
public struct Fallback: Sendable, Hashable, Codable {
    public var message: String
    /// The contact link; nil when the corpus and the configuration give none.
    public var url: String?

    public init(message: String, url: String?) {
        self.message = message
        self.url = url
    }

    /// The language of the default messages: the FAQ's own, as a support desk answers in the
    /// language of its help pages.
    public enum Language: Sendable, Hashable {
        case chinese, english

        /// Chinese when at least a fifth of the letters of `texts` (a corpus's page and category
        /// titles) are CJK ideographs, else English.
        public static func of(_ texts: [String]) -> Language {
            var letters = 0
            var ideographs = 0
            for scalar in texts.lazy.flatMap(\.unicodeScalars) where scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isIdeographic { ideographs += 1 }
            }
            return letters == 0 || ideographs * 5 >= letters ? .chinese : .english
        }
    }

    /// True for a link a reader can follow to get help: an absolute `http`/`https` URL, or a
    /// `mailto:` or `tel:` link. Anything else (`javascript:`, `data:`, a bare word) is not shown:
    /// a contact link ends up in `href`s and in the terminal as something to click.
    public static func isContactLink(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { return false }
        switch scheme {
        case "http", "https": return components.host.map { !$0.isEmpty } ?? false
        case "mailto", "tel": return !components.path.isEmpty
        default: return false
        }
    }

    /// The fallback for a contact link, or for none: the message names a link only when there is one.
    public init(contactURL: String?, language: Language = .chinese) {
        let message =
            switch (language, contactURL == nil) {
            case (.chinese, false): "没有找到足够确定的答案，请通过此链接联系我们。"
            case (.chinese, true): "没有找到足够确定的答案，请换个说法再问，或联系客服。"
            case (.english, false): "No confident answer was found. Please contact us through this link."
            case (.english, true): "No confident answer was found. Please rephrase the question, or contact support."
            }
        self.init(message: message, url: contactURL)
    }
}
