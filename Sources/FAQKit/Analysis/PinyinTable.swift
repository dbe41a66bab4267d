import Foundation

/// Toneless pinyin for matching Latin-letter queries (`fapiao`, `shiming renzheng`) to Chinese.
///
/// Readings come from Unihan (`kMandarin` and related fields) through `tools/gen_unihan.py`, as
/// `Corpus/data/pinyin.tsv`; the syllable inventory is `Corpus/data/pinyin-syllables.txt`. At index
/// time every character pair of the corpus gets its pinyin keys (`发票` → `fapiao`); at query time
/// a Latin word that splits wholly into syllables looks its neighbouring syllable pairs up among
/// those keys. Only pairs the corpus contains can match, so an English word that happens to split
/// into syllables (`change` = chang·e) finds nothing unless the corpus has such a pair.
public struct PinyinTable: Sendable {
    /// Readings by scalar value.
    private var readings: [UInt32: [String]] = [:]
    /// Valid syllables, for segmentation.
    private var syllables: Set<String> = []
    /// Longest syllable, in letters.
    private var longest = 0

    /// An empty table: no pinyin matching.
    public init() {}

    /// Parses `pinyin.tsv` (`CHAR<TAB>reading reading…`) and the syllable list (one per line).
    public init(readings text: String, syllables syllableText: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let scalar = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1 else { continue }
            readings[scalar.value] = fields[1].split(separator: " ").map(String.init)
        }
        for line in syllableText.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let syllable = line.trimmingCharacters(in: .whitespaces)
            // Bare consonants (m, n, ng, r…) would let almost any word split into syllables.
            guard syllable.count >= 2 || ["a", "e", "o"].contains(syllable) else { continue }
            guard syllable.unicodeScalars.contains(where: { "aeiouv".unicodeScalars.contains($0) }) else { continue }
            syllables.insert(syllable)
            longest = max(longest, syllable.count)
        }
    }

    public var isEmpty: Bool { readings.isEmpty }

    /// Pinyin keys of a CJK term: every combination of its characters' readings, joined
    /// (`行长` → `xingzhang`, `hangzhang`, …), at most `limit` of them.
    public func keys(for term: String, limit: Int = 16) -> [String] {
        var keys = [""]
        for scalar in term.unicodeScalars {
            guard let options = readings[scalar.value] else { return [] }
            keys = keys.flatMap { prefix in options.map { prefix + $0 } }
            if keys.count > limit { keys = Array(keys.prefix(limit)) }
        }
        return keys == [""] ? [] : keys
    }

    /// Splits a lowercase ASCII word into syllables, preferring fewer and longer ones (`xian` is
    /// one syllable, not xi·an); nil when the word is not wholly pinyin.
    public func segment(_ word: String) -> [String]? {
        let letters = Array(word.utf8)
        guard !letters.isEmpty, letters.count <= 64, !syllables.isEmpty else { return nil }
        guard letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        // best[i]: fewest syllables covering letters[i...], with the first syllable's length.
        var best = [(count: Int, length: Int)?](repeating: nil, count: letters.count + 1)
        best[letters.count] = (0, 0)
        for i in stride(from: letters.count - 1, through: 0, by: -1) {
            for length in stride(from: min(longest, letters.count - i), through: 1, by: -1) {
                guard let rest = best[i + length] else { continue }
                let candidate = String(decoding: letters[i..<(i + length)], as: UTF8.self)
                guard syllables.contains(candidate) else { continue }
                if best[i] == nil || rest.count + 1 < best[i]!.count { best[i] = (rest.count + 1, length) }
            }
        }
        guard best[0] != nil else { return nil }
        var result: [String] = []
        var i = 0
        while i < letters.count, let step = best[i], step.length > 0 {
            result.append(String(decoding: letters[i..<(i + step.length)], as: UTF8.self))
            i += step.length
        }
        return result
    }
}
