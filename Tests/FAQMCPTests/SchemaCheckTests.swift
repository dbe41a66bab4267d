import MCP
import Testing

@testable import FAQMCP

/// The schema check the tool tests rely on finds what a client's validator would reject, so a
/// passing tool test means the record really matches its output schema.
@Suite struct SchemaCheckTests {
    let entry: Value = [
        "id": "a/1", "category": "a", "categoryName": "A", "pageTitle": "P", "title": "T", "answer": "x", "url": "https://e.x",
        "confidence": 0.5,
    ]

    @Test func aConformingEntryPasses() {
        #expect(schemaViolations(entry, ToolCatalog.entrySchema) == [])
    }

    @Test func reportsAMissingRequiredField() {
        guard case .object(var object) = entry else { return }
        object["url"] = nil
        #expect(schemaViolations(.object(object), ToolCatalog.entrySchema) == ["$: missing url"])
    }

    @Test func reportsAWrongTypeAnOutOfRangeNumberAndAnUnknownField() {
        guard case .object(var object) = entry else { return }
        object["title"] = 3
        object["confidence"] = 1.5
        object["extra"] = true
        let problems = schemaViolations(.object(object), ToolCatalog.entrySchema)
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("$.title: expected string") })
        #expect(problems.contains("$.confidence: 1.5 > 1.0"))
        #expect(problems.contains("$.extra: not in the schema"))
    }

    @Test func checksArrayItemsAndEnums() {
        let schema: Value = [
            "type": "object",
            "properties": ["outcome": ["type": "string", "enum": ["answer", "handoff"]], "xs": ["type": "array", "items": ["type": "integer"]]],
        ]
        #expect(schemaViolations(["outcome": "maybe", "xs": [1, "2"]], schema).count == 2)
    }
}
