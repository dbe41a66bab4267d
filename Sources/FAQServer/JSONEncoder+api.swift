import Foundation

extension JSONEncoder {
    /// The one JSON encoder of FAQKit's machine output: every HTTP response body and the CLI's
    /// `--json`/`--jsonl` (the same records, byte for byte). Compact, keys sorted (Foundation's
    /// encoder does not keep declaration order on Linux, so this is the only stable order), slashes
    /// unescaped so ids and URLs stay readable.
    public static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
