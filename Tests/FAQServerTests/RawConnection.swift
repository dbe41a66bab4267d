import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server under test, for what an HTTP client library will not
/// do: send half a request, trickle a body, hold a connection open without a request, or send
/// headers past the limit and read the raw answer.
///
/// Its waits block a thread, so the async methods run them on a Dispatch queue: blocking the
/// cooperative pool (two threads on a two-core machine) would starve the server under test,
/// whose request handlers run there too.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`, from `source` (another loopback address, such as
    /// 127.0.0.2, stands for another client).
    init(port: Int, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw TestFailure("bind \(source): \(String(cString: strerror(errno)))") }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close here on failure: the object is fully initialized, so throwing runs `deinit`,
        // which closes the socket. Closing it twice could close a descriptor another thread
        // has just been given the same number for (glibc aborts on a netlink socket closed
        // under it: "Unexpected error 9 on netlink descriptor").
        guard result == 0 else { throw TestFailure("connect: \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Sends `text`; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// What `receive` saw.
    enum Received: Equatable, Sendable {
        /// Bytes arrived.
        case data(String)
        /// The server closed the connection (end of file or reset).
        case closed
        /// Nothing arrived in time; the connection is still open.
        case nothing
    }

    /// Waits up to `timeout` for bytes or the connection's end.
    func receive(timeout: Duration) async -> Received {
        await Self.offPool { self.receiveBlocking(timeout: timeout) }
    }

    /// Reads a whole response: until the connection closes, or `timeout` passes with nothing new.
    func readAll(timeout: Duration) async -> (text: String, closed: Bool) {
        await Self.offPool { self.readAllBlocking(timeout: timeout) }
    }

    /// Waits until the server closes the connection, up to `timeout`; returns how long it took,
    /// or nil when it stayed open. Bytes that arrive meanwhile are read and dropped.
    func waitForClose(timeout: Duration) async -> Duration? {
        await Self.offPool { self.waitForCloseBlocking(timeout: timeout) }
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    private func receiveBlocking(timeout: Duration) -> Received {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { return .closed }
        return .data(String(decoding: buffer[..<n], as: UTF8.self))
    }

    private func readAllBlocking(timeout: Duration) -> (text: String, closed: Bool) {
        var text = ""
        while true {
            switch receiveBlocking(timeout: timeout) {
            case .data(let more): text += more
            case .closed: return (text, true)
            case .nothing: return (text, false)
            }
        }
    }

    private func waitForCloseBlocking(timeout: Duration) -> Duration? {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < timeout {
            if receiveBlocking(timeout: .milliseconds(100)) == .closed { return clock.now - start }
        }
        return nil
    }
}

/// A TCP port that was free a moment ago on 127.0.0.1 (bound to port 0, then released).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TestFailure("no free port: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
}
