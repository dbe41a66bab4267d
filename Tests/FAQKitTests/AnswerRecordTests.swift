import Foundation
import Testing

@testable import FAQKit

/// `faq ask --json` and `GET /v1/ask` write one record: these are its rules.
struct AnswerRecordTests {
    var kb: KnowledgeBase { SharedKnowledgeBase.kb }

    func json(_ record: AnswerRecord) throws -> [String: Any] {
        let data = try JSONEncoder().encode(record)
        return try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any])
    }

    @Test func anAbstentionWritesANullAnswerAndTheFallback() throws {
        let answer = try kb.ask("what is the capital of France")
        #expect(answer.hit == nil)
        let object = try json(AnswerRecord(answer, categoryName: kb.categoryName(for:)))
        #expect(object["answer"] is NSNull, "null, not left out: clients test it")
        #expect(object["answered"] as? Bool == false)
        #expect(object["outcome"] as? String == answer.outcome.rawValue)
        #expect(object["fallback"] is [String: Any])
        #expect(Set(object.keys) == ["query", "answered", "outcome", "suggestions", "answer", "related", "fallback"])
    }

    @Test func anAnswerCarriesItsHitAndRelatedEntriesWithTheirCategory() throws {
        let answer = try kb.ask("发票多久能开出来")
        let hit = try #require(answer.hit)
        let record = AnswerRecord(answer, categoryName: kb.categoryName(for:))
        #expect(record.answered && record.outcome == .answer)
        #expect(record.answer?.id == hit.entry.id)
        #expect(record.answer?.categoryName == kb.categoryName(for: hit.entry.category))
        #expect(record.related.map(\.id) == answer.related.map(\.id))
        #expect(record.related.allSatisfy { !$0.category.isEmpty && !$0.title.isEmpty })
        let object = try json(record)
        #expect(object["fallback"] == nil)
        let decoded = try JSONDecoder().decode(AnswerRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
    }
}
