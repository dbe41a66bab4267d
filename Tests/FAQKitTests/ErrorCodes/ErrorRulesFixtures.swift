import FAQKit
import Foundation

/// Small hand-made rules and entries, so these tests do not depend on the real corpus.
enum ErrorRulesFixtures {
    static func text(_ zh: String, _ en: String) -> String { #"{"zh": "\#(zh)", "en": "\#(en)"}"# }

    /// A rules file around the given rule objects.
    static func file(rules: [String], fallbackEntries: [String] = ["errors/1"]) -> Data {
        Data(
            """
            {
              "$comment": "test rules",
              "version": 1,
              "noError": {"diagnosis": \(text("未发现 API 错误", "no API error found")), "nextStep": \(text("粘贴完整报错", "paste the whole error"))},
              "fallback": {"diagnosis": \(text("未收录的错误", "unknown error")), "nextStep": \(text("看 message", "read the message")), "entries": \(json(fallbackEntries))},
              "bodyOmitted": \(text("用 curl -i 重新请求。", "Re-run with curl -i.")),
              "rules": [\(rules.joined(separator: ",\n"))]
            }
            """.utf8)
    }

    static func rule(
        _ id: String, match: String, entries: [String], diagnosis: String? = nil, nextStep: String? = nil
    ) -> String {
        """
        {"id": "\(id)", "match": \(match), "entries": \(json(entries)),
         "diagnosis": \(diagnosis ?? text("诊断 \(id)", "diagnosis \(id)")),
         "nextStep": \(nextStep ?? text("下一步 \(id)", "next step \(id)"))}
        """
    }

    static func json(_ strings: [String]) -> String {
        "[" + strings.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// Rules exercising every kind of condition and the precedence between them.
    static let standardRules: [String] = [
        rule("balance-code", match: #"{"code": 30001}"#, entries: ["models/8", "finance/1", "errors/1"]),
        rule("disabled-403", match: #"{"status": 403, "code": 30003}"#, entries: ["errors/2"]),
        rule("disabled-code", match: #"{"code": 30003}"#, entries: ["errors/1"]),
        rule(
            "tokens-limit", match: #"{"limit": ["TPM", "TPD"]}"#, entries: ["models/7", "rate-limits/1"],
            diagnosis: text("触发了 {limit} 限流", "{limit} limit reached")),
        rule("balance-message", match: #"{"message": ["balance is insufficient", "余额不足"]}"#, entries: ["models/8"]),
        rule("rate-message", match: #"{"message": "rate limit"}"#, entries: ["models/7"]),
        rule(
            "status-403", match: #"{"status": 403}"#, entries: ["errors/1", "models/9", "models/8"],
            diagnosis: text("权限不够或余额不足（{status}）", "permission or balance ({status})")),
        rule("status-429", match: #"{"status": 429}"#, entries: ["models/7", "errors/1"]),
        rule("connection", match: #"{"exception": ["APIConnectionError"]}"#, entries: ["errors/3"]),
    ]

    static func standard() throws -> ErrorRules {
        try ErrorRules(data: file(rules: standardRules))
    }

    static func entry(_ id: String, title: String, answer: String = "") -> FAQEntry {
        FAQEntry(
            id: id, category: String(id.split(separator: "/")[0]), pageTitle: "页面", title: title,
            answer: answer.isEmpty ? "\(title)的答案" : answer, url: "https://docs.example/\(id)", position: 0)
    }

    static let entries: [FAQEntry] = [
        entry("errors/1", title: "尝试获取 HTTP 错误代码，初步定位问题"),
        entry("errors/2", title: "可以尝试换一个模型"),
        entry("errors/3", title: "如果开了代理，可以考虑将代理关闭后再尝试访问"),
        entry("models/7", title: "429错误排查"),
        entry("models/8", title: "已充值成功，仍然提示账户余额不足"),
        entry("models/9", title: "已实名认证，还是无法访问部分模型"),
        entry("finance/1", title: "如何充值"),
        entry("rate-limits/1", title: "免费模型如何提升 Rate Limits"),
        entry("usage/3", title: "手机号无法注册或绑定"),
    ]

    static let entryIDs = Set(entries.map(\.id))

    static func lookUp(_ id: String) -> FAQEntry? {
        entries.first { $0.id == id }
    }
}
