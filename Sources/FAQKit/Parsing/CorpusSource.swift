import Foundation

/// A corpus as the user has it: a markdown file or HTML page, a folder of them, or a CSV, TSV or JSON
/// list of Q&A pairs, with the data files that belong to it.
///
/// The data files live beside the corpus file (or in the corpus folder) and apply to that corpus
/// only: `categories.tsv` (category slugs and names), `synonyms.txt` (its own glossary, added to
/// the generic one), `stopwords.txt` (its own question words, added to the generic list) and
/// `error-rules.json` (which failures lead to which of its entries). The bundled SiliconFlow corpus
/// keeps its own files beside it in the same way, so nothing of it reaches another corpus.
///
/// ``snapshot()`` reads every input once; the fingerprint and the parse come from those bytes.
public struct CorpusSource: Sendable {
    /// The shapes of input FAQKit reads, for messages and `faq index --help`.
    public static let shapesHelp = """
        a markdown file (an llms-txt export; `#` pages with questions at `##`–`####`, setext or `<h2>` \
        headings; bold `**Q：…**` lines or list items; numbered `1、…？` lines; `| 问题 | 答案 |` tables; \
        <details>/<Accordion> blocks), an HTML page, a folder of .md/.mdx/.html files, a CSV or TSV file with a header \
        row (question,answer[,category][,url]), or a JSON/JSONL or YAML list of {"question","answer"} objects
        """

    /// Names of the data files read beside a corpus.
    public enum SideFile: String, CaseIterable, Sendable {
        case categories = "categories.tsv"
        case synonyms = "synonyms.txt"
        case stopwords = "stopwords.txt"
        case errorRules = "error-rules.json"
    }

    /// How the corpus is stored.
    public enum Format: String, Sendable {
        case markdown, folder, csv, json, yaml
    }

    /// The corpus file or folder.
    public var url: URL

    public init(url: URL) {
        self.url = url
    }

    /// True for the corpus bundled with FAQKit.
    public var isBundled: Bool {
        url.standardizedFileURL.path == BundledData.corpusURL.standardizedFileURL.path
    }

    var isDirectory: Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    /// The folder holding the data files: the corpus folder itself, or the corpus file's folder.
    public var sideFileDirectory: URL { isDirectory ? url : url.deletingLastPathComponent() }

    /// The path of a data file for this corpus, when it exists.
    public func sideFile(_ file: SideFile) -> URL? {
        let candidate = sideFileDirectory.appendingPathComponent(file.rawValue)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    public var format: Format {
        if isDirectory { return .folder }
        switch url.pathExtension.lowercased() {
        case "csv", "tsv", "tab": return .csv
        case "json", "jsonl", "ndjson": return .json
        case "yml", "yaml": return .yaml
        default: return .markdown
        }
    }

    /// What a binary file given as the corpus is, from its first bytes (a PDF, a Word or other
    /// Office document, an image, an index file), or nil for anything that may be text.
    static func binaryKind(of data: Data) -> String? {
        let head = [UInt8](data.prefix(16))
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts(Array("%PDF-".utf8)) { return "a PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive (a .docx, .xlsx or other Office document is one)" }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "an old-style Office document (.doc, .xls)" }
        if starts(Array("SQLite format 3".utf8)) { return "an SQLite database (an index file, perhaps)" }
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts(Array("GIF8".utf8)) { return "an image" }
        return nil
    }

    // MARK: - Reading

    /// Every input of the corpus, read once: its documents' bytes and its data files.
    public struct Snapshot: Sendable {
        public var source: CorpusSource
        /// The corpus's files, with names relative to the corpus folder (the file name for a file).
        public var files: [(name: String, data: Data)]
        /// The data files that exist, by kind.
        public var sideFiles: [SideFile: Data]

        /// What the index is built from: every file's bytes and name, and the data files.
        public var fingerprint: IndexStore.Fingerprint {
            var hash = Hashing.fnv1a(Data("\(source.format.rawValue) parser \(CorpusParser.version)".utf8))
            for file in files {
                hash = Hashing.fnv1a(Data(file.name.utf8), seed: hash)
                hash = Hashing.fnv1a(file.data, seed: hash)
            }
            for kind in SideFile.allCases {
                hash = Hashing.fnv1a(Data(kind.rawValue.utf8), seed: hash)
                hash = Hashing.fnv1a(sideFiles[kind] ?? Data(), seed: hash)
            }
            return IndexStore.Fingerprint(tokenizerVersion: IndexStore.tokenizerVersion, corpusHash: String(hash, radix: 16))
        }

        func text(_ kind: SideFile) -> String? {
            sideFiles[kind].map { String(decoding: $0, as: UTF8.self) }
        }

        /// The category map: the corpus's `categories.tsv`, else none (categories from page titles).
        public var categories: CategoryMap {
            text(.categories).map(CategoryMap.init(tsv:)) ?? CategoryMap()
        }

        /// Parses the corpus. Throws when it holds no entries, saying which shapes are read.
        public func parse() throws -> ParsedCorpus {
            if source.format != .folder, let file = files.first, let kind = CorpusSource.binaryKind(of: file.data) {
                throw FAQKitError.corpusInvalid(
                    "corpus \(source.url.path) is \(kind), not text; FAQKit reads \(CorpusSource.shapesHelp). Export the FAQ in one of those")
            }
            var parsed: ParsedCorpus
            var warnings: [CorpusWarning] = []
            /// A file's text, with a warning for what its bytes needed (another encoding, or bytes
            /// no encoding reads).
            func text(of file: (name: String, data: Data)) -> String {
                let decoded = TextDecoding.decode(file.data)
                let name = files.count > 1 ? file.name : nil
                if let encoding = decoded.encoding {
                    warnings.append(CorpusWarning(line: 1, message: "the file is not UTF-8; read as \(encoding)", file: name))
                }
                if let badLine = decoded.badLine {
                    warnings.append(CorpusWarning(line: badLine, message: "invalid UTF-8 replaced with U+FFFD", file: name))
                }
                return decoded.text
            }
            let reader = QAListReader(categories: categories, name: source.url.lastPathComponent)
            switch source.format {
            case .markdown, .folder:
                let documents = files.map { file -> CorpusParser.Document in
                    var text = text(of: file)
                    if CorpusSource.isHTML(file.name) || HTMLText.isDocument(text) { text = HTMLText.documentMarkdown(text) }
                    return CorpusParser.Document(text: text, name: file.name)
                }
                parsed = CorpusParser(categories: categories).parse(documents: documents)
            case .csv:
                parsed = try reader.csv(text(of: files[0]))
            case .json:
                // JSON is read from bytes: the decoded text's UTF-8, the file's own bytes when it is UTF-8.
                parsed = try reader.json(Data(text(of: files[0]).utf8))
            case .yaml:
                parsed = try reader.yaml(text(of: files[0]))
            }
            parsed.warnings.insert(contentsOf: warnings, at: 0)
            // A warning names its file only when the corpus is a folder of them.
            if source.format != .folder {
                parsed.warnings = parsed.warnings.map {
                    var w = $0
                    w.file = nil
                    return w
                }
            }
            guard !parsed.entries.isEmpty else {
                // What the parser skipped says more than the list of shapes (a CSV row without an
                // answer, a question without text): it comes first.
                let count = parsed.warnings.count
                let skipped = parsed.warnings.first.map { " (\($0); \(count) warning\(count == 1 ? "" : "s") in all)" } ?? ""
                throw FAQKitError.corpusInvalid(
                    "corpus \(source.url.path) has no FAQ entries\(skipped); FAQKit reads \(CorpusSource.shapesHelp). The index was left as it was")
            }
            return parsed
        }
    }

    /// True for a file name an HTML page has (`faq.html`, `help/billing.htm`).
    static func isHTML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    /// Reads the corpus and its data files.
    public func snapshot() throws -> Snapshot {
        var files: [(name: String, data: Data)] = []
        if isDirectory {
            let names = try Self.markdownFiles(in: url)
            guard !names.isEmpty else {
                throw FAQKitError.corpusUnreadable(path: url.path, reason: "the folder holds no .md, .mdx or .html files")
            }
            for name in names { files.append((name, try Self.read(url.appendingPathComponent(name)))) }
        } else {
            files.append((url.lastPathComponent, try Self.read(url)))
        }
        var sideFiles: [SideFile: Data] = [:]
        for kind in SideFile.allCases {
            if let path = sideFile(kind) { sideFiles[kind] = try Self.read(path) }
        }
        return Snapshot(source: self, files: files, sideFiles: sideFiles)
    }

    /// Markdown and HTML files below a folder, as paths relative to it, in a stable (byte-wise)
    /// order. Hidden files and folders are skipped.
    static func markdownFiles(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw FAQKitError.corpusUnreadable(path: folder.path, reason: "the folder cannot be listed")
        }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let lower = name.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".mdx") || lower.hasSuffix(".markdown") || isHTML(name) { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// A file's bytes. A FIFO or a device (`/dev/stdin`) is read to its end like a file.
    static func read(_ url: URL) throws -> Data {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FAQKitError.corpusUnreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw FAQKitError.corpusUnreadable(path: path, reason: "it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw FAQKitError.corpusUnreadable(path: path, reason: "permission denied")
        }
        if let data = FileManager.default.contents(atPath: path) { return data }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return try handle.readToEnd() ?? Data()
        } catch {
            throw FAQKitError.corpusUnreadable(path: path, reason: "it could not be read (\(error.localizedDescription))")
        }
    }
}
