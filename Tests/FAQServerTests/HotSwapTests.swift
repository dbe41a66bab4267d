import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A new index is picked up while the server serves, with no failed request, and a failed reload
/// keeps the old index serving.
struct HotSwapTests {
    static let first = """
        ## Shipping

        Source: https://shop.example/faq/shipping

        ## 1. How long does delivery take?

        Parcels arrive within three working days.
        """
    static let second = first + """


        ---

        ## Returns

        Source: https://shop.example/faq/returns

        ## 1. Can I return an umbrella?

        Umbrellas can be returned within thirty days.
        """

    @Test func swapsInARebuiltIndexWithoutFailingConcurrentRequests() async throws {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("faq.md")
        try Self.first.write(to: corpus, atomically: true, encoding: .utf8)
        let configuration = KnowledgeBase.Configuration(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite"))
        let provider = KnowledgeBaseProvider(try KnowledgeBase.open(configuration, logger: quietLogger))
        var arguments = TestArguments()
        arguments.feedbackPath = directory.appendingPathComponent("feedback.sqlite").path
        let app = try buildApplication(arguments, knowledgeBases: provider, logger: quietLogger)

        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/search?q=umbrella", method: .get) { response in
                #expect(response.status == .ok)
                let answered = try response.json()["answered"] as? Bool
                #expect(answered == false)
            }
            try await client.execute(uri: "/v1/search?q=umbrella", method: .get) { response in
                #expect(response.headers[HTTPField.Name("X-Cache")!] == "hit")
            }
            try Self.second.write(to: corpus, atomically: true, encoding: .utf8)
            // Searches in flight while the index is rebuilt and swapped.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        if i == 10 { try provider.reload(logger: quietLogger) }
                        return try await client.execute(uri: "/v1/search?q=delivery", method: .get) { $0.status }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 40 && statuses.allSatisfy { $0 == .ok })
            // The cached unanswered response belonged to the old index: not served from the new one.
            try await client.execute(uri: "/v1/search?q=umbrella", method: .get) { response in
                #expect(response.headers[HTTPField.Name("X-Cache")!] == "miss")
                let hits = try response.json()["hits"] as? [[String: Any]]
                #expect(hits?.first?["id"] as? String == "returns/1")
            }
        }
        #expect(provider.current.info.entryCount == 2)
    }

    @Test func aFailedReloadKeepsTheCurrentIndexServing() async throws {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("faq.md")
        try Self.first.write(to: corpus, atomically: true, encoding: .utf8)
        let configuration = KnowledgeBase.Configuration(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite"))
        let provider = KnowledgeBaseProvider(try KnowledgeBase.open(configuration, logger: quietLogger))
        try "no questions in here".write(to: corpus, atomically: true, encoding: .utf8)
        #expect(throws: FAQKitError.self) { try provider.reload(logger: quietLogger) }
        let hits = try provider.current.search("delivery").hits
        #expect(hits.first?.entry.id == "shipping/1")
    }
}
