import FAQKit
import Foundation
import Testing

@Suite struct ErrorMapperTests {
    let mapper: ErrorMapper

    init() throws {
        mapper = ErrorMapper(rules: try ErrorRulesFixtures.standard())
    }

    /// Explains with the fixture entries; `search` returns the given entries and records its queries.
    private func explain(_ text: String, searchResults: [FAQEntry] = []) -> (ErrorDiagnosis, [String]) {
        var queries: [String] = []
        let diagnosis = mapper.explain(
            text, entry: ErrorRulesFixtures.lookUp,
            search: { query in
                queries.append(query)
                return searchResults
            })
        return (diagnosis, queries)
    }

    @Test func answersACodeWithTheRulesEntriesInOrder() {
        let (diagnosis, queries) = explain(#"{"code":30001,"message":"Sorry, your account balance is insufficient","data":null}"#)
        #expect(diagnosis.found)
        #expect(diagnosis.ruleID == "balance-code")
        #expect(diagnosis.code == 30001)
        #expect(diagnosis.status == nil)
        #expect(diagnosis.entries.map(\.id) == ["models/8", "finance/1", "errors/1"])
        #expect(queries.isEmpty, "a rule with three entries needs no search")
    }

    @Test func answersInChineseAloneForChineseOrBareInput() {
        for text in ["403", "调用接口返回状态码 403，提示权限不够"] {
            let (diagnosis, _) = explain(text)
            #expect(diagnosis.diagnosis == "权限不够或余额不足（403）")
            #expect(diagnosis.nextStep == "下一步 status-403")
        }
    }

    @Test func appendsEnglishForEnglishInput() {
        let (diagnosis, _) = explain("Error: 403 Forbidden")
        #expect(diagnosis.diagnosis == "权限不够或余额不足（403） / permission or balance (403)")
        #expect(diagnosis.nextStep == "下一步 status-403 / next step status-403")
    }

    @Test func fillsTheLimitIntoTheDiagnosis() {
        let (diagnosis, _) = explain(
            "Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: TPM limit reached.', 'data': None}")
        #expect(diagnosis.limit == "TPM")
        #expect(diagnosis.status == 429)
        #expect(diagnosis.diagnosis.hasPrefix("触发了 TPM 限流 / TPM limit reached"))
    }

    @Test func tellsToRerunWithCurlWhenTheClientDroppedTheBody() {
        let (diagnosis, _) = explain("Error: 403 status code (no body)")
        #expect(diagnosis.status == 403)
        #expect(diagnosis.nextStep.hasPrefix("用 curl -i 重新请求。下一步 status-403"))
        #expect(diagnosis.nextStep.contains("Re-run with curl -i."))
        #expect(diagnosis.entries.first?.id == "errors/1")
    }

    @Test func fillsUpToThreeEntriesBySearchingTheMessage() {
        let extra = ErrorRulesFixtures.entry("usage/3", title: "手机号无法注册或绑定")
        let (diagnosis, queries) = explain(
            "Error code: 429 - {'message': 'TPM limit reached'}",
            searchResults: [ErrorRulesFixtures.lookUp("models/7")!, extra, ErrorRulesFixtures.lookUp("errors/2")!])
        #expect(queries == ["TPM limit reached"])
        #expect(diagnosis.entries.map(\.id) == ["models/7", "rate-limits/1", "usage/3"], "deduplicated, capped at three")
    }

    @Test func searchesTheKnowledgeBaseWhenNoRuleFits() {
        let found = ErrorRulesFixtures.entry("usage/3", title: "手机号无法注册或绑定")
        let (diagnosis, queries) = explain("HTTP 418 - I'm a teapot", searchResults: [found])
        #expect(diagnosis.found)
        #expect(diagnosis.ruleID == nil)
        #expect(diagnosis.status == 418)
        // The message first, then the status as a word (a corpus's own "418" answers).
        #expect(queries == ["I'm a teapot", "418"])
        #expect(diagnosis.entries.map(\.id) == ["usage/3", "errors/1"], "search results, then the fallback entries")
        #expect(diagnosis.diagnosis == "未收录的错误 / unknown error")
    }

    @Test func reportsNoErrorForOrdinaryText() {
        let (diagnosis, queries) = explain("hello world")
        #expect(!diagnosis.found)
        #expect(diagnosis.diagnosis == "未发现 API 错误 / no API error found")
        #expect(diagnosis.entries.isEmpty)
        #expect(diagnosis.status == nil && diagnosis.code == nil && diagnosis.message == nil)
        #expect(queries.isEmpty)
    }

    @Test func skipsEntriesTheKnowledgeBaseDoesNotHave() {
        let diagnosis = mapper.explain(
            "status 403", entry: { $0 == "models/9" ? nil : ErrorRulesFixtures.lookUp($0) }, search: { _ in [] })
        #expect(diagnosis.entries.map(\.id) == ["errors/1", "models/8"])
    }

    @Test func rethrowsSearchFailures() {
        struct SearchDown: Error {}
        #expect(throws: SearchDown.self) {
            try mapper.explain(
                "HTTP 418 - I'm a teapot", entry: ErrorRulesFixtures.lookUp, search: { _ in throw SearchDown() })
        }
    }

    @Test func encodesExactlyTheDocumentedKeysWithNulls() throws {
        let (diagnosis, _) = explain("HTTP 403")
        let data = try JSONEncoder().encode(diagnosis)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["status", "code", "message", "limit", "diagnosis", "nextStep", "entries"])
        #expect(object["status"] as? Int == 403)
        #expect(object["code"] is NSNull)
        #expect(object["message"] is NSNull)
        #expect(object["limit"] is NSNull)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(Set(entries[0].keys) == ["id", "category", "title", "answer", "url"])
        #expect(entries[0]["id"] as? String == "errors/1")
        #expect(entries[0]["url"] as? String == "https://docs.example/errors/1")
    }

    @Test func decodesWhatItEncodes() throws {
        let (diagnosis, _) = explain("Error code: 429 - {'message': 'TPM limit reached'}")
        let decoded = try JSONDecoder().decode(ErrorDiagnosis.self, from: try JSONEncoder().encode(diagnosis))
        #expect(decoded.found)
        #expect(decoded.status == 429)
        #expect(decoded.limit == "TPM")
        #expect(decoded.diagnosis == diagnosis.diagnosis)
        #expect(decoded.entries.map(\.id) == diagnosis.entries.map(\.id))
        #expect(decoded.entries.map(\.title) == diagnosis.entries.map(\.title))
    }
}
