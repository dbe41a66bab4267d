import Foundation

/// Where per-user files go by default: the XDG base directories, else under `$HOME`.
///
/// `$HOME` is read first, as every Unix tool does: Foundation's `homeDirectoryForCurrentUser`
/// reads the user database instead, which names a directory that does not exist for `nobody`, a
/// systemd `DynamicUser` or a container's `--user`, where `HOME` is set to somewhere writable.
public enum UserDirectories {
    /// The user's home directory: `$HOME` when set to an absolute path, else the user database's.
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = absolutePath(environment["HOME"]) { return home }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// `$XDG_CACHE_HOME`, else `~/.cache`: files that can be rebuilt (the index).
    public static func cache(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        absolutePath(environment["XDG_CACHE_HOME"]) ?? home(environment: environment).appendingPathComponent(".cache")
    }

    /// `$XDG_DATA_HOME`, else `~/.local/share`: files worth keeping (the feedback database).
    public static func data(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        absolutePath(environment["XDG_DATA_HOME"]) ?? home(environment: environment).appendingPathComponent(".local/share")
    }

    /// The XDG specification ignores a relative path in these variables, and so does this.
    private static func absolutePath(_ value: String?) -> URL? {
        guard let value, value.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: value, isDirectory: true)
    }
}
