/// A small set of token hashes (`TextAnalyzer.hash`) for the per-token checks of highlighting and
/// question matching: open addressing on the FNV hash itself, so a lookup is a mask and a probe
/// or two, with none of `Set`'s re-hashing.
struct TokenSet: Sendable {
    private var slots: [UInt64]
    private let mask: Int
    /// 0 marks an empty slot; a token hashing to 0 is remembered separately.
    private var hasZero = false

    init(_ hashes: some Sequence<UInt64>) {
        let values = Array(hashes)
        var size = 16
        while size < values.count * 4 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for value in values { insert(value) }
    }

    private mutating func insert(_ value: UInt64) {
        if value == 0 {
            hasZero = true
            return
        }
        var i = Int(truncatingIfNeeded: value) & mask
        while slots[i] != 0 && slots[i] != value { i = (i + 1) & mask }
        slots[i] = value
    }

    @inline(__always)
    func contains(_ value: UInt64) -> Bool {
        if value == 0 { return hasZero }
        var i = Int(truncatingIfNeeded: value) & mask
        while true {
            let slot = slots[i]
            if slot == value { return true }
            if slot == 0 { return false }
            i = (i + 1) & mask
        }
    }

    var isEmpty: Bool { !hasZero && slots.allSatisfy { $0 == 0 } }
}
