/// A map from token hashes (`TextAnalyzer.hash`) to small integers: document frequencies and
/// term numbers, looked up several times per query term, and the storage of `TokenSet`. Open
/// addressing on the FNV hash itself, so a lookup is a mask and a probe or two, with none of
/// `Dictionary`'s re-hashing.
struct TokenTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// 0 marks an empty slot; a token hashing to 0 is kept aside.
    private var zeroValue: Int32?
    private(set) var count = 0

    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    subscript(hash: UInt64) -> Int32? {
        get {
            if hash == 0 { return zeroValue }
            var i = Int(truncatingIfNeeded: hash) & mask
            while true {
                let key = keys[i]
                if key == hash { return values[i] }
                if key == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("TokenTable does not remove keys") }
            if hash == 0 {
                if zeroValue == nil { count += 1 }
                zeroValue = newValue
                return
            }
            if (count + 1) * 2 > keys.count { grow() }
            var i = Int(truncatingIfNeeded: hash) & mask
            while keys[i] != 0 && keys[i] != hash { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = hash
            values[i] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            var i = Int(truncatingIfNeeded: key) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = value
        }
    }
}
