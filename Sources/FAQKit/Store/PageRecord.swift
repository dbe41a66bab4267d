import GRDB

/// One row of the `pages` table, decoded by column name (see `EntryRecord`).
struct PageRecord: Sendable, FetchableRecord {
    var page: FAQPage

    init(row: Row) throws {
        page = FAQPage(
            title: row["title"], url: row["url"], category: row["category"], categoryName: row["categoryName"],
            contactURL: row["contactURL"], contactText: row["contactText"], line: row["line"])
    }
}
