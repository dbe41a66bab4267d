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

    /// The fallback for a contact link, or for none: the message names a link only when there is one.
    public init(contactURL: String?) {
        self.init(message: contactURL == nil ? Self.messageWithoutLink : Self.messageWithLink, url: contactURL)
    }

    static let messageWithLink = "没有找到足够确定的答案，请通过此链接联系我们。"
    static let messageWithoutLink = "没有找到足够确定的答案，请换个说法再问，或联系客服。"
}
