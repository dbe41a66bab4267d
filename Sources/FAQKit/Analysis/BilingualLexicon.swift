import Foundation

/// English words and the Chinese words they translate to, so an English question (`why is my
/// output truncated`) can find a Chinese answer (模型输出截断问题) that shares none of its letters.
///
/// The table is `Corpus/data/en-zh.tsv`, made from the CC-CEDICT dictionary by
/// `tools/gen_lexicon.py`: general language, no corpus in mind. A word lists many senses
/// (`bill` → 法案 钞票 发票 账单 …); the query engine keeps the few a corpus actually uses, which
/// is what picks the sense (an FAQ about invoices has 发票 and 账单, not 法案).
public struct BilingualLexicon: Sendable {
    /// The table's bytes; a word is found by binary search over its lines, so opening an index
    /// does not build a dictionary of twenty thousand words for the few English questions asked.
    private var bytes: [UInt8] = []
    /// Where each `ENGLISH<TAB>…` line starts, in byte order of its English word.
    private var lines: [Int] = []

    /// An empty lexicon: English words are only matched as themselves.
    public init() {}

    /// Reads `en-zh.tsv`: `ENGLISH<TAB>中文 中文 …` a line, `#` lines are comments.
    public init(tsv: String) {
        bytes = Array(tsv.utf8)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end > start, bytes[start] != 0x23, bytes[start..<end].contains(0x09) { lines.append(start) }
            start = end + 1
        }
        // The generated table is sorted; a hand-written one is sorted here.
        if !zip(lines, lines.dropFirst()).allSatisfy({ !key(at: $1).lexicographicallyPrecedes(key(at: $0)) }) {
            let unsorted = lines
            lines = unsorted.sorted { key(at: $0).lexicographicallyPrecedes(key(at: $1)) }
        }
    }

    /// The English word of the line at `start`.
    private func key(at start: Int) -> ArraySlice<UInt8> {
        bytes[start..<(bytes[start...].firstIndex(of: 0x09) ?? start)]
    }

    /// The Chinese words listed for exactly `word`.
    private func lookup(_ word: String) -> [String]? {
        let target = Array(word.utf8)
        var low = 0
        var high = lines.count
        while low < high {
            let mid = (low + high) / 2
            let key = key(at: lines[mid])
            if key.elementsEqual(target) {
                let valueStart = key.endIndex + 1
                let valueEnd = bytes[valueStart...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
                return bytes[valueStart..<valueEnd].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            }
            if key.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// The Chinese words for a lowercase English `word`, most common first. A word the table
    /// does not list is looked up by its stem (`bills` → bill, `truncated` → truncate,
    /// `limiting` → limit, `stopped` → stop), since the dictionary lists base forms.
    public func translations(of word: String) -> [String] {
        translationsByForm(of: word).first ?? []
    }

    /// The Chinese words listed for `word` and for each base form it may be an inflection of,
    /// one list per listed form, the word itself first. An inflection may be listed with a rare
    /// sense of its own (`limits` → 界线) while its base form has the common ones (`limit` → 限制),
    /// so a caller that finds none of the first list useful can go on to the next.
    public func translationsByForm(of word: String) -> [[String]] {
        var seen = Set<String>()
        return Self.forms(of: word).compactMap { form in
            guard seen.insert(form).inserted, let found = lookup(form) else { return nil }
            return found
        }
    }

    /// `word` and the base forms it may be an inflection of, most likely first.
    static func forms(of word: String) -> [String] {
        var forms = [word]
        func strip(_ suffix: String, add: String = "") {
            guard word.count > suffix.count + 2, word.hasSuffix(suffix) else { return }
            forms.append(String(word.dropLast(suffix.count)) + add)
        }
        strip("ies", add: "y")
        strip("es")
        if !word.hasSuffix("ss") { strip("s") }
        strip("ed")
        strip("d")
        strip("ing")
        strip("ing", add: "e")
        // A doubled final consonant (stopped, planning) is one in the base form.
        for suffix in ["ed", "ing"] where word.hasSuffix(suffix) {
            let stem = word.dropLast(suffix.count)
            if stem.count >= 3, let last = stem.last, stem.dropLast().last == last, !"aeiou".contains(last) {
                forms.append(String(stem.dropLast()))
            }
        }
        return forms
    }
}
