import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address parsed from text (`inet_pton`), so that what keys a rate-limit bucket
/// is a real address in its canonical spelling, never a client-chosen string of any length.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes (IPv4, also for IPv4-mapped IPv6) or 16 (IPv6).
    public let bytes: [UInt8]

    /// Parses `1.2.3.4`, `1.2.3.4:80`, `2001:db8::1`, `[2001:db8::1]:443`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        var text = Substring(text).trimmingCharacters(in: .whitespaces)[...]
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.contains("."), let colon = text.lastIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
            text = text[..<colon]  // IPv4 with a port
        }
        let string = String(text)
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, string, &v4) == 1 {
            bytes = v4
            return
        }
        var all = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, string, &all) == 1 else { return nil }
        // ::ffff:a.b.c.d is the IPv4 client a dual-stack socket reports.
        if all[0..<10].allSatisfy({ $0 == 0 }), all[10] == 0xFF, all[11] == 0xFF {
            bytes = Array(all[12...])
        } else {
            bytes = all
        }
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var address = bytes
        inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, &address, &buffer, socklen_t(buffer.count))
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: text, as: UTF8.self)
    }
}
