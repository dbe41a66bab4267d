import Foundation

/// Folds traditional Chinese characters to simplified ones, so `發票` and `发票` index and match alike.
///
/// The table is generated from Unicode's Unihan data (`kSimplifiedVariant`) by `tools/gen_unihan.py`
/// and stored as `Corpus/data/t2s.tsv`; nothing in it is typed by hand. Lookups go through a flat
/// array over the BMP ideograph blocks, so folding costs one load per character on the hot path.
public struct CharacterFolding: Sendable {
    /// First scalar covered by the flat table (CJK Extension A).
    private static let base: UInt32 = 0x3400
    /// One past the last scalar covered by the flat table (end of the CJK compatibility block).
    private static let limit: UInt32 = 0xFB00

    /// `table[scalar - base]` is the simplified scalar, or 0 where the character folds to itself.
    private let table: [UInt32]
    /// Pairs outside the flat table's range (supplementary planes), rare enough for a dictionary.
    private let extra: [UInt32: UInt32]
    /// Number of folding pairs, reported in index metadata.
    public let count: Int

    /// A folding that changes nothing.
    public static let identity = CharacterFolding(pairs: [])

    /// Creates a folding from `(traditional, simplified)` scalar pairs.
    public init(pairs: [(UInt32, UInt32)]) {
        var table = [UInt32](repeating: 0, count: Int(Self.limit - Self.base))
        var extra: [UInt32: UInt32] = [:]
        for (from, to) in pairs where from != to {
            if from >= Self.base && from < Self.limit {
                table[Int(from - Self.base)] = to
            } else {
                extra[from] = to
            }
        }
        self.table = table
        self.extra = extra
        self.count = pairs.count
    }

    /// Parses the `t2s.tsv` format: `TRAD<TAB>SIMP` lines, `#` comments and blank lines ignored.
    public init(tsv text: String) {
        var pairs: [(UInt32, UInt32)] = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t")
            guard fields.count >= 2,
                let from = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1,
                let to = fields[1].unicodeScalars.first, fields[1].unicodeScalars.count == 1
            else { continue }
            pairs.append((from.value, to.value))
        }
        self.init(pairs: pairs)
    }

    /// The simplified form of `scalar`, or `scalar` itself.
    @inline(__always)
    public func fold(_ scalar: UInt32) -> UInt32 {
        if scalar >= Self.base && scalar < Self.limit {
            let folded = table[Int(scalar - Self.base)]
            return folded == 0 ? scalar : folded
        }
        if scalar < 0x10000 || extra.isEmpty { return scalar }
        return extra[scalar] ?? scalar
    }
}
