import FAQKit
import Foundation
import Testing

@Suite struct ErrorRulesTests {
    /// The ids the corpus parser gives `Corpus/siliconflow-faqs.md`.
    static let corpusEntryIDs: Set<String> = [
        "verification/1", "verification/2", "verification/3", "verification/4.1", "verification/4.2", "verification/5",
        "errors/1", "errors/2", "errors/3", "invoices/1", "invoices/2", "invoices/3", "invoices/4", "invoices/5.1",
        "invoices/5.2", "models/1", "models/2", "models/3", "models/4", "models/5", "models/6", "models/7", "models/8",
        "models/9", "models/10", "finance/1", "finance/2", "finance/3", "rate-limits/1", "usage/1", "usage/2", "usage/3",
        "usage/4",
    ]

    @Test func bundledRulesLoadAndNameOnlyCorpusEntries() throws {
        let rules = try ErrorRules.bundled()
        #expect(rules.rules.count >= 20)
        try rules.validate(entryIDs: Self.corpusEntryIDs)
    }

    @Test(arguments: [
        (ParsedAPIError(status: 401), "status-401", "errors/1"),
        (ParsedAPIError(status: 403), "status-403", "errors/1"),
        (ParsedAPIError(status: 403, code: 30001), "balance-insufficient", "models/8"),
        (ParsedAPIError(status: 402, code: 30001), "balance-insufficient", "models/8"),
        (ParsedAPIError(status: 429, limit: .tpm), "rate-limit-tokens", "models/7"),
        (ParsedAPIError(status: 400, code: 20012), "model-does-not-exist", "errors/1"),
        (ParsedAPIError(status: 400, code: 20015), "prompt-too-long", "models/2"),
        (ParsedAPIError(status: 403, code: 30003), "model-disabled", "errors/2"),
        (ParsedAPIError(status: 401, code: 30014), "token-invalid", "errors/1"),
        (ParsedAPIError(status: 503, code: 50508), "system-busy", "errors/1"),
        (ParsedAPIError(status: 504), "status-503-504", "errors/1"),
        (ParsedAPIError(status: 500), "status-500", "errors/1"),
        (ParsedAPIError(message: "Sorry, your account balance is insufficient"), "balance-message", "models/8"),
        (ParsedAPIError(exceptionClass: "openai.RateLimitError"), "rate-limit-exception", "models/7"),
        (ParsedAPIError(status: 429, exceptionClass: "openai.RateLimitError"), "status-429", "models/7"),
        (ParsedAPIError(message: "Connection error.", exceptionClass: "openai.APIConnectionError"), "connection-message", "errors/3"),
    ])
    func bundledRulesSendKnownErrorsToTheirAnswers(_ error: ParsedAPIError, _ ruleID: String, _ firstEntry: String) throws {
        let rule = try #require(try ErrorRules.bundled().rule(for: error))
        #expect(rule.id == ruleID)
        #expect(rule.entryIDs.first == firstEntry)
    }

    @Test func validationNamesTheRuleAndTheUnknownEntry() throws {
        let rules = try ErrorRules(
            data: ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("fine", match: #"{"status": 500}"#, entries: ["errors/1"]),
                ErrorRulesFixtures.rule("typo", match: #"{"status": 401}"#, entries: ["errors/1", "errors/99"]),
            ]))
        let error = try #require(throws: ErrorRulesError.self) {
            try rules.validate(entryIDs: ErrorRulesFixtures.entryIDs)
        }
        #expect(error.code == .unknownEntry)
        #expect(error.ruleID == "typo")
        #expect(error.entryID == "errors/99")
        #expect(error.description.contains("\"typo\""))
        #expect(error.description.contains("\"errors/99\""))
    }

    @Test func validationChecksTheFallbackEntries() throws {
        let rules = try ErrorRules(
            data: ErrorRulesFixtures.file(
                rules: [ErrorRulesFixtures.rule("fine", match: #"{"status": 500}"#, entries: ["errors/1"])],
                fallbackEntries: ["errors/1", "nowhere/1"]))
        let error = try #require(throws: ErrorRulesError.self) {
            try rules.validate(entryIDs: ErrorRulesFixtures.entryIDs)
        }
        #expect(error.entryID == "nowhere/1")
    }

    @Test(arguments: [
        ("not JSON", Data("{\"version\": 1, \"rules\": [".utf8), ErrorRulesError.Code.malformedFile, "not valid JSON"),
        (
            "wrong type", ErrorRulesFixtures.file(rules: [#"{"id": "x", "match": {"status": 401}, "entries": "errors/1"}"#]),
            .malformedFile, "entries"
        ),
        (
            "missing key", ErrorRulesFixtures.file(rules: [#"{"id": "x", "match": {"status": 401}, "entries": ["errors/1"]}"#]),
            .malformedFile, "diagnosis"
        ),
        (
            "misspelt condition",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("typo-key", match: #"{"mesage": ["x"]}"#, entries: ["errors/1"])
            ]), .invalidRule, "\"mesage\""
        ),
        (
            "no condition",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("matches-all", match: "{}", entries: ["errors/1"])
            ]), .invalidRule, "matches-all"
        ),
        (
            "bad status",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("bad-status", match: #"{"status": 4290}"#, entries: ["errors/1"])
            ]), .invalidRule, "4290"
        ),
        (
            "unknown limit",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("bad-limit", match: #"{"limit": ["TPS"]}"#, entries: ["errors/1"])
            ]), .invalidRule, "TPS"
        ),
        (
            "malformed entry id",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("bad-id", match: #"{"status": 401}"#, entries: ["Errors 1"])
            ]), .invalidRule, "Errors 1"
        ),
        (
            "duplicate id",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("twice", match: #"{"status": 401}"#, entries: ["errors/1"]),
                ErrorRulesFixtures.rule("twice", match: #"{"status": 403}"#, entries: ["errors/1"]),
            ]), .invalidRule, "duplicate"
        ),
        (
            "placeholder without condition",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule(
                    "no-limit", match: #"{"status": 429}"#, entries: ["errors/1"],
                    diagnosis: ErrorRulesFixtures.text("触发 {limit}", "{limit} reached"))
            ]), .invalidRule, "{limit}"
        ),
        (
            "missing English",
            ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule(
                    "zh-only", match: #"{"status": 429}"#, entries: ["errors/1"], diagnosis: ErrorRulesFixtures.text("限流", ""))
            ]), .invalidRule, "zh-only"
        ),
        ("no rules", ErrorRulesFixtures.file(rules: []), .invalidRule, "no rules"),
    ])
    func loadingAMalformedFileFailsClearly(
        _ name: String, _ data: Data, _ code: ErrorRulesError.Code, _ mention: String
    ) throws {
        let error = try #require(throws: ErrorRulesError.self) { try ErrorRules(data: data, source: "rules.json") }
        #expect(error.code == code, "\(name): \(error)")
        #expect(error.description.hasPrefix("rules.json: "), "\(name): \(error)")
        #expect(error.description.contains(mention), "\(name): \(error)")
    }

    @Test func loadingAMissingFileFailsClearly() throws {
        let url = URL(fileURLWithPath: "/nonexistent/error-rules.json")
        let error = try #require(throws: ErrorRulesError.self) { try ErrorRules(contentsOf: url) }
        #expect(error.code == .unreadableFile)
        #expect(error.description.contains("/nonexistent/error-rules.json"))
    }

    @Test func acceptsCommentsAndDescriptions() throws {
        let rule =
            #"{"id": "x", "description": "why", "$comment": "note", "match": {"status": 401, "$comment": "c"}, "entries": ["errors/1"], "diagnosis": {"zh": "a", "en": "b"}, "nextStep": {"zh": "c", "en": "d"}}"#
        let rules = try ErrorRules(data: ErrorRulesFixtures.file(rules: [rule]))
        #expect(rules.rules.first?.note == "why")
    }

    @Test(arguments: [
        // A business code beats a message pattern, which beats a status.
        (ParsedAPIError(status: 403, code: 30001, message: "rate limit"), "balance-code"),
        (ParsedAPIError(status: 403, message: "Sorry, your account balance is insufficient"), "balance-message"),
        (ParsedAPIError(status: 403), "status-403"),
        // A named limit counts as a message pattern: it beats the status.
        (ParsedAPIError(status: 429, message: "TPM limit reached", limit: .tpm), "tokens-limit"),
        (ParsedAPIError(status: 429, message: "Request was rejected due to rate limiting"), "rate-message"),
        (ParsedAPIError(status: 429), "status-429"),
        // A rule naming status and code together beats the one naming the code alone.
        (ParsedAPIError(status: 403, code: 30003), "disabled-403"),
        (ParsedAPIError(status: 400, code: 30003), "disabled-code"),
        // Patterns are case-insensitive and may be Chinese.
        (ParsedAPIError(message: "账户余额不足"), "balance-message"),
        (ParsedAPIError(message: "RATE LIMIT hit"), "rate-message"),
        (ParsedAPIError(message: "x", exceptionClass: "openai.APIConnectionError"), "connection"),
    ])
    func picksTheRuleByPrecedence(_ error: ParsedAPIError, _ ruleID: String) throws {
        #expect(try ErrorRulesFixtures.standard().rule(for: error)?.id == ruleID)
    }

    @Test func matchesNoRuleForAnUnknownError() throws {
        #expect(try ErrorRulesFixtures.standard().rule(for: ParsedAPIError(status: 418, message: "teapot")) == nil)
    }

    @Test func breaksTiesByFileOrder() throws {
        let rules = try ErrorRules(
            data: ErrorRulesFixtures.file(rules: [
                ErrorRulesFixtures.rule("first", match: #"{"message": ["busy"]}"#, entries: ["errors/1"]),
                ErrorRulesFixtures.rule("second", match: #"{"message": ["too busy"]}"#, entries: ["errors/2"]),
            ]))
        #expect(rules.rule(for: ParsedAPIError(message: "System is too busy now"))?.id == "first")
    }
}
