import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

struct EntriesTests {
    /// Ids contain a slash; it may be sent as is or percent-encoded.
    @Test(arguments: [
        ("/v1/entries/invoices/2", "invoices/2"),
        ("/v1/entries/invoices%2F2", "invoices/2"),
        ("/v1/entries/invoices%2f2", "invoices/2"),
        ("/v1/entries/verification/4.1", "verification/4.1"),
        ("/v1/entries/verification%2F4.1", "verification/4.1"),
    ])
    func entryByID(uri: String, id: String) async throws {
        let expected = try #require(try Shared.knowledgeBase.entry(id: id))
        let categoryName = try Shared.knowledgeBase.categories().first { $0.category.slug == expected.category }?.category.name
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["id"] as? String == id)
                #expect(json["title"] as? String == expected.title)
                #expect(json["category"] as? String == expected.category)
                #expect(json["categoryName"] as? String == categoryName)
                #expect(categoryName != nil && categoryName != expected.category)
                #expect(json["pageTitle"] as? String == expected.pageTitle)
                #expect(json["url"] as? String == expected.url)
                #expect(json["attachments"] is [Any])
                #expect((json["answer"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test(arguments: ["/v1/entries/invoices/999", "/v1/entries/nope", "/v1/entries/invoices%2F999"])
    func unknownEntryIs404(uri: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorCode() == "entry_not_found")
            }
        }
    }

    @Test func categoriesListEveryEntry() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/categories", method: .get) { response throws in
                #expect(response.status == .ok)
                let categories = try #require(try response.json()["categories"] as? [[String: Any]])
                #expect(!categories.isEmpty)
                #expect(categories.contains { $0["slug"] as? String == "invoices" })
                #expect(categories.allSatisfy { ($0["name"] as? String)?.isEmpty == false })
                let total = categories.compactMap { $0["count"] as? Int }.reduce(0, +)
                #expect(total == Shared.knowledgeBase.info.entryCount)
            }
        }
    }
}
