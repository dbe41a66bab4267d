/// A small set of token hashes (`TextAnalyzer.hash`) for the per-token checks of highlighting and
/// question matching: a ``TokenTable`` whose values are unused, kept at most a quarter full so a
/// miss ends at an empty slot within a probe or two.
struct TokenSet: Sendable {
    private var table: TokenTable

    init(_ hashes: some Sequence<UInt64>) {
        let values = Array(hashes)
        table = TokenTable(capacity: values.count * 2)
        for value in values { table[value] = 0 }
    }

    @inline(__always)
    func contains(_ value: UInt64) -> Bool {
        table[value] != nil
    }

    var isEmpty: Bool { table.count == 0 }
}
