import Foundation

/// An error from FAQKit, with a message fit to show a user as it is.
///
/// A struct around a private code (as Hummingbird's `PersistError` does), so new kinds of
/// failure don't break callers that switch on it; compare with the static values' `code`.
public struct FAQKitError: Error, Sendable, Equatable {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The corpus file is missing or unreadable.
        public static let corpusUnreadable = Code(rawValue: "corpus_unreadable")
        /// The corpus has nothing to index, or a data file beside it is invalid.
        public static let corpusInvalid = Code(rawValue: "corpus_invalid")
        /// The index file exists but cannot be used.
        public static let indexUnreadable = Code(rawValue: "index_unreadable")
        /// The index could not be written.
        public static let indexWrite = Code(rawValue: "index_write")
        /// The caller's input is not acceptable (empty query, bad limit).
        public static let invalidInput = Code(rawValue: "invalid_input")
    }

    public var code: Code
    /// A one-line, human-readable explanation.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    static func corpusUnreadable(path: String, reason: String) -> FAQKitError {
        FAQKitError(code: .corpusUnreadable, message: "cannot read corpus \(path): \(reason)")
    }
    static func corpusInvalid(_ message: String) -> FAQKitError {
        FAQKitError(code: .corpusInvalid, message: message)
    }
    static func indexUnreadable(path: String, reason: String) -> FAQKitError {
        FAQKitError(code: .indexUnreadable, message: "cannot use index \(path): \(reason)")
    }
    static func indexWrite(_ message: String) -> FAQKitError {
        FAQKitError(code: .indexWrite, message: message)
    }
    static func invalidInput(_ message: String) -> FAQKitError {
        FAQKitError(code: .invalidInput, message: message)
    }
}

extension FAQKitError: CustomStringConvertible {
    public var description: String { message }
}

/// `localizedDescription` is what SwiftUI alerts and most logging show; without this it reads
/// "The operation could not be completed. (FAQKit.FAQKitError error 1.)".
extension FAQKitError: LocalizedError {
    public var errorDescription: String? { message }
}
