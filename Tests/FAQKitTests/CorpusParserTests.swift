import Foundation
import Testing

@testable import FAQKit

struct CorpusParserTests {
    let bundled = CorpusParser(categories: BundledData.categories)
        .parse(try! String(contentsOf: BundledData.corpusURL, encoding: .utf8))

    @Test func recoversEveryQuestionOfTheBundledCorpus() {
        let ids = bundled.entries.map(\.id)
        #expect(
            ids == [
                "verification/1", "verification/2", "verification/3", "verification/4.1", "verification/4.2", "verification/5",
                "errors/1", "errors/2", "errors/3",
                "invoices/1", "invoices/2", "invoices/3", "invoices/4", "invoices/5.1", "invoices/5.2",
                "models/1", "models/2", "models/3", "models/4", "models/5", "models/6", "models/7", "models/8", "models/9", "models/10",
                "finance/1", "finance/2", "finance/3",
                "rate-limits/1",
                "usage/1", "usage/2", "usage/3", "usage/4",
            ])
        #expect(!bundled.entries.contains { $0.category == "listing" }, "a page without a body yields no entry")
        #expect(bundled.pages.count == 8)
    }

    /// Each recovered answer holds its own text and not its neighbour's.
    @Test(arguments: [
        ("verification/1", "网络安全法", "如果不进行实名认证"),
        ("verification/3", "归属为企业", "外国人永久居留证"),
        ("verification/4.1", "外国人永久居留证", "已完成刷脸认证"),
        ("verification/4.2", "已完成刷脸认证", "统一社会信用代码"),
        ("verification/5", "统一社会信用代码", "已完成刷脸认证"),
        ("invoices/1", "北京硅基流动科技有限公司", "2个工作日"),
        ("invoices/2", "2个工作日", "已消费金额"),
        ("invoices/5.1", "申请开票", "登记页"),
        ("invoices/5.2", "登记页", "申请开票金额"),
        ("models/1", "frequency_penalty", "max_tokens 与"),
        ("models/5", "cosyvoice2", "客户端超时时间"),
        ("models/6", "客户端超时时间", "cosyvoice2"),
        ("finance/2", "费用账单", "余额充值"),
        ("usage/1", "申请注销", "我的邀请"),
        ("usage/2", "我的邀请", "申请注销"),
    ])
    func answerHoldsItsOwnText(id: String, own: String, neighbour: String) throws {
        let entry = try #require(bundled.entries.first { $0.id == id })
        #expect(entry.answer.contains(own))
        #expect(!entry.answer.contains(neighbour))
    }

    @Test func cleansMarkdown() throws {
        let models2 = try #require(bundled.entries.first { $0.id == "models/2" })
        #expect(models2.title == "关于max_tokens说明")
        #expect(models2.answer.contains("max_tokens 与"), "escapes are undone")
        #expect(!models2.answer.contains("\\_"))
        let invoices1 = try #require(bundled.entries.first { $0.id == "invoices/1" })
        #expect(!invoices1.answer.contains("<br"))
        let verification42 = try #require(bundled.entries.first { $0.id == "verification/4.2" })
        #expect(!verification42.answer.contains("<Frame") && !verification42.answer.contains("<img"))
        #expect(verification42.attachments.count == 1, "the screenshot is kept as an attachment")
        #expect(verification42.answer.contains("[用户中心-实名认证](https://cloud.siliconflow.cn/account/authentication)"), "links are kept")
        let errors1 = try #require(bundled.entries.first { $0.id == "errors/1" })
        #expect(!errors1.answer.contains("Example 1"), "the Examples block is dropped")
    }

    @Test func keepsEachPagesContactLink() throws {
        let models = try #require(bundled.pages.first { $0.category == "models" })
        #expect(models.contactURL?.hasPrefix("https://siliconflow.feishu.cn/") == true)
        #expect(bundled.pages.first { $0.category == "invoices" }?.contactURL == nil)
    }

    @Test func parsesAnEnglishCorpusWithMissingHeadingsAndNoContents() throws {
        let parsed = CorpusParser().parse(try Fixtures.text("english.md"))
        #expect(parsed.entries.map(\.id) == ["billing/1", "billing/2", "billing/3", "start/1", "start/2"])
        let entries = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.id, $0) })
        #expect(entries["billing/1"]?.answer.contains("credit card") == true)
        #expect(entries["billing/2"]?.answer.contains("Download") == true)
        #expect(entries["billing/2"]?.answer.contains("Refunds") == false)
        #expect(entries["billing/3"]?.answer.contains("Refunds") == true)
        #expect(entries["start/1"]?.title == "Install the CLI")
        #expect(entries["start/2"]?.answer == "Set `max_tokens` in your config file.")
        #expect(parsed.pages.map(\.category) == ["billing", "start"], "unmapped pages get slugs from their URLs")
    }

    /// A `###` heading the Contents list does not name, under a `##` question, is a section of
    /// that question's answer (kept as a heading, so a passage can name it); an unnamed heading
    /// at the question's own level is still a question of its own.
    @Test func keepsUnnamedSubHeadingsInTheirAnswer() throws {
        let markdown = """
            # Shop - FAQ

            **Pages:** 1

            ---

            ## Visiting

            **URL:** llms-txt#visits

            **Contents:**
            - 1. What are the house rules?

            Source: https://example.com/visits

            ## 1. What are the house rules?

            A few rules keep the shop pleasant.

            ### Opening hours

            We open at nine.

            ### Food and drink

            Covered drinks are welcome.

            ## Can I park outside?

            Yes, on the street.
            """
        let parsed = CorpusParser().parse(markdown)
        #expect(parsed.entries.map(\.title) == ["What are the house rules?", "Can I park outside?"])
        let answer = try #require(parsed.entries.first?.answer)
        #expect(answer.contains("### Opening hours") && answer.contains("We open at nine."))
        #expect(answer.contains("### Food and drink") && answer.contains("Covered drinks are welcome."))
        #expect(!answer.contains("on the street"))
    }

    @Test func handlesWindowsLineEndings() throws {
        let parsed = CorpusParser().parse(try Fixtures.text("crlf.md"))
        #expect(parsed.entries.map(\.title) == ["如何修改密码", "如何更换邮箱"])
        #expect(parsed.entries[0].answer == "进入设置页面，点击修改密码，输入旧密码和新密码。")
        #expect(parsed.entries[1].answer.contains("更换邮箱"))
        #expect(!parsed.entries.contains { $0.answer.contains("\r") })
    }

    @Test func warnsWithLineNumbersAndIndexesWhatItCan() throws {
        let parsed = CorpusParser().parse(try Fixtures.text("broken.md"))
        #expect(parsed.entries.map(\.id) == ["one/1", "one/1-2"])
        #expect(parsed.warnings.contains { $0.line == 9 && $0.message.contains("duplicate entry id") })
        #expect(parsed.warnings.contains { $0.line == 13 && $0.message.contains("never closed") })
    }

    @Test func survivesGarbage() {
        for input in ["", "---\n---\n", "## \n", String(repeating: "## 1. x\n**2. y**\n", count: 2000), "\u{0}\u{FFFD}## a\n- 1.\n"] {
            _ = CorpusParser().parse(input)
        }
    }
}
