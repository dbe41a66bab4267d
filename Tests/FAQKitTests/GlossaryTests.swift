import Foundation
import Testing

@testable import FAQKit

/// The generic glossary (`Corpus/data/glossary.txt`) that every corpus gets, and the rule its
/// files state: a term belongs to one group only.
@Suite struct GlossaryTests {
    /// Each term of the glossary text, as the unit sequence a query is matched on, with its line.
    static func terms(_ text: String) -> [(units: [String], line: Int)] {
        let analyzer = AnalysisResources.bundled.textAnalyzer
        var result: [(units: [String], line: Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.hasPrefix("#") {
            for term in line.split(separator: "|") {
                let units = analyzer.tokens(String(term)).filter { $0.kind == .ideograph || $0.kind == .word }.map(\.text)
                if !units.isEmpty { result.append((units, index + 1)) }
            }
        }
        return result
    }

    /// A term in two groups expands a query to both groups' words, which neither group meant.
    @Test(arguments: ["data/glossary.txt", "synonyms.txt"])
    func everyTermIsInOneGroupOnly(file: String) throws {
        let generic = try #require(BundledData.text("data/glossary.txt"))
        let text = file == "data/glossary.txt" ? generic : generic + "\n" + (try #require(BundledData.text(file)))
        var seen: [[String]: Int] = [:]
        for (units, line) in Self.terms(text) {
            if let first = seen[units], first != line {
                let place = file == "synonyms.txt" ? "the generic glossary followed by synonyms.txt" : file
                Issue.record("\(units.joined(separator: " ")) is on line \(first) and line \(line) of \(place)")
            }
            seen[units] = seen[units] ?? line
        }
    }

    /// A reader's everyday words reach the words a software FAQ's docs use, on a corpus that
    /// brings no glossary of its own.
    @Test(arguments: [
        ("电脑里装了两张显卡怎么用", "多 GPU 如何分配？"),
        ("存文件的文件夹在哪里", "默认的下载目录在哪里？"),
        ("终端里怎么设置代理", "命令行如何使用代理？"),
    ])
    func everydayWordsFindTheDocsWords(query: String, expected: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let corpus = dir.appendingPathComponent("faq.md")
        let text = """
            # 常见问题

            ## 多 GPU 如何分配？

            服务会把模型平均放到每张 GPU 上。

            ## 默认的下载目录在哪里？

            在用户主目录的 downloads 下。

            ## 如何配置反向代理？

            在 nginx 的 location 中转发到 8080 端口。

            ## 命令行如何使用代理？

            设置 HTTPS_PROXY 环境变量后再运行。

            ## 如何修改界面语言？

            在偏好设置中选择语言。
            """
        try text.write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        #expect(try kb.search(query).hits.first?.entry.title == expected)
    }

    /// What the colloquial and the LLM sections add to a query on any corpus: the docs' words for
    /// a reader's (装不上 is 安装失败, 连不上 is 无法连接, function calling is 工具调用).
    @Test(arguments: [("软件老是装不上", "安装失败"), ("服务器连不上", "无法连接"), ("function calling 怎么用", "工具调用"), ("显卡不够用", "gpu")])
    func addsTheDocsWords(query: String, expansion: String) {
        let analyzer = AnalysisResources.bundled.queryAnalyzer()
        #expect(analyzer.analyze(query).terms.contains { $0.isExpansion && $0.text == expansion })
    }
}
