import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IndexStore {
    /// Builds started by this process, numbering their temporary files.
    private static let buildsStarted = Atomic<Int>(0)

    /// The file a build of the index at `url` writes before renaming it into place:
    /// `.NAME.tmp-PID.N`, beside the index, named by the building process and numbered within
    /// it, so two tasks of one process that rebuild the same index at once (an embedding app
    /// opening it from several tasks after the corpus changed) each write their own file.
    static func temporaryURL(for url: URL, pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        let number = buildsStarted.add(1, ordering: .relaxed).newValue
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(pid).\(number)")
    }

    /// Removes what killed builds of the index at `url` left beside it: temporary files
    /// (and their `-wal`, `-shm` or `-journal`) whose process no longer exists. A build that
    /// is killed never reaches its own cleanup, and each leftover can be as large as the index.
    /// A file whose process is alive is another build at work and is kept; so is one whose
    /// pid cannot be checked (`kill(pid, 0)` fails with anything but `ESRCH`).
    /// - Returns: the paths removed.
    @discardableResult
    static func removeStaleTemporaryFiles(for url: URL) -> [String] {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.prefix(while: \.isASCII).prefix(while: \.isNumber)
            var suffix = rest.dropFirst(digits.count)
            // `.N`, the build's number within its process (absent in files older builds left).
            if suffix.first == ".", let first = suffix.dropFirst().first, first.isASCII, first.isNumber {
                suffix = suffix.dropFirst().drop { $0.isASCII && $0.isNumber }
            }
            guard let pid = Int32(digits), pid > 0, ["", "-wal", "-shm", "-journal"].contains(suffix) else { continue }
            guard pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = directory.appendingPathComponent(name).path
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }
}
