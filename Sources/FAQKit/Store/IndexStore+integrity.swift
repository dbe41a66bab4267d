import Foundation
import GRDB
import Logging

extension IndexStore {
    /// The error a caller sees when the index file fails under SQLite: what is wrong in words,
    /// and how to fix it. SQLite's own text (its message and the failing SQL, as in
    /// "database disk image is malformed - while executing `SELECT …`") goes to `logger` only:
    /// it means nothing to a user and names our internals.
    /// - Parameters:
    ///   - path: the index file.
    ///   - error: what SQLite or GRDB threw; a `FAQKitError` is returned as it is.
    ///   - logger: where the SQLite detail is logged.
    ///   - level: the detail's log level: `info` while opening, where the caller gets the error
    ///     (or a rebuild fixes it) and the detail is for `--verbose`; `error` for a query that
    ///     failed on an index that passed its checks.
    static func unreadable(path: String, error: any Error, logger: Logger?, level: Logger.Level = .info) -> FAQKitError {
        if let error = error as? FAQKitError { return error }
        let reason: String
        if let error = error as? DatabaseError {
            logger?.log(
                level: level, "index read failed",
                metadata: [
                    "index": "\(path)", "sqlite_code": "\(error.extendedResultCode.rawValue)",
                    "sqlite_message": "\(error.message ?? "")", "sql": "\(error.sql ?? "")",
                ])
            reason = Self.reason(for: error, path: path)
        } else {
            logger?.log(level: level, "index read failed", metadata: ["index": "\(path)", "error": "\(error)"])
            reason = "it could not be read"
        }
        return FAQKitError.indexUnreadable(path: path, reason: "\(reason); rebuild it with `faq index`")
    }

    /// A plain account of a SQLite failure on the index file.
    private static func reason(for error: DatabaseError, path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a directory, not an index file"
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT: return "the file is damaged"
        case .SQLITE_NOTADB: return "the file is not a database"
        case .SQLITE_IOERR, .SQLITE_FULL: return "the file could not be read (input/output error)"
        case .SQLITE_CANTOPEN: return "the file cannot be opened"
        case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return "permission denied"
        case .SQLITE_BUSY, .SQLITE_LOCKED: return "another process holds a lock on it"
        case .SQLITE_NOMEM: return "out of memory while reading it"
        case .SQLITE_ERROR:
            // "no such table/column" (another version's or a foreign file), or an FTS5 table
            // whose own records are damaged ("vtable constructor failed").
            return "its tables are damaged or are not the ones this version of FAQKit reads"
        default: return "the file could not be read (database error \(error.resultCode.rawValue))"
        }
    }
}
