import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import UnixSignals

/// A new index is picked up while the server serves, with no failed request, and a failed reload
/// keeps the old index serving.
struct HotSwapTests {
    static let first = """
        ## Shipping

        Source: https://shop.example/faq/shipping

        ## 1. How long does delivery take?

        Parcels arrive within three working days.
        """
    static let second =
        first + """


            ---

            ## Returns

            Source: https://shop.example/faq/returns

            ## 1. Can I return an umbrella?

            Umbrellas can be returned within thirty days.
            """

    /// A new directory whose corpus is `first`, and a provider serving its index.
    static func servingFirst() throws -> (directory: URL, corpus: URL, provider: KnowledgeBaseProvider) {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("faq.md")
        try first.write(to: corpus, atomically: true, encoding: .utf8)
        let configuration = KnowledgeBase.Configuration(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite"))
        return (directory, corpus, KnowledgeBaseProvider(try KnowledgeBase.open(configuration, logger: quietLogger)))
    }

    @Test func swapsInARebuiltIndexWithoutFailingConcurrentRequests() async throws {
        let (directory, corpus, provider) = try Self.servingFirst()
        var arguments = TestArguments()
        arguments.feedbackPath = directory.appendingPathComponent("feedback.sqlite").path
        arguments.debugHeaders = true
        let app = try await buildApplication(arguments, knowledgeBases: provider, logger: quietLogger)

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
        let (_, corpus, provider) = try Self.servingFirst()
        try "no questions in here".write(to: corpus, atomically: true, encoding: .utf8)
        #expect(throws: FAQKitError.self) { try provider.reload(logger: quietLogger) }
        let hits = try provider.current.search("delivery").hits
        #expect(hits.first?.entry.id == "shipping/1")
    }

    /// A damaged file at the index path meets SIGHUP: with the corpus at hand the reload rebuilds
    /// it; without (`.never`), the reload fails, the current index keeps answering, and the failure
    /// shows on `/health` and `/metrics` until a reload succeeds.
    @Test func aDamagedIndexFileAtReloadIsRebuiltOrReported() async throws {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("faq.md")
        try Self.first.write(to: corpus, atomically: true, encoding: .utf8)
        let index = directory.appendingPathComponent("index.sqlite")
        let good = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index), logger: quietLogger)
        let goodBytes = try Data(contentsOf: index)
        func damage() throws {
            // What a bad copy leaves: the file cut in half, renamed into place.
            let broken = directory.appendingPathComponent("broken.sqlite")
            try goodBytes.prefix(goodBytes.count / 2).write(to: broken)
            _ = rename(broken.path, index.path)
        }

        // `.ifNeeded`: rebuilt from the corpus.
        try damage()
        let rebuilding = KnowledgeBaseProvider(good)
        let reloaded = try rebuilding.reload(logger: quietLogger)
        #expect(reloaded.info.rebuilt)
        #expect(rebuilding.reloadStatus.failures == 0 && rebuilding.reloadStatus.lastError == nil)

        // `.never`: refused, reported, and the current index keeps serving.
        let provider = KnowledgeBaseProvider(
            try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index, rebuild: .never), logger: quietLogger))
        try damage()
        let metrics = ServerMetrics()
        try await Self.hangUp(provider, metrics: metrics) { provider.reloadStatus.failures == 1 }
        #expect(provider.reloadStatus.lastErrorCode == .indexUnreadable)
        let logged = try #require(provider.reloadStatus.lastError)
        var arguments = TestArguments()
        arguments.feedbackPath = directory.appendingPathComponent("feedback.sqlite").path
        let app = try await buildApplication(arguments, knowledgeBases: provider, metrics: metrics, logger: quietLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/search?q=delivery", method: .get) { response throws in
                #expect(response.status == .ok)
                let hits = try response.json()["hits"] as? [[String: Any]]
                #expect(hits?.first?["id"] as? String == "shipping/1")
            }
            try await client.execute(uri: "/health", method: .get) { response throws in
                #expect(response.status == .ok)
                // What failed, without the server's paths (security review, finding 10).
                let shown = try #require(try response.json()["lastReloadError"] as? String)
                #expect(shown.contains("index could not be opened"), "\(shown)")
                #expect(!shown.contains(directory.path) && !shown.contains("/"), "\(shown)")
                #expect(logged.contains(directory.path), "the log still has the path")
            }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(String(buffer: response.body).contains("\nfaq_index_reload_failures_total 1\n"))
            }
            // A good file again: the next reload succeeds and clears the report.
            try goodBytes.write(to: index)
            try provider.reload(logger: quietLogger)
            try await client.execute(uri: "/health", method: .get) { response throws in
                #expect(try response.json() as NSDictionary == ["status": "available"] as NSDictionary)
            }
        }
    }

    /// `/openapi.json` lists the served index's categories; it is made once per index, and made
    /// again after a swap brings new ones.
    @Test func theOpenAPIDocumentFollowsASwap() async throws {
        let (directory, corpus, provider) = try Self.servingFirst()
        var arguments = TestArguments()
        arguments.feedbackPath = directory.appendingPathComponent("feedback.sqlite").path
        let app = try await buildApplication(arguments, knowledgeBases: provider, logger: quietLogger)
        try await app.test(.router) { client in
            let before = try await Self.categoryValues(client)
            let again = try await Self.categoryValues(client)
            try Self.second.write(to: corpus, atomically: true, encoding: .utf8)
            try provider.reload(logger: quietLogger)
            let after = try await Self.categoryValues(client)
            #expect(before == ["", "shipping"] && again == before)
            #expect(after == ["", "shipping", "returns"])
        }
    }

    /// The values `/openapi.json` gives `/v1/search`'s `category` parameter.
    static func categoryValues(_ client: some TestClientProtocol) async throws -> [String]? {
        try await client.execute(uri: "/openapi.json", method: .get) { response throws in
            let search = ((try response.json()["paths"] as? [String: Any])?["/v1/search"] as? [String: Any])?["get"] as? [String: Any]
            let parameter = (search?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "category" }
            return (parameter?["schema"] as? [String: Any])?["enum"] as? [String]
        }
    }

    /// SIGHUP reaches ``IndexReloadService`` as an element of its signal sequence (here one the
    /// test controls, rather than signalling the test process): the changed corpus is rebuilt and
    /// swapped in, and the service ends when its sequence does.
    @Test func aHangUpReloadsTheIndex() async throws {
        let (_, corpus, provider) = try Self.servingFirst()
        try Self.second.write(to: corpus, atomically: true, encoding: .utf8)
        #expect(provider.snapshot.generation == 0 && provider.current.info.entryCount == 1)

        try await Self.hangUp(provider, metrics: ServerMetrics()) { provider.snapshot.generation == 1 }
        #expect(provider.current.info.entryCount == 2)
        #expect(try provider.current.search("umbrella").hits.first?.entry.id == "returns/1")
        #expect(provider.reloadStatus.failures == 0 && provider.reloadStatus.lastError == nil)
    }

    /// Runs an ``IndexReloadService`` over a sequence that delivers one SIGHUP, waits (up to 30 s)
    /// until `done`, then ends the sequence and expects the service to return.
    static func hangUp(_ provider: KnowledgeBaseProvider, metrics: ServerMetrics, until done: @escaping @Sendable () -> Bool) async throws {
        let (signals, hangUps) = AsyncStream.makeStream(of: UnixSignal.self)
        let service = IndexReloadService(knowledgeBases: provider, signals: signals, metrics: metrics, logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            hangUps.yield(.sighup)
            let deadline = ContinuousClock.now + .seconds(30)
            while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            hangUps.finish()
            try await group.waitForAll()
        }
        #expect(done(), "the reload did not happen")
    }
}
