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
        var isDirectory: ObjCBool = false
        let atDirectory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        let reason: String
        if let error = error as? DatabaseError {
            logger?.log(
                level: level, "index read failed",
                metadata: [
                    "index": "\(path)", "sqlite_code": "\(error.extendedResultCode.rawValue)",
                    "sqlite_message": "\(error.message ?? "")", "sql": "\(error.sql ?? "")",
                ])
            reason = atDirectory ? "it is a directory, not an index file" : Self.reason(for: error)
        } else {
            logger?.log(level: level, "index read failed", metadata: ["index": "\(path)", "error": "\(error)"])
            reason = "it could not be read"
        }
        // A file that is no database, or a directory, is not FAQKit's to rebuild.
        let foreign = atDirectory || (error as? DatabaseError)?.resultCode == .SQLITE_NOTADB
        return FAQKitError.indexUnreadable(path: path, reason: "\(reason); \(foreign ? Self.foreignFileAdvice : "rebuild it with `faq index`")")
    }

    /// What to do about a file at the index path that is not a FAQKit index.
    static let foreignFileAdvice = "FAQKit replaces only its own index files: move it away or choose another index path"

    /// Stops a build that would overwrite a file FAQKit did not write: one that is not an SQLite
    /// database (a document given as the index path by mistake), another program's database, or
    /// a directory (before the build, rather than at its rename).
    /// A build may replace nothing, an empty file, one of its own indexes (any version), or a file
    /// that starts as an SQLite database and cannot be read further (a damaged index).
    static func checkReplaceable(_ url: URL) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw FAQKitError.indexUnreadable(path: path, reason: "it is a directory, not an index file; \(foreignFileAdvice)")
        }
        // A file that cannot be read fails at the rename with its own message.
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        try? handle.close()
        guard !header.isEmpty else { return }
        guard header == sqliteHeader else {
            throw FAQKitError.indexUnreadable(path: path, reason: "it is not a FAQKit index (not an SQLite database); \(foreignFileAdvice)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        // nil: empty, ours, or unreadable past the header (damaged), all safe to replace.
        let foreignTables: [String]? = try? DatabaseQueue(path: path, configuration: configuration).read { db -> [String]? in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if tables.isEmpty { return nil }
            if tables.contains("meta"), try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'") != nil { return nil }
            return tables
        }
        if let foreignTables {
            throw FAQKitError.indexUnreadable(
                path: path,
                reason: "it is another program's SQLite database (tables: \(foreignTables.prefix(5).joined(separator: ", "))); \(foreignFileAdvice)")
        }
    }

    private static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)

    /// A plain account of a SQLite failure on the index file.
    private static func reason(for error: DatabaseError) -> String {
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
