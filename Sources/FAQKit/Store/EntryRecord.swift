import GRDB

/// One row of the `entries` table as the query path reads it: the entry, its searchable text and
/// its rowid (the key FTS5 and the postings use).
///
/// The only place a row of `entries` is decoded, by column name, so a column is renamed here and
/// in the schema (`IndexStore.write`) and nowhere else.
struct EntryRecord: Sendable, FetchableRecord {
    var rowid: Int64
    var entry: FAQEntry
    /// The answer's searchable text (`MarkdownText.searchableText`): what the `body` column indexes.
    var body: String

    /// The columns `init(row:)` reads, for `SELECT \(EntryRecord.columns) FROM entries`.
    static let columns = "rowid, id, category, pageTitle, title, answer, url, position, attachments, grp, body"

    init(rowid: Int64, entry: FAQEntry, body: String) {
        self.rowid = rowid
        self.entry = entry
        self.body = body
    }

    init(row: Row) throws {
        // One URL per line (see `IndexStore.write`).
        let attachments: String = row["attachments"] ?? ""
        let entry = FAQEntry(
            id: row["id"], category: row["category"], pageTitle: row["pageTitle"], title: row["title"], answer: row["answer"],
            url: row["url"], position: row["position"], attachments: attachments.split(separator: "\n").map(String.init),
            group: row["grp"])
        self.init(rowid: row["rowid"], entry: entry, body: row["body"] ?? entry.answer)
    }

    /// The `context` column of an entry: its page and group titles.
    static func context(of entry: FAQEntry) -> String {
        [entry.pageTitle, entry.group].compactMap { $0 }.joined(separator: "\n")
    }

    /// The text of the indexed columns (`IndexSchema.columns`), in order.
    var searchColumns: [String] { [entry.title, body, Self.context(of: entry)] }
}
