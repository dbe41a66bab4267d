import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

struct SearchTests {
    @Test func searchReturnsHighlightedHits() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded(answerableQuestion))&limit=5", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try response.json()
                #expect(json["query"] as? String == answerableQuestion)
                #expect(json["answered"] as? Bool == true)
                #expect(json["fallback"] == nil)
                #expect(json["processingTimeMs"] is Int)
                let hits = try #require(json["hits"] as? [[String: Any]])
                #expect((1...5).contains(hits.count))
                #expect((json["estimatedTotalHits"] as? Int ?? 0) >= hits.count)
                let best = try #require(hits.first)
                for key in ["id", "category", "title", "answer", "snippet", "url"] {
                    #expect(best[key] is String, "hit.\(key)")
                }
                #expect(best["score"] is Double || best["score"] is Int)
                #expect((best["snippet"] as? String)?.contains("<em>") == true)
                #expect((best["snippet"] as? String)?.contains("</em>") == true)
                // The title's own matches, marked: the same text as `title` without the tags.
                let highlightedTitle = try #require(best["highlightedTitle"] as? String)
                #expect(highlightedTitle.contains("<em>"))
                let unmarked = highlightedTitle.replacingOccurrences(of: "<em>", with: "").replacingOccurrences(of: "</em>", with: "")
                #expect(unmarked == best["title"] as? String)
                #expect(best["category"] as? String == "invoices")
            }
        }
    }

    @Test func repeatedRequestsAreServedFromTheCacheWithTheSameBody() async throws {
        let server = try TestServer { $0.debugHeaders = true }
        try await server.run { client in
            let cacheHeader = HTTPField.Name("X-Cache")!
            for path in ["search", "ask"] {
                for question in [answerableQuestion, unanswerableQuestion] {
                    let uri = "/v1/\(path)?q=\(encoded(question))"
                    let first = try await client.execute(uri: uri, method: .get) { ($0.headers[cacheHeader], $0.text) }
                    let second = try await client.execute(uri: uri, method: .get) { ($0.headers[cacheHeader], $0.text) }
                    #expect(first.0 == "miss" && second.0 == "hit", "\(uri)")
                    #expect(first.1 == second.1)
                    // Different parameters are a different response.
                    try await client.execute(uri: uri + "&highlightPreTag=%3Cb%3E", method: .get) { response in
                        #expect(response.headers[cacheHeader] == "miss")
                    }
                }
            }
        }
        // A cached abstention is still counted for `faq report`: three requests per endpoint, one row.
        let unanswered = try FeedbackStore(url: server.feedbackURL).unansweredQueries()
        #expect(unanswered.count == 1)
        #expect(unanswered.first?.count == 6)
    }

    @Test func theCacheCanBeTurnedOff() async throws {
        try await TestServer {
            $0.responseCacheBytes = 0
            $0.debugHeaders = true
        }.run { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/search?q=\(encoded(answerableQuestion))", method: .get) { response in
                    #expect(response.headers[HTTPField.Name("X-Cache")!] == "miss")
                }
            }
        }
    }

    @Test func highlightTagsAreConfigurable() async throws {
        try await TestServer().run { client in
            let uri =
                "/v1/search?q=\(encoded(answerableQuestion))&highlightPreTag=\(encoded("<mark class=\"hit\">"))&highlightPostTag=\(encoded("</mark>"))"
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .ok)
                let hits = try #require(try response.json()["hits"] as? [[String: Any]])
                let snippet = try #require(hits.first?["snippet"] as? String)
                #expect(snippet.contains("<mark class=\"hit\">"))
                #expect(snippet.contains("</mark>"))
                #expect(!snippet.contains("<em>"))
                let title = try #require(hits.first?["highlightedTitle"] as? String)
                #expect(title.contains("<mark class=\"hit\">") && !title.contains("<em>"))
            }
        }
    }

    @Test func limitAndOffsetPage() async throws {
        try await TestServer().run { client in
            let q = encoded("发票")
            let all = try await client.execute(uri: "/v1/search?q=\(q)&limit=3", method: .get) { try $0.json()["hits"] as? [[String: Any]] }
            let page = try await client.execute(uri: "/v1/search?q=\(q)&limit=2&offset=1", method: .get) {
                try $0.json()["hits"] as? [[String: Any]]
            }
            let allIDs = try #require(all).map { $0["id"] as? String }
            let pageIDs = try #require(page).map { $0["id"] as? String }
            #expect(allIDs.count == 3)
            #expect(pageIDs == Array(allIDs[1...2]))
        }
    }

    @Test func categoryFiltersHits() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded("认证"))&category=invoices&limit=20", method: .get) { response throws in
                #expect(response.status == .ok)
                let hits = try #require(try response.json()["hits"] as? [[String: Any]])
                #expect(hits.allSatisfy { $0["category"] as? String == "invoices" })
            }
            // An empty category is every category (an HTML form's "all").
            try await client.execute(uri: "/v1/search?q=\(encoded("认证"))&category=", method: .get) { response throws in
                #expect(response.status == .ok)
            }
            // An unknown category is a 400 that names the categories, not an empty result.
            try await client.execute(uri: "/v1/search?q=\(encoded("认证"))&category=nope", method: .get) { response throws in
                #expect(response.status == .badRequest)
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect(error["code"] as? String == "invalid_parameter")
                #expect((error["message"] as? String)?.contains("invoices") == true)
            }
        }
    }

    @Test func plusInTheQueryStringIsASpace() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded("发票"))+\(encoded("多久"))", method: .get) { response throws in
                #expect(try response.json()["query"] as? String == "发票 多久")
            }
        }
    }

    @Test func unansweredSearchHasFallback() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded(unanswerableQuestion))", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["answered"] as? Bool == false)
                let fallback = try #require(json["fallback"] as? [String: Any])
                #expect((fallback["message"] as? String)?.isEmpty == false)
                #expect((fallback["url"] as? String)?.hasPrefix("http") == true)
            }
        }
    }

    @Test func askAnswersWithRelatedQuestions() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/ask?q=\(encoded(answerableQuestion))", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["answered"] as? Bool == true)
                #expect(json["outcome"] as? String == "answer")
                #expect((json["suggestions"] as? [Any])?.isEmpty == true)
                #expect(json["fallback"] == nil)
                let answer = try #require(json["answer"] as? [String: Any])
                #expect((answer["id"] as? String)?.hasPrefix("invoices/") == true)
                #expect((answer["answer"] as? String)?.isEmpty == false)
                let related = try #require(json["related"] as? [[String: Any]])
                #expect((1...3).contains(related.count))
                #expect(related.allSatisfy { $0["id"] is String && $0["category"] is String && $0["title"] is String && $0["url"] is String })
                #expect(!related.contains { $0["id"] as? String == answer["id"] as? String })
                // The library's record (what `faq ask --json` prints), with the request's time.
                #expect(Set(json.keys) == ["query", "answered", "outcome", "suggestions", "answer", "related", "processingTimeMs"])
            }
        }
    }

    /// `explain=true` adds why the engine decided as it did, as `faq ask --json --explain` writes
    /// it, with the question's text escaped like the rest of the body; anything but true or false
    /// is a 400.
    @Test func askExplainsItsDecisionWhenAsked() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/ask?q=\(encoded(answerableQuestion))&explain=true", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                let explanation = try #require(json["explanation"] as? [String: Any])
                let decision = try #require(explanation["decision"] as? [String: Any])
                #expect(decision["outcome"] as? String == json["outcome"] as? String)
                #expect((decision["reason"] as? String)?.contains("answer threshold") == true)
                let candidates = try #require(explanation["candidates"] as? [[String: Any]])
                // The lead is the first candidate's ranking score over the second's.
                if candidates.count > 1, let first = candidates[0]["score"] as? Double, let second = candidates[1]["score"] as? Double {
                    #expect(abs((decision["lead"] as? Double ?? -1) - (first - second)) < 0.001)
                }
                #expect(candidates.first?["id"] as? String == (json["answer"] as? [String: Any])?["id"] as? String)
                #expect(candidates.allSatisfy { $0["coverage"] is Double && $0["matched"] is [String] })
                let thresholds = try #require(explanation["thresholds"] as? [String: Any])
                #expect(thresholds["answerConfidence"] as? Double == 0.5)
            }
            let markup = "<script>alert(1)</script> 发票"
            try await client.execute(uri: "/v1/ask?q=\(encoded(markup))&explain=true", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script"))
                #expect((try response.json()["explanation"] as? [String: Any])?["units"] is [String])
            }
            try await client.execute(uri: "/v1/ask?q=\(encoded(answerableQuestion))&explain=false", method: .get) { response throws in
                #expect(try response.json()["explanation"] == nil)
            }
            try await client.execute(uri: "/v1/ask?q=\(encoded(answerableQuestion))&explain=yes", method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorCode() == "invalid_parameter")
            }
        }
    }

    /// Hits name their category as people should see it: the display name `/v1/categories`
    /// gives for the slug, not the slug.
    @Test(arguments: ["search", "ask"]) func hitsCarryTheCategoryDisplayName(endpoint: String) async throws {
        let names = Dictionary(uniqueKeysWithValues: try Shared.knowledgeBase.categories().map { ($0.category.slug, $0.category.name) })
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/\(endpoint)?q=\(encoded(answerableQuestion))", method: .get) { response throws in
                let json = try response.json()
                let hits = endpoint == "search" ? try #require(json["hits"] as? [[String: Any]]) : [try #require(json["answer"] as? [String: Any])]
                #expect(!hits.isEmpty)
                for hit in hits {
                    let slug = try #require(hit["category"] as? String)
                    let name = try #require(hit["categoryName"] as? String)
                    #expect(name == names[slug], "\(slug): \(name)")
                    #expect(name != slug, "the bundled corpus names its categories")
                }
            }
        }
    }

    @Test func askAbstainsWithFallback() async throws {
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/ask?q=\(encoded(unanswerableQuestion))", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["answered"] as? Bool == false)
                #expect(json["answer"] is NSNull)
                #expect(["suggest", "handoff"].contains(json["outcome"] as? String))
                let suggestions = try #require(json["suggestions"] as? [[String: Any]])
                #expect(suggestions.isEmpty == (json["outcome"] as? String == "handoff"))
                #expect(suggestions.allSatisfy { $0["id"] is String && $0["categoryName"] is String && $0["confidence"] is Double })
                #expect((json["related"] as? [Any])?.isEmpty == true)
                let fallback = try #require(json["fallback"] as? [String: Any])
                #expect((fallback["url"] as? String)?.hasPrefix("http") == true)
            }
        }
    }

    /// A query containing markup comes back inert: the echo is escaped, and nothing but the
    /// highlight tags is markup anywhere in the body.
    @Test(arguments: ["/v1/search", "/v1/ask"])
    func scriptInTheQueryComesBackInert(path: String) async throws {
        let query = "<script>alert('x')</script> 发票多久能开出来 <img src=x onerror=alert(1)>"
        try await TestServer().run { client in
            try await client.execute(uri: "\(path)?q=\(encoded(query))", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script"))
                #expect(!response.text.contains("<img"))
                let json = try response.json()
                #expect(json["query"] as? String == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 发票多久能开出来 &lt;img src=x onerror=alert(1)&gt;")
            }
        }
    }

    /// Corpus text with markup is escaped too: in answers, snippets and whole entries, only the
    /// highlight tags remain markup.
    @Test func corpusMarkupComesBackEscaped() async throws {
        let directory = try makeTemporaryDirectory()
        let corpus = directory.appendingPathComponent("evil.md")
        try """
        # Evil - FAQ

        **Pages:** 1

        ---

        ## 发票

        Source: https://docs.example.com/faq/invoices

        ## 1. 发票多久能开出来？

        发票<script>alert("x")</script>一般在 3 个工作日内开出 & 发送到邮箱。<b>注意</b>

        """.write(to: corpus, atomically: true, encoding: .utf8)
        let knowledgeBase = try KnowledgeBase.open(
            .init(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite")), logger: quietLogger)
        try await TestServer(knowledgeBase: knowledgeBase).run { client in
            let hit = try await client.execute(uri: "/v1/search?q=\(encoded("发票多久能开出来"))", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script"))
                #expect(!response.text.contains("<b>"))
                return try #require((try response.json()["hits"] as? [[String: Any]])?.first)
            }
            let answer = try #require(hit["answer"] as? String)
            #expect(answer.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
            #expect(answer.contains("&amp;"))
            let snippet = try #require(hit["snippet"] as? String)
            let withoutHighlights = snippet.replacingOccurrences(of: "<em>", with: "").replacingOccurrences(of: "</em>", with: "")
            #expect(!withoutHighlights.contains("<"))
            #expect(snippet.contains("<em>"))

            let id = try #require(hit["id"] as? String)
            try await client.execute(uri: "/v1/entries/\(id)", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script"))
                #expect((try response.json()["answer"] as? String)?.contains("&lt;b&gt;") == true)
            }
        }
    }

    @Test func queryOfExactlyMaxLengthIsAccepted() async throws {
        let query = String(repeating: "发", count: KnowledgeBase.maxQueryLength)
        try await TestServer().run { client in
            try await client.execute(uri: "/v1/search?q=\(encoded(query))", method: .get) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    static let badRequests: [(uri: String, code: String)] = [
        ("/v1/search", "missing_query"),
        ("/v1/search?limit=5", "missing_query"),
        ("/v1/search?q=", "empty_query"),
        ("/v1/search?q=%20%20%0A", "empty_query"),
        ("/v1/search?q=\(encoded(String(repeating: "发", count: KnowledgeBase.maxQueryLength + 1)))", "query_too_long"),
        // One character of 4,003 bytes: within 512 characters, over 2,048 bytes.
        ("/v1/search?q=\(encoded("发" + String(repeating: "\u{0301}", count: 2000)))", "query_too_long"),
        ("/v1/search?q=a&limit=0", "invalid_limit"),
        ("/v1/search?q=a&limit=101", "invalid_limit"),
        ("/v1/search?q=a&limit=ten", "invalid_limit"),
        ("/v1/search?q=a&limit=", "invalid_limit"),
        ("/v1/search?q=a&offset=-1", "invalid_offset"),
        ("/v1/search?q=a&offset=1.5", "invalid_offset"),
        ("/v1/search?q=a&highlightPreTag=\(String(repeating: "x", count: 33))", "invalid_parameter"),
        ("/v1/search?q=%E0%A4%A", "invalid_parameter"),
        ("/v1/ask", "missing_query"),
        ("/v1/ask?q=%20", "empty_query"),
        ("/v1/ask?q=\(encoded(String(repeating: "a", count: KnowledgeBase.maxQueryLength + 1)))", "query_too_long"),
    ]

    @Test(arguments: badRequests)
    func badParametersGet400(uri: String, code: String) async throws {
        try await TestServer().run { client in
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(try response.errorCode() == code)
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }
}
