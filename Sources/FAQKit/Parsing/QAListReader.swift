import Foundation
import SwiftCSV
import Yams

/// Reads Q&A pairs as helpdesks and spreadsheets export them: a CSV (or TSV, or `;`-separated)
/// file with a header row, JSON (an array of objects, an object holding one, or JSON Lines), or
/// the same in YAML, as docs sites keep their FAQs (Jekyll's `_data/faq.yml`, Hugo's `data/`).
///
/// Columns and keys are matched case-insensitively: the question (`question`, `q`, `title`), the
/// answer (`answer`, `a`, `body`, `content`; an HTML body becomes markdown, see ``HTMLText``), and
/// optionally `category` (`section`, `group`), `url` (`link`, `source`, `html_url`) and `id`.
/// Without a category, every pair is in one category named after the file. Ids are the category and the question's slug (or the given `id`), so they do not
/// depend on the order of the rows.
struct QAListReader {
    var categories: CategoryMap
    /// The file name, for the default category and messages.
    var name: String

    /// Names helpdesks and spreadsheets give each field, most specific first (Freshdesk calls an
    /// article's body `description`, Help Scout its title `name` and its body `text`).
    static let questionKeys = ["question", "q", "title", "问题", "问", "提问", "标题", "name"]
    static let answerKeys = ["answer", "a", "body", "content", "description", "text", "答案", "回答", "答", "解答", "内容", "正文"]
    static let categoryKeys = ["category", "section", "group", "分类", "类别", "分组", "栏目"]
    static let urlKeys = ["url", "link", "source", "html_url", "链接"]
    static let idKeys = ["id"]

    /// One pair before categories and ids are given.
    struct Pair {
        var fields: [String: String]
        var line: Int

        func value(_ keys: [String]) -> String? {
            for key in keys {
                if let value = fields[key]?.trimmingWhitespace(), !value.isEmpty { return value }
            }
            return nil
        }
    }

    /// Reads a table with a header row. Its delimiter is the one of comma, tab and semicolon its
    /// header row uses most (a `.tsv` export, a spreadsheet saved with `;` in European locales).
    func csv(_ text: String) throws -> ParsedCorpus {
        let table: CSV<Named>
        do {
            table = try CSV<Named>(string: text, delimiter: .character(Self.delimiter(of: text)), loadColumns: false)
        } catch {
            throw FAQKitError.corpusInvalid("\(name) is not a readable CSV file: \(error)")
        }
        let header = table.header.map { $0.trimmingWhitespace().lowercased() }
        guard header.contains(where: Self.questionKeys.contains), header.contains(where: Self.answerKeys.contains) else {
            throw FAQKitError.corpusInvalid(
                "\(name) needs a header row naming a question and an answer column (question,answer[,category][,url]); it has: \(table.header.joined(separator: ","))"
            )
        }
        // Rows are numbered by their place (a quoted answer may span lines): row 1 is line 2.
        let pairs = table.rows.enumerated().map { index, row in
            Pair(
                fields: Dictionary(row.map { ($0.key.trimmingWhitespace().lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a }), line: index + 2
            )
        }
        return entries(pairs)
    }

    /// The delimiter a table's header row uses most, outside quotes: `,`, tab or `;`.
    static func delimiter(of text: String) -> Character {
        var counts: [Character: Int] = [",": 0, "\t": 0, ";": 0]
        var quoted = false
        for c in text.prefix(while: { $0 != "\n" && $0 != "\r\n" }) {
            if c == "\"" { quoted.toggle() }
            if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        // A comma wins ties: it is what a header without any of them (one column) is read with.
        return ["\t", ";"].filter { counts[$0]! > counts[","]! }.max { counts[$0]! < counts[$1]! } ?? ","
    }

    func json(_ data: Data) throws -> ParsedCorpus {
        var objects: [(Any, Int)] = []
        let document = Result { try JSONSerialization.jsonObject(with: data) }
        if case .success(let value) = document {
            let list: [Any]
            if let array = value as? [Any] {
                list = array
            } else if let array = Self.pairList(in: JSONValue(value: value)) {
                list = array.map(\.value)
            } else {
                throw FAQKitError.corpusInvalid(
                    "\(name) holds JSON that is neither a list of Q&A objects nor an object holding one (under \"entries\", \"articles\" or any key)")
            }
            objects = list.enumerated().map { ($1, $0 + 1) }
        } else {
            // JSON Lines: one object a line.
            let text = String(decoding: data, as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingWhitespace()
                if trimmed.isEmpty { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                    // Nothing read yet: the file is one JSON document, and its own error says why.
                    if objects.isEmpty, case .failure(let error) = document, let reason = Self.reason(error) {
                        throw FAQKitError.corpusInvalid("\(name) is not valid JSON: \(reason)")
                    }
                    throw FAQKitError.corpusInvalid(
                        "\(name) line \(index + 1) is not JSON (expected a JSON list or one {\"question\",\"answer\"} object a line)")
                }
                objects.append((object, index + 1))
            }
        }
        return entries(Self.pairs(objects.map { (JSONValue(value: $0), $1) }) ?? [])
    }

    /// What Foundation's JSON reader says is wrong (`Too many nested arrays or dictionaries
    /// around line 1, column 513.`), one line; nil when it says nothing useful.
    static func reason(_ error: any Error) -> String? {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text.map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The list of pairs an export wraps in an object: under a usual name (`entries`, `faqs`,
    /// `articles` as a Zendesk export has it, …), else the first list, by key, whose first element
    /// is a pair (has a question and an answer key) or a group of pairs.
    static func pairList<Value: QAListValue>(in object: Value) -> [Value]? {
        let lists = object.listFields
        if let found = usualListKeys.lazy.compactMap({ name in lists.first { $0.key == name } }).first { return found.items }
        return lists.sorted { $0.key < $1.key }.first { list in
            guard let first = list.items.first, let keys = first.keys else { return false }
            if questionKeys.contains(where: keys.contains) && answerKeys.contains(where: keys.contains) { return true }
            return !answerKeys.contains(where: keys.contains) && pairList(in: first)?.first?.keys != nil
        }?.items
    }

    /// Where exports usually keep their list of Q&A objects.
    static let usualListKeys = ["entries", "faqs", "faq", "items", "questions", "articles", "data"]

    /// Keys that name a group of pairs (`{"category": "账号", "faqs": [...]}`).
    static let groupNameKeys = categoryKeys + ["title", "name", "标题", "名称"]

    /// The pairs of a list's objects, each with its line. A list grouped by topic
    /// (`[{"category": "账号", "faqs": [{…}, …]}, …]`, as FAQ data files group their questions) gives
    /// the pairs of each group, the innermost group's name their category unless they name their
    /// own; groups may nest (`sections` of `categories`) up to `maxGroupDepth`. An object with an
    /// answer of its own is a pair, whatever else it holds. Nil when there are more than `limit`
    /// pairs, or more than `limit` objects to look at.
    static func pairs<Value: QAListValue>(_ items: [(value: Value, line: Int)], limit: Int = .max) -> [Pair]? {
        var pairs: [Pair] = []
        var visited = 0
        /// False once over a limit.
        func collect(_ value: Value, line: Int, group: String?, depth: Int) -> Bool {
            visited += 1
            guard visited <= limit else { return false }
            guard let fields = value.textFields, let keys = value.keys else { return true }
            if depth < maxGroupDepth, !answerKeys.contains(where: keys.contains), let inner = pairList(in: value), inner.first?.keys != nil {
                let name = groupNameKeys.lazy.compactMap { fields[$0] }.first ?? group
                return inner.allSatisfy { collect($0, line: $0.line ?? line, group: name, depth: depth + 1) }
            }
            var pair = fields
            if let group, !keys.contains(where: categoryKeys.contains) { pair["category"] = group }
            pairs.append(Pair(fields: pair, line: line))
            return pairs.count <= limit
        }
        for (value, line) in items where !collect(value, line: line, group: nil, depth: 0) { return nil }
        return pairs
    }

    /// How deep groups of pairs may nest (`categories` → `sections` → pairs is two).
    static let maxGroupDepth = 3

    /// Reads YAML shaped as the JSON above: a list of mappings with a question and an answer, or
    /// a mapping holding one. Each pair's line is where its mapping starts.
    func yaml(_ text: String) throws -> ParsedCorpus {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw FAQKitError.corpusInvalid("\(name) is not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw FAQKitError.corpusInvalid("\(name) is not valid YAML")
        }
        // Read as nodes (see `QAListValue`), never converted whole.
        let items: [Node]
        if let sequence = root?.sequence {
            items = Array(sequence)
        } else if let root, let list = Self.pairList(in: root) {
            items = list
        } else {
            throw FAQKitError.corpusInvalid(
                "\(name) holds YAML that is neither a list of Q&A mappings nor a mapping holding one (under \"faqs\", \"entries\" or any key)")
        }
        // An alias repeats a node without its text: groups that all name one list of pairs
        // (`faqs: *common`) multiply it, and a few kilobytes would make millions of entries.
        // Real pairs take text to write, so there are never more than the file has bytes for.
        let limit = max(Self.minimumPairLimit, text.utf8.count / Self.bytesPerPair)
        guard let pairs = Self.pairs(items.map { ($0, $0.line ?? 1) }, limit: limit) else {
            throw FAQKitError.corpusInvalid(
                "\(name) expands to more than \(limit) Q&A pairs, more than its text holds: YAML aliases that repeat lists of pairs are not read; write each pair out"
            )
        }
        return entries(pairs)
    }

    /// The fewest bytes a written-out YAML pair takes (`- q: 问\n  a: 答\n` is more), and the
    /// fewest pairs any file may hold.
    static let bytesPerPair = 8
    static let minimumPairLimit = 10_000

    /// A YAML error in one line: the problem and where, without libyaml's context dump.
    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }

    private func entries(_ pairs: [Pair]) -> ParsedCorpus {
        var result = ParsedCorpus(pages: [], entries: [], warnings: [])
        var ids = EntryIDs()
        var pageIndex: [String: Int] = [:]
        let defaultName = (name as NSString).deletingPathExtension
        for pair in pairs {
            guard let question = pair.value(Self.questionKeys), let answer = pair.value(Self.answerKeys) else {
                result.warnings.append(CorpusWarning(line: pair.line, message: "row without a question or an answer; skipped", file: name))
                continue
            }
            let categoryName = pair.value(Self.categoryKeys) ?? defaultName
            let category = categories.category(sourceURL: nil, title: categoryName)
            let url = pair.value(Self.urlKeys) ?? ""
            if pageIndex[category.slug] == nil {
                pageIndex[category.slug] = result.pages.count
                result.pages.append(FAQPage(title: categoryName, url: url, category: category.slug, categoryName: category.name, line: pair.line))
            }
            let title = QuestionText.title(question).title
            let wanted =
                pair.value(Self.idKeys).map { $0.contains("/") ? $0 : "\(category.slug)/\($0)" }
                ?? "\(category.slug)/\(OutlineParser.idSlug(title))"
            let (id, renamed) = ids.claim(wanted)
            if renamed {
                result.warnings.append(
                    CorpusWarning(line: pair.line, message: "two questions make the id \(wanted); this one is stored as \(id)", file: name))
            }
            result.entries.append(
                FAQEntry(
                    id: id, category: category.slug, pageTitle: categoryName, title: title,
                    answer: MarkdownText.cleanAnswer(HTMLText.looksLikeHTML(answer) ? HTMLText.markdown(answer) : answer), url: url,
                    position: result.entries.count))
        }
        return result
    }
}
