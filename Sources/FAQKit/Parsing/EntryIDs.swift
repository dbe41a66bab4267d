/// Hands out unique entry ids: the first question to make an id keeps it, later ones get `-2`,
/// `-3`, ….
///
/// Each id remembers the next suffix to try, so a corpus with thousands of questions making the
/// same id costs one lookup each, not a scan of every suffix taken so far (which made indexing
/// quadratic in the number of duplicates).
struct EntryIDs {
    private var taken: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    /// A unique id for `id`, and whether it had to be changed.
    mutating func claim(_ id: String) -> (id: String, renamed: Bool) {
        guard taken.contains(id) else {
            taken.insert(id)
            return (id, false)
        }
        var n = nextSuffix[id, default: 2]
        while taken.contains("\(id)-\(n)") { n += 1 }
        nextSuffix[id] = n + 1
        let unique = "\(id)-\(n)"
        taken.insert(unique)
        return (unique, true)
    }
}
