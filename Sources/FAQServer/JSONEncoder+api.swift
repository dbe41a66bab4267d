import Foundation

extension JSONEncoder {
    /// The one JSON encoder of FAQKit's machine output: every HTTP response body and the CLI's
    /// `--json`/`--jsonl` (the same records, byte for byte). Compact, keys sorted (Foundation's
    /// encoder does not keep declaration order on Linux, so this is the only stable order), slashes
    /// unescaped so ids and URLs stay readable.
    public static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // As `builtAt` is written: Foundation's default is seconds since 2001, which a reader
        // taking it for Unix time would put 31 years early.
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
