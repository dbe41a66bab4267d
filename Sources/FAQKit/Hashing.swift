import Foundation

/// FNV-1a, the one hash of FAQKit: token hashes (`TextAnalyzer.hash`, the keys of `TokenTable`)
/// and index fingerprints. It is not cryptographic; it only has to tell tokens apart and notice
/// that a corpus changed, and it is fast on short tokens and large files alike, with no dependency.
enum Hashing {
    /// FNV-1a's 64-bit offset basis: the hash of no bytes.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `bytes`, continuing from `seed` (the hash of what came before them).
    @inline(__always)
    static func fnv1a(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash of `data`, continuing from `seed`.
    static func fnv1a(_ data: Data, seed: UInt64 = offsetBasis) -> UInt64 {
        data.withUnsafeBytes { fnv1a($0, seed: seed) }
    }
}
