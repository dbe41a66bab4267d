/// A problem found in a corpus file, with the line it is on. Warnings never stop a build.
public struct CorpusWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number in the corpus file.
    public var line: Int
    public var message: String
    /// The file the line is in, when the corpus is a folder of files.
    public var file: String?

    public init(line: Int, message: String, file: String? = nil) {
        self.line = line
        self.message = message
        self.file = file
    }

    public var description: String { file.map { "\($0):\(line): \(message)" } ?? "line \(line): \(message)" }
}
