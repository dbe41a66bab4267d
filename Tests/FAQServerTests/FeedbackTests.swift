import FAQKit
import FAQServer
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

struct FeedbackTests {
    /// A vote is acknowledged with 201 and is then in the feedback database file, readable by
    /// an independent connection while the server still has it open (so it is not sitting in
    /// the server's memory), and never in the index.
    @Test func feedbackIsStoredInTheFeedbackDatabase() async throws {
        let server = try TestServer()
        try await server.run { client in
            let body = try ByteBuffer(json: ["query": "发票多久能开出来", "entryId": "invoices/2", "helpful": true])
            try await client.execute(
                uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: body
            ) { response throws in
                #expect(response.status == .created)
                let json = try response.json()
                #expect(json["status"] as? String == "recorded")
                #expect(json["id"] is Int)
            }
            let unhelpful = try ByteBuffer(json: ["query": "  开票  ", "entryId": "invoices/2", "helpful": false])
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: unhelpful) {
                response throws in
                #expect(response.status == .created)
            }

            var readOnly = Configuration()
            readOnly.readonly = true
            let reader = try DatabaseQueue(path: server.feedbackURL.path, configuration: readOnly)
            let rows = try reader.read { db in
                try Row.fetchAll(db, sql: "SELECT query, entryId, helpful FROM feedback ORDER BY id")
            }
            #expect(rows.count == 2)
            #expect(rows.first?["query"] == "发票多久能开出来")
            #expect(rows.first?["entryId"] == "invoices/2")
            #expect(rows.first?["helpful"] == true)
            #expect(rows.last?["query"] == "开票")
            #expect(rows.last?["helpful"] == false)
            let mode = try await reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }

        let report = try FeedbackStore(url: server.feedbackURL).report()
        #expect(report.entries.count == 1)
        #expect(report.entries.first?.entryID == "invoices/2")
        #expect(report.entries.first?.helpful == 1)
        #expect(report.entries.first?.unhelpful == 1)
        #expect(report.entries.first?.helpfulRatio == 0.5)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder.api.encode(report)) as? [String: Any]
        #expect((json?["entries"] as? [[String: Any]])?.first?["entryId"] as? String == "invoices/2")

        let index = try DatabaseQueue(path: Shared.knowledgeBase.info.path)
        let indexTables = try await index.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!indexTables.contains("feedback"))
        #expect(!indexTables.contains("abstention"))
    }

    /// Abstained queries from search and ask are recorded; answered ones and later pages are not.
    /// A feedback path that names something else is refused with a message that says what it
    /// is, and the file is left as it was: migrating it would add tables and switch it to WAL.
    @Test func aFileThatIsNotAFeedbackDatabaseIsRefusedAndKept() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("notes.txt")
        try Data("meeting notes\n".utf8).write(to: document)
        #expect {
            try FeedbackStore(url: document)
        } throws: { error in
            "\(error)".contains("not a FAQKit feedback database (not an SQLite database)")
        }
        #expect(try Data(contentsOf: document) == Data("meeting notes\n".utf8))

        let other = directory.appendingPathComponent("app.sqlite")
        try DatabaseQueue(path: other.path).write { db in try db.execute(sql: "CREATE TABLE orders (id INTEGER)") }
        #expect {
            try FeedbackStore(url: other)
        } throws: { error in
            "\(error)".contains("another program's SQLite database (tables: orders)")
        }
        let tables = try DatabaseQueue(path: other.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["orders"])

        // Its own file opens again, migrated once.
        let own = directory.appendingPathComponent("feedback.sqlite")
        _ = try FeedbackStore(url: own)
        _ = try FeedbackStore(url: own)
    }

    /// The default path follows `$HOME` (as `~` does in a shell), not the user database, and
    /// `XDG_DATA_HOME` when it is absolute.
    @Test func defaultPathFollowsTheEnvironment() {
        #expect(FeedbackStore.defaultURL(environment: ["HOME": "/srv/faq"]).path == "/srv/faq/.local/share/faqkit/feedback.sqlite")
        #expect(FeedbackStore.defaultURL(environment: ["HOME": "/srv/faq", "XDG_DATA_HOME": "/data"]).path == "/data/faqkit/feedback.sqlite")
        #expect(
            FeedbackStore.defaultURL(environment: ["HOME": "/srv/faq", "XDG_DATA_HOME": "relative"]).path
                == "/srv/faq/.local/share/faqkit/feedback.sqlite")
        #expect(FeedbackStore.defaultURL(environment: ["FAQ_FEEDBACK_DB": "/tmp/f.sqlite"]).path == "/tmp/f.sqlite")
    }

    @Test func abstentionsAreRecorded() async throws {
        let server = try TestServer()
        try await server.run { client in
            for uri in [
                "/v1/search?q=\(encoded(unanswerableQuestion))",
                "/v1/search?q=\(encoded(unanswerableQuestion))&offset=5",
                "/v1/ask?q=\(encoded(unanswerableQuestion))",
                "/v1/search?q=\(encoded(answerableQuestion))",
                "/v1/ask?q=\(encoded(answerableQuestion))",
                // Keystrokes of search-as-you-type are not questions asked: not recorded.
                "/v1/search?q=\(encoded(unanswerableQuestion))&analytics=false",
                "/v1/ask?q=\(encoded(unanswerableQuestion))&analytics=false",
                "/v1/ask?q=\(encoded("红烧"))&analytics=false",
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/search?q=\(encoded("红烧"))&analytics=no", method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect((try response.json()["error"] as? [String: Any])?["code"] as? String == "invalid_parameter")
            }
        }
        let store = try FeedbackStore(url: server.feedbackURL)
        let unanswered = try store.unansweredQueries()
        #expect(unanswered.map(\.endpoint) == ["ask"], "one row, last asked through ask")
        #expect(unanswered.map(\.count) == [2])
        #expect(unanswered.allSatisfy { $0.query == unanswerableQuestion })
        #expect(try store.allFeedback().isEmpty)
        let report = try store.report()
        #expect(report.totalAbstentions == 2)
        #expect(report.unanswered.first?.query == unanswerableQuestion)
        #expect(report.unanswered.first?.count == 2)
        // `faq report --json`: dates as ISO 8601 (Foundation's default is seconds since 2001).
        let json = try JSONSerialization.jsonObject(with: JSONEncoder.api.encode(report)) as? [String: Any]
        let lastSeen = ((json?["unanswered"] as? [[String: Any]])?.first?["lastSeen"] as? String).flatMap(ISO8601DateFormatter().date)
        #expect(lastSeen.map { abs($0.timeIntervalSinceNow) < 3600 } == true)
    }

    static let badBodies: [(body: String, code: String)] = [
        ("", "invalid_body"),
        ("not json", "invalid_body"),
        ("[]", "invalid_body"),
        (#"{"query": "发票", "entryId": "invoices/2"}"#, "invalid_body"),
        (#"{"query": "发票", "entryId": "invoices/2", "helpful": "yes"}"#, "invalid_body"),
        (#"{"query": "发票", "entryId": "", "helpful": true}"#, "invalid_body"),
        (#"{"query": "\#(String(repeating: "a", count: 513))", "entryId": "invoices/2", "helpful": true}"#, "query_too_long"),
    ]

    @Test(arguments: badBodies)
    func badFeedbackGets400(body: String, code: String) async throws {
        let server = try TestServer()
        try await server.run { client in
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorCode() == code)
            }
        }
        #expect(try FeedbackStore(url: server.feedbackURL).allFeedback().isEmpty)
    }

    /// A vote for an entry this knowledge base does not have is 404, as a GET of it is (and as
    /// the OpenAPI document says: the body itself is valid).
    @Test func feedbackOnAnUnknownEntryIs404() async throws {
        let server = try TestServer()
        try await server.run { client in
            let body = ByteBuffer(string: #"{"query": "发票", "entryId": "invoices/999", "helpful": true}"#)
            try await client.execute(uri: "/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: body) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorCode() == "entry_not_found")
            }
        }
        #expect(try FeedbackStore(url: server.feedbackURL).allFeedback().isEmpty)
    }
}
