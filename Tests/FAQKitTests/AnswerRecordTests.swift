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

    /// `faq ask --json --explain`: the explanation is in the record only when asked for, and says
    /// what `--explain` prints: the decision against this index's thresholds and each
    /// candidate's score parts, the first candidate being the answer.
    @Test func anExplanationCarriesTheDecisionAndTheScoreParts() throws {
        let answer = try kb.ask("发票多久能开出来")
        var record = AnswerRecord(answer, categoryName: kb.categoryName(for:))
        #expect(try json(record)["explanation"] == nil)
        let calibration = kb.info.calibration
        record.explanation = ExplanationRecord(answer, calibration: calibration)
        let explanation = try #require(record.explanation)
        #expect(abs(explanation.thresholds.answer - calibration.answerScore) < 1e-4)
        #expect(abs(explanation.thresholds.suggest - calibration.suggestScore) < 1e-4)
        let decision = try #require(explanation.decision)
        #expect(decision.outcome == .answer && decision.raw >= explanation.thresholds.answer)
        #expect(decision.reason == answer.decision?.reason)
        #expect(explanation.candidates.map(\.id) == answer.candidates.map(\.entry.id))
        #expect(explanation.candidates.first?.id == answer.hit?.entry.id)
        let first = try #require(explanation.candidates.first)
        #expect(first.raw == decision.raw && first.confidence == record.answer?.confidence)
        #expect(first.matched.contains("发票"))
        #expect(explanation.units.joined() == "发票多久能开出来")
        #expect(!explanation.terms.isEmpty)
        let object = try json(record)
        let explained = try #require(object["explanation"] as? [String: Any])
        #expect(Set(explained.keys) == ["units", "terms", "expansions", "thresholds", "decision", "candidates"])
        #expect(try JSONDecoder().decode(AnswerRecord.self, from: JSONEncoder().encode(record)) == record)
        // The HTTP API escapes the text that comes from the question and the index, and only it.
        let mapped = explanation.mappingText { "[\($0)]" }
        #expect(mapped.units == explanation.units.map { "[\($0)]" } && mapped.terms == explanation.terms.map { "[\($0)]" })
        #expect(mapped.candidates.map(\.title) == explanation.candidates.map { "[\($0.title)]" })
        #expect(mapped.candidates.first?.matched == explanation.candidates.first?.matched.map { "[\($0)]" })
        #expect(mapped.candidates.map(\.id) == explanation.candidates.map(\.id) && mapped.decision == explanation.decision)
    }
}
