/// Corrects one typing mistake in a Latin word (`invocie` → `invoice`, `recharg` → `recharge`).
///
/// Symmetric-delete lookup (as SymSpell does): every known word is stored under itself and each
/// of its one-letter deletions; a typed word is looked up the same way, and candidates are kept
/// when their optimal-string-alignment distance is one (an insertion, deletion, substitution or
/// swap of neighbours). Only words of `minimumLength` letters or more are corrected, and never
/// numbers or identifiers: `429` or `max_tokens` mean exactly what they say.
public struct TypoCorrector: Sendable {
    /// Words shorter than this are never corrected: too many short words are one edit apart.
    public static let minimumLength = 5

    /// Known words by themselves and by their one-letter deletions.
    private var byKey: [String: [String]] = [:]
    private var known: Set<String> = []

    public init(words: some Sequence<String>) {
        for word in words where word.count >= Self.minimumLength - 1 && Self.isLetters(word) {
            guard known.insert(word).inserted else { continue }
            for key in Self.deletions(word) + [word] { byKey[key, default: []].append(word) }
        }
    }

    /// The known word `word` was most likely meant to be, or nil when it is known already, too
    /// short, not all letters, or not one edit from exactly one preferred candidate.
    public func correct(_ word: String) -> String? {
        guard word.count >= Self.minimumLength, Self.isLetters(word), !known.contains(word) else { return nil }
        var candidates: [String] = []
        for key in Self.deletions(word) + [word] {
            for candidate in byKey[key] ?? [] where !candidates.contains(candidate) && Self.distance(word, candidate) == 1 {
                candidates.append(candidate)
            }
        }
        // Prefer the likelier mistake, then the alphabetically first, so the choice is stable.
        return candidates.min { a, b in
            let ca = Self.cost(typed: word, meant: a)
            let cb = Self.cost(typed: word, meant: b)
            return ca != cb ? ca < cb : a < b
        }
    }

    /// How unlikely a one-edit mistake is: swapped neighbours and a dropped letter are the
    /// commonest, then a neighbouring key, then an extra letter, then any other key.
    static func cost(typed: String, meant: String) -> Int {
        let t = Array(typed.utf8)
        let m = Array(meant.utf8)
        if t.count < m.count { return 1 }  // a letter left out
        if t.count > m.count { return 3 }  // a letter too many
        let differing = t.indices.filter { t[$0] != m[$0] }
        if differing.count == 2 { return 0 }  // neighbours swapped
        guard let i = differing.first else { return 4 }
        return keyboardNeighbours(t[i], m[i]) ? 2 : 4
    }

    /// QWERTY rows, for neighbouring keys.
    private static let rows: [[UInt8]] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0.utf8) }

    static func keyboardNeighbours(_ a: UInt8, _ b: UInt8) -> Bool {
        func place(_ c: UInt8) -> (row: Int, column: Int)? {
            for (r, row) in rows.enumerated() { if let c = row.firstIndex(of: c) { return (r, c) } }
            return nil
        }
        guard let p = place(a), let q = place(b) else { return false }
        return abs(p.row - q.row) <= 1 && abs(p.column - q.column) <= 1
    }

    static func isLetters(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }

    static func deletions(_ word: String) -> [String] {
        let letters = Array(word.utf8)
        return letters.indices.map { i in
            var copy = letters
            copy.remove(at: i)
            return String(decoding: copy, as: UTF8.self)
        }
    }

    /// Optimal string alignment distance (Levenshtein plus swaps of neighbours), capped at 2.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if abs(x.count - y.count) > 1 { return 2 }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            current[0] = i
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return x.isEmpty ? y.count : min(previous[y.count], 2)
    }
}
