import Foundation

/// Content hashing for index fingerprints. FNV-1a is not cryptographic; it only has to notice
/// that a corpus changed, and it is fast on large files with no dependency.
enum Hashing {
    static func fnv1a(_ data: Data, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }
}
