/// A sentence in Chinese and English.
///
/// The FAQ is Chinese, so Chinese is always shown; English is appended for users who pasted an
/// English error, since they may not read Chinese.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Chinese sentence.
    public var zh: String
    /// The English sentence.
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// Chinese alone, or Chinese then English separated by ` / ` when `english` is true.
    public func text(english: Bool) -> String {
        english ? "\(zh) / \(en)" : zh
    }
}
