import FAQKit
import Foundation
import MCP
import Testing

@testable import FAQMCP

/// The MCP server driven in process by the SDK's client, over the in-memory transport.
@Suite struct FAQMCPServerTests {
    let kb = Shared.knowledgeBase
    static let toolNames = ["search_faq", "ask_faq", "explain_error", "get_entry", "list_categories"]

    @Test func initializeAnnouncesToolsResourcesAndPrompts() async throws {
        try await Session.with { session in
            let result = session.initializeResult
            #expect(result.serverInfo.name == "faqkit")
            #expect(result.serverInfo.version == FAQKitInfo.version)
            #expect(result.capabilities.tools != nil)
            #expect(result.capabilities.resources != nil)
            #expect(result.capabilities.prompts != nil)
            #expect(result.instructions?.contains("ask_faq") == true)
        }
    }

    @Test func listsEveryToolWithSchemas() async throws {
        try await Session.with { session in
            let tools = try await session.client.listTools().tools
            #expect(tools.map(\.name).sorted() == Self.toolNames.sorted())
            for tool in tools {
                #expect((tool.description ?? "").count > 40, "\(tool.name) needs a description an assistant can act on")
                #expect(tool.inputSchema.objectValue?["type"] == "object")
                #expect(tool.inputSchema.objectValue?["additionalProperties"] == false)
                #expect(tool.outputSchema?.objectValue?["type"] == "object")
                #expect(tool.annotations.readOnlyHint == true)
            }
        }
    }

    // MARK: - Tools

    /// `explain: true` adds the library's explanation, and the text says why in one line;
    /// without it there is neither. A non-boolean is refused.
    @Test func askExplainsWhenAsked() async throws {
        let question = "红烧肉怎么做"
        let answer = try kb.ask(question)
        try await Session.with { session in
            let result = try await session.call("ask_faq", ["question": .string(question), "explain": true])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("ask_faq")) == [])
            let record = try result.decoded(AskRecord.self)
            #expect(record.explanation == ExplanationRecord(answer, calibration: kb.info.calibration))
            let reason = try #require(record.explanation?.decision?.reason)
            #expect(result.text.contains("Why: \(reason)."))
            let plain = try await session.call("ask_faq", ["question": .string(question)])
            #expect(try plain.decoded(AskRecord.self).explanation == nil && !plain.text.contains("Why:"))
            let wrong = try await session.call("ask_faq", ["question": .string(question), "explain": "yes"])
            #expect(wrong.isError == true && wrong.text.contains("must be true or false"))
        }
    }

    @Test func askAnswersWithTheSameDecisionAsTheLibrary() async throws {
        let question = "发票多久能开出来"
        let expected = try #require(try kb.ask(question).hit)
        try await Session.with { session in
            let result = try await session.call("ask_faq", ["question": .string(question)])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("ask_faq")) == [])
            let record = try result.decoded(AskRecord.self)
            #expect(record.outcome == .answer)
            #expect(record.answered)
            #expect(record.answer?.id == expected.entry.id)
            #expect(record.answer?.answer.contains("2个工作日") == true)
            #expect(record.answer?.categoryName == kb.pages.first { $0.category == expected.entry.category }?.categoryName)
            #expect(record.fallback == nil)
            // Related entries as `faq ask --json` and `GET /v1/ask` give them.
            let related = try kb.ask(question).related
            #expect(record.related == related.map(AnswerRecord.Related.init))
            #expect(!record.related.isEmpty && record.related.allSatisfy { !$0.category.isEmpty })
            #expect(result.text.contains(expected.entry.url))
            #expect(result.text.contains(expected.entry.title))
        }
    }

    /// Entries without a link (a CSV list, a page saved without its address) are shown without
    /// an empty `Source:` line or a dangling space, in answers, searches and entries alike.
    @Test func entriesWithoutALinkShowNoSource() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faqmcp-nolink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("faq.csv")
        try "question,answer\n如何注册账号？,打开首页，点击注册。\n如何注销账号？,在设置页面申请注销。\n".write(to: corpus, atomically: true, encoding: .utf8)
        let knowledgeBase = try KnowledgeBase.open(
            .init(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite")), logger: quietLogger)
        try await Session.with(knowledgeBase: knowledgeBase) { session in
            let calls: [(String, [String: Value])] = [
                ("ask_faq", ["question": "如何注册账号？"]), ("search_faq", ["query": "账号"]), ("get_entry", ["id": "faq/如何注册账号"]),
            ]
            for (tool, arguments) in calls {
                let result = try await session.call(tool, arguments)
                #expect(result.isError == false)
                #expect(result.text.contains("如何注册账号？"), "\(tool)")
                #expect(!result.text.contains("Source:"), "\(tool): \(result.text)")
                #expect(!result.text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(tool): \(result.text)")
            }
        }
    }

    /// A long entry is answered with its passage that answers the question, as in the CLI and
    /// HTTP JSON, and says so; `get_entry` still gives all of it.
    @Test func aLongAnswerComesAsItsPassage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faqmcp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let filler = String(repeating: "这一段介绍平台的总体情况和使用前需要了解的背景知识，与下面的具体问题关系不大。", count: 16)
        let corpus = directory.appendingPathComponent("faq.md")
        try """
        # 常见问题

        ## 接口调用出现问题怎么办？

        \(filler)

        ### 流式输出中断

        使用流式输出时连接中途断开，通常是客户端的读取超时太短，请把读取超时设置为至少十分钟。

        ## 如何注册账号？

        打开首页，点击注册，填写手机号并完成短信验证即可。
        """.write(to: corpus, atomically: true, encoding: .utf8)
        let knowledgeBase = try KnowledgeBase.open(
            .init(corpusURL: corpus, indexURL: directory.appendingPathComponent("index.sqlite")), logger: quietLogger)
        try await Session.with(knowledgeBase: knowledgeBase) { session in
            let result = try await session.call("search_faq", ["query": "流式输出中途断开怎么办"])
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("search_faq")) == [])
            let best = try #require(try result.decoded(SearchRecord.self).results.first)
            #expect(best.title == "接口调用出现问题怎么办？")
            #expect(best.partial == true && best.section == "流式输出中断")
            #expect(best.answer.contains("读取超时") && !best.answer.contains(filler))
            let whole = try await session.call("get_entry", ["id": .string(best.id)]).decoded(EntryRecord.self)
            #expect(whole.answer.contains(filler) && whole.partial == nil)
        }
    }

    @Test func askAbstainsOutOfScopeWithTheContactLink() async throws {
        let question = "红烧肉怎么做才好吃"
        let expected = try kb.ask(question)
        #expect(expected.outcome == .handoff)
        try await Session.with { session in
            let result = try await session.call("ask_faq", ["question": .string(question)])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("ask_faq")) == [])
            let record = try result.decoded(AskRecord.self)
            #expect(record.outcome == .handoff)
            #expect(!record.answered)
            #expect(record.answer == nil)
            #expect(record.fallback == expected.fallback)
            #expect(result.text.contains("no confident answer"))
            if let url = expected.fallback?.url { #expect(result.text.contains(url)) }
        }
    }

    @Test func searchRanksEntriesAsTheLibraryDoes() async throws {
        let query = "实名认证"
        let expected = try kb.search(query, limit: 3)
        try await Session.with { session in
            let result = try await session.call("search_faq", ["query": .string(query), "limit": 3])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("search_faq")) == [])
            let record = try result.decoded(SearchRecord.self)
            #expect(record.results.map(\.id) == expected.hits.map(\.entry.id))
            #expect(record.results.count == 3)
            #expect(record.estimatedTotalHits == expected.estimatedTotalHits)
            #expect(record.results.allSatisfy { ($0.confidence ?? -1) >= 0 && ($0.confidence ?? 2) <= 1 })
            for entry in record.results { #expect(result.text.contains(entry.url)) }
        }
    }

    @Test func searchFiltersByCategory() async throws {
        let category = try #require(try kb.categories().first { $0.count >= 2 }).category
        try await Session.with { session in
            let result = try await session.call("search_faq", ["query": .string(category.name), "category": .string(category.slug), "limit": 20])
            let record = try result.decoded(SearchRecord.self)
            #expect(!record.results.isEmpty)
            #expect(record.results.allSatisfy { $0.category == category.slug && $0.categoryName == category.name })
        }
    }

    @Test func explainsAnOpenAIPython429() async throws {
        let paste = """
            Traceback (most recent call last):
              File "app.py", line 12, in <module>
                response = client.chat.completions.create(model="deepseek-ai/DeepSeek-V3", messages=messages)
            openai.RateLimitError: Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: TPM limit reached.', 'data': None}
            """
        let expected = try kb.explain(paste)
        try await Session.with { session in
            let result = try await session.call("explain_error", ["text": .string(paste)])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("explain_error")) == [])
            let record = try result.decoded(ExplainRecord.self)
            #expect(record.found)
            #expect(record.status == 429)
            #expect(record.limit == "TPM")
            #expect(!record.entries.isEmpty)
            #expect(record.entries.map(\.id) == expected.entries.map(\.id))
            #expect(result.text.contains("TPM"))
            for entry in record.entries { #expect(result.text.contains(entry.url)) }
        }
    }

    @Test func explainSaysSoWhenTheTextHoldsNoError() async throws {
        try await Session.with { session in
            let result = try await session.call("explain_error", ["text": "hello there, how are you"])
            #expect(result.isError == false)
            let record = try result.decoded(ExplainRecord.self)
            #expect(!record.found)
            #expect(record.status == nil && record.entries.isEmpty)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("explain_error")) == [])
        }
    }

    @Test func getsOneEntryByID() async throws {
        let entry = try #require(try kb.entries().last)
        try await Session.with { session in
            let result = try await session.call("get_entry", ["id": .string(entry.id)])
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("get_entry")) == [])
            let record = try result.decoded(EntryRecord.self)
            #expect(record.id == entry.id && record.title == entry.title && record.answer == entry.answer && record.url == entry.url)
            #expect(record.confidence == nil)
            #expect(result.text.contains(entry.url))
        }
    }

    @Test func listsCategoriesWithCounts() async throws {
        try await Session.with { session in
            let result = try await session.call("list_categories")
            #expect(result.isError == false)
            #expect(schemaViolations(try #require(result.structuredContent), try outputSchema("list_categories")) == [])
            let record = try result.decoded(CategoriesRecord.self)
            #expect(record.categories.map(\.slug) == (try kb.categories().map(\.category.slug)))
            #expect(record.categories.map(\.count).reduce(0, +) == kb.info.entryCount)
            for category in record.categories { #expect(result.text.contains("`\(category.slug)`")) }
        }
    }

    // MARK: - Bad input

    static let badCalls: [(tool: String, arguments: [String: Value]?, says: String)] = [
        ("ask_faq", nil, "`question` argument is required"),
        ("ask_faq", ["question": "   "], "`question` argument is empty"),
        ("ask_faq", ["question": .string(String(repeating: "发票", count: 400))], "longer than"),
        ("ask_faq", ["question": 42], "must be a string"),
        ("ask_faq", ["question": "发票", "qeustion": "x"], "unknown argument `qeustion`"),
        ("search_faq", ["query": ""], "`query` argument is empty"),
        ("search_faq", ["query": .string(String(repeating: "a", count: 600))], "longer than"),
        ("search_faq", ["query": "发票", "limit": 0], "`limit` argument must be from 1 to 20"),
        ("search_faq", ["query": "发票", "limit": 21], "`limit` argument must be from 1 to 20"),
        ("search_faq", ["query": "发票", "limit": "5"], "must be an integer"),
        ("search_faq", ["query": "发票", "category": "no-such-category"], "unknown category"),
        ("explain_error", ["text": ""], "`text` argument is empty"),
        ("explain_error", ["text": .string(String(repeating: "x", count: 64 * 1024 + 1))], "longer than 65536 bytes"),
        ("get_entry", ["id": "no/such"], "no entry with id `no/such`"),
        ("get_entry", [:], "`id` argument is required"),
        ("list_categories", ["verbose": true], "takes no arguments"),
    ]

    @Test(arguments: 0..<badCalls.count)
    func badArgumentsAreErrorResultsAndTheNextRequestIsServed(_ index: Int) async throws {
        let call = Self.badCalls[index]
        try await Session.with { session in
            let result = try await session.call(call.tool, call.arguments)
            #expect(result.isError == true)
            #expect(result.structuredContent == nil)
            #expect(result.text.contains(call.says), "\(call.tool) \(String(describing: call.arguments).prefix(80)): \(result.text)")
            let next = try await session.call("ask_faq", ["question": "发票多久能开出来"])
            #expect(next.isError == false)
            #expect(try next.decoded(AskRecord.self).outcome == .answer)
        }
    }

    @Test func anUnknownToolIsAProtocolErrorAndTheServerKeepsServing() async throws {
        try await Session.with { session in
            let error = await #expect(throws: MCPError.self) { try await session.call("delete_everything", [:]) }
            #expect(error?.code == -32602)
            #expect(error?.localizedDescription.contains("delete_everything") == true)
            let next = try await session.call("list_categories")
            #expect(next.isError == false)
        }
    }

    @Test func limitsCountAsIntegersWhenSentAsWholeDoubles() async throws {
        try await Session.with { session in
            let result = try await session.call("search_faq", ["query": "发票", "limit": 2.0])
            #expect(result.isError == false)
            #expect(try result.decoded(SearchRecord.self).results.count <= 2)
        }
    }

    // MARK: - Resources and prompts

    @Test func listsEveryEntryAsAResourceAcrossPages() async throws {
        let entries = try kb.entries()
        try await Session.with(configuration: .init(resourcePageSize: 50)) { session in
            var uris: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await session.client.listResources(cursor: cursor)
                #expect(page.resources.count <= 50)
                uris += page.resources.map(\.uri)
                #expect(page.resources.allSatisfy { $0.mimeType == "text/markdown" && $0.title != nil })
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 1000
            #expect(uris == entries.map { "faq://entries/\($0.id)" })
            #expect(pages == (entries.count + 49) / 50)
            let templates = try await session.client.listResourceTemplates().templates
            #expect(templates.map(\.uriTemplate) == ["faq://entries/{id}"])
        }
    }

    @Test func readsAnEntryResourceAsMarkdown() async throws {
        let entry = try #require(try kb.entries().first { !$0.answer.isEmpty })
        try await Session.with { session in
            for uri in ["faq://entries/\(entry.id)", "faq://entries/" + entry.id.replacingOccurrences(of: "/", with: "%2F")] {
                let contents = try await session.client.readResource(uri: uri)
                #expect(contents.count == 1)
                #expect(contents.first?.mimeType == "text/markdown")
                let text = try #require(contents.first?.text)
                #expect(text.contains(entry.title) && text.contains(entry.answer) && text.contains(entry.url))
            }
        }
    }

    @Test(arguments: ["faq://entries/no/such", "faq://entries/", "https://example.com/x"])
    func anUnknownResourceIsNotFound(_ uri: String) async throws {
        try await Session.with { session in
            let error = await #expect(throws: MCPError.self) { try await session.client.readResource(uri: uri) }
            #expect(error?.code == -32002)
            let resources = try await session.client.listResources().resources
            #expect(!resources.isEmpty)
        }
    }

    @Test func aBadCursorIsInvalidParams() async throws {
        try await Session.with { session in
            let error = await #expect(throws: MCPError.self) { try await session.client.listResources(cursor: "banana") }
            #expect(error?.code == -32602)
        }
    }

    @Test func thePromptGuidesSearchingBeforeAnsweringAndCiting() async throws {
        try await Session.with { session in
            let prompts = try await session.client.listPrompts().prompts
            #expect(prompts.map(\.name) == ["answer_support_question"])
            #expect(prompts.first?.arguments?.map(\.name) == ["question"])
            #expect(prompts.first?.arguments?.first?.required == true)

            let prompt = try await session.client.getPrompt(name: "answer_support_question", arguments: ["question": "怎么注销账号"])
            #expect(prompt.messages.count == 1)
            guard case .text(let text) = try #require(prompt.messages.first).content else {
                Issue.record("the prompt message is not text")
                return
            }
            #expect(text.contains("怎么注销账号"))
            for tool in ["ask_faq", "search_faq", "explain_error"] { #expect(text.contains(tool)) }
            #expect(text.contains("URL"))
        }
    }

    static let badPromptRequests: [(name: String, arguments: [String: String]?)] = [
        ("answer_support_question", nil),
        ("answer_support_question", ["question": " "]),
        ("answer_support_question", ["question": "x", "extra": "y"]),
        ("answer_support_question", ["question": String(repeating: "问", count: 600)]),
        ("no_such_prompt", ["question": "x"]),
    ]

    @Test(arguments: 0..<badPromptRequests.count)
    func badPromptRequestsAreInvalidParams(_ index: Int) async throws {
        let request = Self.badPromptRequests[index]
        try await Session.with { session in
            let error = await #expect(throws: MCPError.self) {
                try await session.client.getPrompt(name: request.name, arguments: request.arguments)
            }
            #expect(error?.code == -32602)
            let prompts = try await session.client.listPrompts().prompts
            #expect(prompts.count == 1)
        }
    }

    // MARK: - Helpers

    func outputSchema(_ tool: String) throws -> Value {
        try #require(ToolCatalog.tools(maxErrorTextBytes: FAQMCPConfiguration().maxErrorTextBytes).first { $0.name == tool }?.outputSchema)
    }
}
