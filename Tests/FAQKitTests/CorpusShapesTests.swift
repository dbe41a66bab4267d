import Foundation
import Testing

@testable import FAQKit

/// The FAQ shapes people bring, each from a small fixture written for these tests.
@Suite struct CorpusShapesTests {
    func parse(_ name: String) throws -> ParsedCorpus {
        CorpusParser().parse(documents: [.init(text: try Fixtures.text("shapes/" + name), name: name)])
    }

    func snapshot(_ url: URL) throws -> ParsedCorpus {
        try CorpusSource(url: url).snapshot().parse()
    }

    @Test func headingOutlineWithGroups() throws {
        let parsed = try parse("outline.md")
        #expect(parsed.entries.map(\.title) == ["如何注册账号？", "忘记密码怎么办？", "15 元能做什么？", "发票多久能开出来？", "400 — 请求错误", "速率限制是多少？"])
        // A one-page file's groups are its categories, named as written.
        #expect(Set(parsed.entries.map(\.category)) == ["账户与登录", "费用与发票", "使用限制"])
        #expect(parsed.pages.map(\.categoryName) == ["账户与登录", "费用与发票", "使用限制"])
        #expect(!parsed.entries.contains { $0.category == "untitled" || $0.title == "常见问题" })
        let byTitle = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.title, $0) })
        // A horizontal rule inside an answer does not end it.
        #expect(byTitle["发票多久能开出来？"]!.answer.contains("纸质发票"))
        // Tables and code stay verbatim; `#` inside a fence is code.
        let errors = byTitle["400 — 请求错误"]!.answer
        #expect(errors.contains("| model | 模型名 |"))
        #expect(errors.contains("# 这是一条注释，不是标题"))
        // A sub-heading inside an answer stays part of it.
        #expect(byTitle["速率限制是多少？"]!.answer.contains("企业账号可以申请提高"))
        #expect(!parsed.entries.contains { $0.title == "企业账号" })
        // The group's own introduction is not an entry and no answer holds it.
        #expect(!parsed.entries.contains { $0.answer.contains("本组说明计费和开票") })
    }

    @Test func boldQuestionLinesWithAnswerMarkers() throws {
        let parsed = try parse("bold-qa.md")
        #expect(parsed.entries.map(\.title) == ["套餐包含多少次调用？", "可以随时升级套餐吗？", "套餐到期后会自动续费吗？", "可以退款吗？", "退款多久到账？"])
        let answers = parsed.entries.map(\.answer)
        #expect(answers[0].hasPrefix("基础套餐"))
        #expect(answers[2].hasPrefix("默认不会"))
        // A bold statement is part of an answer, not a question.
        #expect(answers[4].contains("注意：退款后账户等级会恢复为免费版"))
        #expect(!answers.contains { $0.contains("***") })
        #expect(Set(parsed.entries.map(\.category)) == ["套餐", "退款"])
    }

    /// Plain numbered question lines, answered after `答：` or in the next paragraph; a numbered
    /// list of questions inside an answer stays in that answer.
    @Test func plainNumberedQuestionLines() throws {
        let parsed = try parse("numbered-qa.md")
        #expect(parsed.entries.map(\.title) == ["会员可以同时借几本书？", "借的书可以续借吗？", "忘记带借书卡怎么办？", "借书时系统提示无法借阅怎么办？"])
        let answers = parsed.entries.map(\.answer)
        #expect(answers[0].hasPrefix("普通会员"), "the 答： marker is dropped")
        #expect(answers[2].hasPrefix("在前台出示身份证"))
        #expect(answers[3].contains("是否还有逾期未还的书？") && answers[3].contains("请到前台办理"))
    }

    /// Numbered question lines each answered by the bullet list on the very next line (`1. 如何备份？`
    /// over `* 设置 - 备份…`, as hand-written help pages set them): one entry each, the list its answer;
    /// a numbered list of checks with a bullet under each stays in the answer that holds it. Among
    /// such questions, the next numbered line set the same way is the next entry even when it
    /// asks without a question mark (`2. 关于自动备份的说明`).
    @Test func numberedQuestionLinesAnsweredByBulletLists() throws {
        let parsed = try parse("numbered-bullet-answers.md")
        #expect(
            parsed.entries.map(\.title) == [
                "为什么刚装好相册里一张照片都没有？", "照片显示模糊，如何处理？", "如何把照片备份到网盘？", "关于自动备份的说明", "备份失败怎么办？",
            ])
        try #require(parsed.entries.count == 5)
        #expect(parsed.entries[0].answer == "* 相册只显示授权过的文件夹，第一次打开需要在设置里添加照片所在的文件夹。")
        #expect(parsed.entries[1].answer.contains("仍然模糊时"))
        #expect(parsed.entries[2].answer.hasSuffix("**注意:** 备份期间请保持联网。"))
        #expect(parsed.entries[3].answer == "* 开启后每晚自动备份一次，备份文件按日期命名。")
        #expect(parsed.entries[4].answer.contains("网盘空间是否已满？") && parsed.entries[4].answer.hasSuffix("请重新登录网盘。"))
        #expect(Set(parsed.entries.map(\.category)).count == 2)
    }

    /// A table whose header names a question and an answer column is one entry per row; its
    /// other columns follow the answer, and any other table is left alone.
    @Test func questionAndAnswerTable() throws {
        let parsed = try parse("qa-table.md")
        #expect(parsed.entries.map(\.title) == ["如何预约自习室？", "预约后可以取消吗？"])
        let first = try #require(parsed.entries.first?.answer)
        #expect(first.contains("选择日期和座位。\n每人每天最多预约四小时。"), "<br> breaks a line")
        #expect(first.contains("适用对象：全部会员"))
        #expect(!parsed.entries.contains { $0.answer.contains("这一行没有问题") })
        #expect(!parsed.entries.contains { $0.answer.contains("东城分馆") }, "the table after it is not the last row's answer")
    }

    /// A troubleshooting table is read by what its header names: what the reader ran into
    /// (`遇到的情况`, `异常现象`) over what to do about it (`下一步怎么做`, `原因 / 处理`); a table
    /// with other headers stays in its answer.
    @Test func troubleshootingTableHeaders() throws {
        let parsed = try parse("troubleshooting-headers.md")
        #expect(parsed.entries.map(\.title) == ["打印前要做什么？", "打印机没有反应", "纸张卡住", "扫描件发黑"])
        #expect(parsed.entries[0].answer.contains("| 双面文件 | 在打印设置里勾选双面 |"))
        #expect(parsed.entries[1].answer == "检查电源线，再重启打印机")
        #expect(parsed.entries[3].answer == "稿台玻璃有污渍，用软布擦净")
    }

    /// Setext headings (`===` a page, `---` a question); a `---` under an answer's last line, or
    /// under a paragraph of several lines, is a rule, not a heading.
    @Test func setextHeadings() throws {
        let parsed = try parse("setext.md")
        #expect(parsed.entries.map(\.title) == ["When does the pool open?", "Do I need a swim cap?", "Can I rent a towel?"])
        #expect(parsed.pages.map(\.title) == ["Swimming pool FAQ", "Towels"])
        let answers = parsed.entries.map(\.answer)
        #expect(answers[0].contains("Lanes are shared before nine."))
        #expect(answers[1].hasPrefix("Yes, caps are required"))
    }

    /// Headings written as HTML (`<h2 id="…">…</h2>`), as help-center exports keep them.
    @Test func htmlHeadings() throws {
        let parsed = try parse("html-headings.md")
        #expect(parsed.entries.map(\.title) == ["游泳馆几点开门？", "需要戴泳帽吗？"])
        #expect(parsed.entries.map(\.answer) == ["每天早上七点开门，晚上十点关门。", "所有泳道都必须佩戴泳帽，前台有售。"])
    }

    /// An HTML heading whose text runs onto the next lines (`<h3 id='2'>Q: 2. 屏幕提示 Error: …` over
    /// `please open the rear cover.怎么处理？</h3>`, as docs pages wrap a long error message): one
    /// question, its text joined by a space, not a heading in the answer of the question before.
    @Test func htmlHeadingsWrappedOverLines() throws {
        let parsed = try parse("html-headings-wrapped.md")
        #expect(
            parsed.entries.map(\.title) == [
                "打印机为什么不出纸？", "屏幕提示 Error: paper jam in tray 2 please open the rear cover.怎么处理？", "可以双面打印吗？",
            ])
        #expect(parsed.entries.map(\.answer) == ["请检查纸盒是否放好。", "打开后盖，取出卡住的纸张。", "可以，在打印设置里选择“双面”。"])
    }

    /// A list marker in front of a heading (`1. ### 还车时提示车锁异常`, `- ## …`), as some docs
    /// number their question headings: the heading is a question like any other, its marker dropped,
    /// and a numbered list inside an answer stays that answer's list; an item `- # …` is no page title.
    @Test func headingsInsideListItems() throws {
        let parsed = try parse("list-item-headings.md")
        #expect(parsed.entries.map(\.title) == ["租车需要押金吗", "还车时提示车锁异常", "夜里可以还车吗？", "怎么查看骑行记录"])
        try #require(parsed.entries.count == 4)
        #expect(parsed.entries[1].answer == "请把车推到停车点内重新关锁，仍不行请拍照反馈。\n\n- # 号开头的行是备注，不用填写")
        #expect(parsed.pages.count == 1)
        #expect(parsed.entries[3].answer.hasSuffix("1. 打开 App\n2. 进入“我的行程”"))
    }

    /// List items asking a question in bold, answered by the indented paragraphs under them; a
    /// list of questions with no answers of their own stays in the answer that holds it.
    @Test func listItemQuestions() throws {
        let parsed = try parse("list-qa.md")
        #expect(parsed.entries.map(\.title) == ["游泳馆几点开门？", "可以租毛巾吗？", "儿童游泳"])
        let answers = parsed.entries.map(\.answer)
        #expect(answers[0] == "每天早上七点开门，晚上十点关门。\n\n早上九点之前泳道共用。")
        #expect(answers[1] == "前台可以租毛巾，每条两元。")
        #expect(answers[2].contains("儿童几岁可以单独入场？") && answers[2].contains("以上问题请咨询前台。"))
    }

    /// What docs generators add: heading ids (`{#id}`), `:::` callouts (their text kept, their
    /// markers dropped), `::: details` disclosures (questions), template tags (`{% hint %}`).
    @Test func docsGeneratorMarkup() throws {
        let parsed = try parse("docs-site.md")
        #expect(parsed.entries.map(\.title) == ["游泳馆几点开门？", "需要戴泳帽吗？", "可以租毛巾吗？", "可以租泳镜吗？"])
        let answers = parsed.entries.map(\.answer)
        #expect(answers[0] == "每天早上七点开门，晚上十点关门。\n\n节假日照常开放。")
        #expect(answers[1] == "所有泳道都必须佩戴泳帽。\n\n前台只收现金。\n\n泳帽在前台有售。")
        #expect(answers[2] == "前台可以租毛巾，每条两元。")
        #expect(!parsed.entries.contains { $0.answer.contains(":::") || $0.answer.contains("{%") || $0.answer.contains("import ") })
    }

    /// Empty anchor elements written into headings as link targets (`## <a name="x"></a>…`, as
    /// Microsoft Learn exports its FAQs) name neither the page nor the question.
    @Test func anchorsInsideHeadingsAreDropped() throws {
        let parsed = try parse("anchored-headings.md")
        #expect(parsed.pages.map(\.title) == ["常见问题：会员卡"])
        #expect(parsed.entries.map(\.title) == ["会员卡可以转让吗？", "会员卡丢了怎么办？", "可以办理家庭卡吗？"])
        #expect(parsed.entries.allSatisfy { $0.category == "常见问题-会员卡" && !$0.id.contains("name") })
        #expect(parsed.entries[1].answer == "到前台挂失并补办，补卡收取工本费十元。")
    }

    @Test(arguments: [
        ("如何充值？ {#recharge}", "如何充值？"), ("Rate limits {: #limits .faq}", "Rate limits"), ("发票 {.wide}", "发票"),
        ("如何使用 {name} 占位符", "如何使用 {name} 占位符"), ("返回 {} 是什么意思", "返回 {} 是什么意思"), ("{#only-an-id}", "{#only-an-id}"),
        ("如何充值？ {#recharge .anchor .sticky_x1}", "如何充值？"), ("填写 {#姓名 和 电话}", "填写 {#姓名 和 电话}"),
    ])
    func headingAttributesAreDroppedAndBracesInTextKept(heading: String, title: String) {
        #expect(OutlineReader.strippingHeadingAttributes(heading) == title)
    }

    /// A question line after a heading that asks and answers its own question is the next
    /// question, not one inside that answer; under a heading that only names a topic it is one
    /// of the topic's questions.
    @Test func questionLinesAfterAnAnsweredQuestionHeading() throws {
        let parsed = try parse("mixed-questions.md")
        #expect(parsed.entries.map(\.title) == ["游泳馆几点开门", "节假日开放吗？", "雨天开放吗？", "有儿童池吗？"])
        #expect(parsed.entries.map(\.answer) == ["每天早上七点开门，晚上十点关门。", "节假日照常开放。", "室内泳池雨天照常开放。", "有，儿童池水深六十厘米。"])
        #expect(parsed.entries.last?.group == "场馆设施")
    }

    /// A heading that asks and answers its own question before its sub-questions is an entry as
    /// well as their group; a heading that only names a topic keeps its text as an introduction.
    /// A troubleshooting record whose answer is laid out in labelled sections (`### 现象描述`,
    /// `### 问题原因`, `### 解决方案`, or `### 规避方法` with its own steps) is one entry under its
    /// heading, not a group of questions named 现象描述 and 问题原因; a page laid out that way is one
    /// entry titled by the page.
    @Test func troubleshootingSectionsStayInTheirAnswer() throws {
        let parsed = try parse("troubleshooting-sections.md")
        #expect(parsed.entries.map(\.title) == ["打印任务一直排队不出纸", "更换墨盒后颜色偏淡", "打印机支持双面打印吗？", "扫描仪提示 E02"])
        let byTitle = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.title, $0) })
        let queue = byTitle["打印任务一直排队不出纸"]!.answer
        #expect(queue.contains("假脱机服务停止了") && queue.contains("重启假脱机服务"))
        let ink = byTitle["更换墨盒后颜色偏淡"]!.answer
        #expect(ink.hasPrefix("更换非原装墨盒后") && ink.contains("连续执行两次") && ink.contains("确认四种颜色都完整"))
        // A page that is one such record is one question, titled by the page.
        #expect(byTitle["扫描仪提示 E02"]!.answer.contains("用湿布擦净滚轮"))
    }

    @Test func groupThatAnswersItsOwnQuestion() throws {
        let parsed = try parse("answered-group.md")
        #expect(parsed.entries.map(\.title) == ["怎么借书？", "借书卡过期了怎么办？", "可以替别人借书吗？", "有自习室吗？"])
        #expect(parsed.entries[0].answer == "带上借书卡到任意服务台办理，每次最多借五本。")
        #expect(parsed.entries[1].category == parsed.entries[0].category)
        #expect(!parsed.entries.contains { $0.answer.contains("本组介绍馆内的设施") })
    }

    /// Under a heading, what only labels the answer is dropped: a `### 答案` sub-heading, a
    /// leading `答：` under a heading that asks, a line of nothing but `回答：` under any heading.
    /// Lettered options (`A. 现金`) stay.
    @Test func answerLabelsUnderHeadings() throws {
        let parsed = try parse("answer-labels.md")
        #expect(parsed.entries.map(\.title) == ["衣服多久能洗好？", "可以上门取衣吗？", "羽绒服能水洗吗？", "丢失取衣单", "支持哪些付款方式？"])
        #expect(
            parsed.entries.map(\.answer) == [
                "普通衣物两天后可以取。", "可以，三公里内免费上门。", "可以，我们使用专用的低温洗涤程序。", "凭手机号和身份证到店领取。", "A. 现金\nB. 微信",
            ])
    }

    /// Text indented under an MDX container (`<Card>`, `<Tab>`, as Mintlify pages write them) is
    /// read without that indentation, not as code, and a container's title is a bold line over
    /// its text; a title that only names a callout's kind is dropped.
    @Test func mdxContainersKeepTheirTitlesAndText() throws {
        let parsed = try parse("mdx-containers.mdx")
        #expect(parsed.entries.map(\.title) == ["会员有哪些权益？", "怎么办理会员？"])
        #expect(parsed.entries[0].answer == "**免费停车**\n\n每次到店可免费停车两小时。\n\n**生日礼物**\n\n生日当月到店领取一份礼物。")
        #expect(
            parsed.entries[1].answer
                == "**线上办理**\n\n在小程序里填写手机号即可。\n\n```text\n我的 → 会员中心 → 立即办理\n```\n\n**到店办理**\n\n到前台出示身份证。\n\n会员卡仅限本人使用。")
    }

    /// Backslash escapes are removed from an answer's text but not from its code spans, where a
    /// backslash is what the reader types.
    @Test func backslashesInCodeSpansAreText() throws {
        let parsed = try parse("code-backslashes.md")
        #expect(parsed.entries.map(\.answer) == ["要把 `\\` 改为 `/`，例如 `C:\\Users\\me` 写成 `C:/Users/me`；``\\` `` 也一样。", "写成 *，例如 report_*.csv。"])
    }

    /// HTML comments are notes to a page's editors: dropped from answers, on lines of their own,
    /// over several lines or inside a line; one an answer shows in a code span stays.
    @Test func htmlCommentsAreDropped() throws {
        let parsed = try parse("html-comments.md")
        #expect(parsed.entries.map(\.title) == ["怎么设置文章摘要？", "可以定时发布吗？"])
        #expect(parsed.entries.map(\.answer) == ["在正文里想截断的位置写 `<!-- more -->`，前面的内容就是摘要。", "可以，在发布时间里选一个将来的时间。 到点会自动发布。"])
    }

    /// Questions a page declares in its front matter (`faq:`/`faqs:` of question-answer pairs, the
    /// data its site renders as an FAQ section) are entries of the page, after its own; one the
    /// page asks itself is not repeated, and the front matter's other lists are no questions.
    @Test func frontMatterQuestionsAreEntries() throws {
        let parsed = try parse("front-matter-faq.md")
        #expect(parsed.entries.map(\.title) == ["怎么还车？", "押金多少？", "可以骑出城吗？"])
        #expect(parsed.entries.map(\.answer) == ["把车停进任意还车点，关锁即可。", "押金一百元，还车后原路退回。", "不可以，出城后车辆会自动上锁。\n\n请在城区内还车。"])
        #expect(Set(parsed.entries.map(\.category)) == ["自行车租赁"])
    }

    /// Nuxt Content (MDC) block components: their `::name` and `::` lines are markup (never a
    /// heading over the props' `---`), props listing question-answer pairs are questions, other
    /// props stay as text.
    @Test func mdcComponents() throws {
        let parsed = try parse("mdc-components.md")
        #expect(parsed.entries.map(\.title) == ["怎么借？", "借了没用完可以还吗？", "丢了怎么办？"])
        #expect(parsed.entries[0].answer.contains("用小程序扫机柜上的二维码。"))
        #expect(parsed.entries[1].answer == "可以，归还到任意机柜即可。")
        #expect(parsed.entries[2].answer == "在订单页点\"已丢失\"，按封顶价扣费。")
        #expect(!parsed.entries.contains { $0.answer.contains("::") || $0.title.contains("::") })
    }

    /// A disclosure whose summary asks nothing, inside an answer (`查看示例`), is part of that
    /// answer; one that asks a question after an answered question is the next question.
    @Test func disclosuresInsideAndAfterAnswers() throws {
        let parsed = try parse("details-in-answer.md")
        #expect(parsed.entries.map(\.title) == ["怎么预约场地？", "可以改约吗？", "儿童要买票吗？"])
        #expect(parsed.entries.map(\.answer) == ["在小程序里选择日期和场次。\n\n查看示例\n\n例如选择周六上午九点的场次。", "开场前两小时可以改约一次。", "一米二以下的儿童免票。"])
        #expect(parsed.entries.last?.group == "费用")
    }

    @Test func mdxComponentsAndFrontMatter() throws {
        let parsed = try parse("mdx.md")
        #expect(
            parsed.entries.map(\.title) == ["How do I pay by card?", "Can I get a refund?", "Where do I download invoices?", "Do you accept PayPal?"])
        #expect(parsed.pages.first?.title == "Billing FAQ")
        let all = parsed.entries.map(\.answer).joined(separator: "\n")
        #expect(!all.contains("<") && !all.contains("SeoMeta") && !all.contains("Intro text"))
        #expect(parsed.entries[2].answer.contains("Invoices are PDF files."))
        #expect(parsed.entries[1].answer.contains("Unused credit is refunded"))
    }

    /// Hugo and Zola pages open with TOML front matter between `+++` lines: its top-level title
    /// names the page, and none of it is answer text.
    @Test func tomlFrontMatter() throws {
        let parsed = try parse("hugo.md")
        #expect(parsed.entries.map(\.title) == ["How do I reset my password?", "Can I close my account?"])
        #expect(parsed.pages.first?.title == "Account \"and\" sign-in \u{2014} FAQ")
        #expect(parsed.pages.first?.url == "/help/account/")
        let all = parsed.entries.map(\.answer).joined(separator: "\n")
        #expect(!all.contains("+++") && !all.contains("weight") && !all.contains("not the page title"))
    }

    /// Hexo lets a post's front matter go without its opening `---`: `title:` / `date:` / `tags:`
    /// lines closed by one `---`. Its title names the page and none of it is answer text. Lines
    /// that are not all YAML keys, or keys that are no page metadata (`Q:` / `A:`), over a `---`
    /// stay text.
    @Test func frontMatterClosedOnly() {
        let hexo = CorpusParser().parse(
            "title: 博客常见问题\ndate: 2020-01-02 03:04:05\ntags: [Blog]\ncategories:\n  - 工具\n---\n"
                + "# 介绍\n\n本文收集部署博客时的常见问题。\n\n# 常见错误\n\n## 部署时报错怎么办？\n\n先运行 clean 再部署。\n")
        #expect(hexo.entries.map(\.title) == ["介绍", "部署时报错怎么办？"])
        #expect(hexo.entries.first?.answer == "本文收集部署博客时的常见问题。")
        #expect(!hexo.entries.contains { $0.answer.contains("date") || $0.answer.contains("2020") })
        let notMetadata = CorpusParser().parse("Q: 如何充值？\nA: 在控制台充值。\n---\n\n## 支持退款吗？\n\n支持。\n")
        #expect(notMetadata.entries.contains { $0.answer.contains("控制台") })
        let prose = CorpusParser().parse("title: 常见问题\n这一行不是 YAML。\n---\n\n## 支持退款吗？\n\n支持。\n")
        #expect(!prose.pages.contains { $0.title.hasPrefix("常见问题") }, "not front matter: its title does not name the page")
    }

    /// A picture written as an `<img>` tag, before the answer (the error asked about) or after
    /// it, is the entry's attachment, as a `<Frame>`'s is; the answer text leaves the tag out.
    /// A tag inside code is code.
    @Test func imageTagsAreAttachments() {
        let parsed = CorpusParser().parse(
            """
            # 常见问题

            ## 为什么任务一直在等待？

            <img src="/img/wait.png" width="60%"/>

            A：检查 worker 是否在线。

            ## 如何查看日志？

            点击任务实例的日志按钮。<img src="/img/log.png"/> 或者运行：

            ```html
            <img src="/img/not-a-picture.png">
            ```
            """)
        #expect(parsed.entries.map(\.attachments) == [["/img/wait.png"], ["/img/log.png"]])
        #expect(parsed.entries.first?.answer == "检查 worker 是否在线。")
    }

    @Test(arguments: [
        ("\"plain\"", "plain"), ("'C:\\path'", "C:\\path"), ("\"tab\\there\"", "tab\there"), ("\"\\u00e9t\\U0001F600\"", "\u{e9}t\u{1F600}"),
        ("\"unclosed", nil), ("2024-03-01", nil), ("[\"a\"]", nil), ("\"\"\"multi", nil), ("\"bad \\uZZ\"", nil),
    ])
    func tomlStrings(text: String, value: String?) {
        #expect(OutlineReader.tomlString(text) == value)
    }

    @Test func pagesWithSourcesAndFooters() throws {
        let parsed = try parse("pages.md")
        #expect(
            parsed.entries.map(\.id) == [
                "accounts/how-do-i-delete-my-account", "accounts/can-i-change-my-email-address", "errors/429-too-many-requests",
                "errors/401-unauthorized",
            ])
        #expect(parsed.entries[2].url == "https://help.example.com/docs/errors.md")
        // The footer repeated after each page is no answer's.
        #expect(!parsed.entries.contains { $0.answer.contains("community forum") })
        #expect(!parsed.entries.contains { $0.answer.contains("Account questions") })
    }

    /// Pages that each end with the same question and answer (`如何联系客服？`) keep it: a block
    /// that is all its question has is an answer, though it ends two pages word for word as a
    /// footer does. A footer after an answer still goes.
    @Test func aQuestionEndingEveryPageIsNoFooter() {
        func page(_ slug: String, _ question: String, _ answer: String) -> String {
            """
            # \(slug)

            Source: https://help.example.com/\(slug).md

            ## \(question)

            \(answer)

            ## 如何联系客服？

            发送邮件到 support@example.com，工作日两小时内回复。

            > 还有问题？请访问社区论坛。
            """
        }
        let parsed = CorpusParser().parse(page("account", "如何注销账号？", "在设置页面点击注销。") + "\n\n---\n\n" + page("billing", "支持退款吗？", "未使用的余额可以申请退款。"))
        #expect(parsed.entries.map(\.id) == ["account/如何注销账号", "account/如何联系客服", "billing/支持退款吗", "billing/如何联系客服"])
        #expect(parsed.entries.filter { $0.title == "如何联系客服？" }.map(\.answer) == Array(repeating: "发送邮件到 support@example.com，工作日两小时内回复。", count: 2))
        #expect(!parsed.entries.contains { $0.answer.contains("社区论坛") })
    }

    @Test func idsDoNotDependOnOrder() throws {
        let text = try Fixtures.text("shapes/pages.md")
        let added = text.replacingOccurrences(
            of: "> Account questions\n", with: "> Account questions\n\n## Is there a free plan?\n\nYes, with 100 requests a day.\n")
        let before = Set(CorpusParser().parse(text).entries.map(\.id))
        let after = Set(CorpusParser().parse(added).entries.map(\.id))
        #expect(after.subtracting(before) == ["accounts/is-there-a-free-plan"])
        #expect(before.isSubset(of: after))
    }

    @Test func numberingIsStrippedOnlyWhereItIsNumbering() {
        #expect(QuestionText.title("2. 如何充值？").title == "如何充值？")
        #expect(QuestionText.title("2、如何充值？").title == "如何充值？")
        #expect(QuestionText.title("(3) 如何充值？").title == "如何充值？")
        #expect(QuestionText.title("Q1：如何充值？").title == "如何充值？")
        #expect(QuestionText.title("一、套餐详情").title == "套餐详情")
        #expect(QuestionText.title("4.1 个人认证").title == "个人认证")
        #expect(QuestionText.title("400 — 请求错误").title == "400 — 请求错误")
        #expect(QuestionText.title("15 元能做什么？").title == "15 元能做什么？")
        #expect(QuestionText.title("2025 年的价格").title == "2025 年的价格")
        #expect(QuestionText.title("QPS 是多少？").title == "QPS 是多少？")
        // Questions numbered by section, as a long FAQ numbers them.
        #expect(QuestionText.title("Q3.1.2：安装时报错怎么办？").title == "安装时报错怎么办？")
        #expect(QuestionText.title("Q2.15: 支持哪些格式？").title == "支持哪些格式？")
        #expect(QuestionText.title("Q1. 如何充值？").title == "如何充值？")
    }

    /// A foreword's usual Chinese names introduce a page, as `概述` and `前言` do.
    @Test func forewordNamesAreIntroductions() {
        #expect(QuestionText.isIntroduction("写在前面"))
        #expect(QuestionText.isIntroduction("阅读须知"))
        #expect(!QuestionText.isIntroduction("写在后面的话怎么写？"))
    }

    @Test func folderGivesTheSameEntriesAsTheFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        let text = try Fixtures.text("shapes/pages.md")
        let pages = text.components(separatedBy: "\n# ").enumerated().map { $0 == 0 ? $1 : "# " + $1 }
        for (i, page) in pages.enumerated() {
            try page.write(to: dir.appendingPathComponent("\(i + 1)-page.md"), atomically: true, encoding: .utf8)
        }
        try "not markdown".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let fromFolder = try snapshot(dir)
        let fromFile = try parse("pages.md")
        #expect(fromFolder.entries.map(\.id) == fromFile.entries.map(\.id))
        #expect(fromFolder.entries.map(\.answer) == fromFile.entries.map(\.answer))
    }

    @Test func csvAndJSONPairs() throws {
        let csv = try snapshot(Fixtures.url("shapes/faq.csv"))
        #expect(csv.entries.map(\.title) == ["How do I reset my password?", "Which payment methods do you accept?", "What does error 429 mean?"])
        #expect(csv.entries[0].answer.contains("A reset link is emailed"))
        #expect(csv.entries[0].category == "account" && csv.pages.map(\.categoryName) == ["Account", "Billing", "Errors"])
        #expect(csv.warnings.count == 1)
        let json = try snapshot(Fixtures.url("shapes/faq.json"))
        #expect(json.entries.map(\.id) == ["account/how-do-i-reset-my-password", "billing/pay-methods"])
        let lines = try snapshot(Fixtures.url("shapes/faq.jsonl"))
        #expect(lines.entries.count == 2 && lines.entries[1].title == "What does error 429 mean?")
    }

    /// Files saved in the encodings Chinese FAQs come in: GBK (Excel's CSV on Chinese Windows)
    /// and UTF-16 with a byte order mark are read as such, with a warning; bytes no encoding
    /// reads are replaced, with a warning at their line.
    @Test func textEncodings() throws {
        let directory = try Fixtures.temporaryDirectory()
        // "question,answer\n如何注册？,打开首页。\n" in GBK.
        let gbk: [UInt8] = [
            0x71, 0x75, 0x65, 0x73, 0x74, 0x69, 0x6F, 0x6E, 0x2C, 0x61, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x0A, 0xC8, 0xE7, 0xBA, 0xCE, 0xD7, 0xA2,
            0xB2, 0xE1, 0xA3, 0xBF, 0x2C, 0xB4, 0xF2, 0xBF, 0xAA, 0xCA, 0xD7, 0xD2, 0xB3, 0xA1, 0xA3, 0x0A,
        ]
        let csv = directory.appendingPathComponent("gbk.csv")
        try Data(gbk).write(to: csv)
        let fromGBK = try snapshot(csv)
        #expect(fromGBK.entries.map(\.title) == ["如何注册？"] && fromGBK.entries.first?.answer == "打开首页。")
        #expect(fromGBK.warnings.map(\.message) == ["the file is not UTF-8; read as GB18030 (GBK)"])
        let page = directory.appendingPathComponent("utf16.md")
        try "# 帮助\n\n## 如何注销？\n\n联系客服。\n".data(using: .utf16)!.write(to: page)
        let fromUTF16 = try snapshot(page)
        #expect(fromUTF16.entries.map(\.title) == ["如何注销？"] && fromUTF16.warnings.map(\.message) == ["the file is not UTF-8; read as UTF-16"])
        // A lone continuation byte is neither UTF-8 nor GB18030.
        #expect(TextDecoding.decode(Data([0x23, 0x20, 0x41, 0x0A, 0x0A, 0x80, 0x80])).badLine == 3)
    }

    /// A YAML data file reads as the JSON does: a mapping holding a list of Q&A mappings, a block
    /// scalar answer kept as markdown, and a pair without an answer a warning at its own line.
    /// Both may group their pairs by topic.
    @Test func yamlPairs() throws {
        let yaml = try snapshot(Fixtures.url("shapes/faq.yml"))
        #expect(yaml.entries.map(\.title) == ["How do I change my plan?", "Can I pause my subscription?", "Where is my data stored?"])
        #expect(yaml.entries[1].answer == "Yes, for up to three months.\n\nPaused months are **not billed**.")
        #expect(yaml.entries[0].category == yaml.entries[1].category && yaml.entries[2].category != yaml.entries[0].category)
        #expect(yaml.warnings.map(\.line) == [12] && yaml.warnings.allSatisfy { $0.file == nil })
        // Grouped by topic: each group's name is its pairs' category, unless a pair names its own.
        let grouped = try snapshot(Fixtures.url("shapes/faq-grouped.json"))
        #expect(grouped.entries.map(\.title) == ["How do I sign up?", "How do I close my account?", "Can I get an invoice?"])
        #expect(grouped.pages.map(\.categoryName) == ["Account", "Invoices"])
        let groupedYAML = try Fixtures.temporaryDirectory().appendingPathComponent("faq.yaml")
        try Data("- title: 账号\n  faqs:\n    - q: 如何注册？\n      a: 打开首页注册。\n".utf8).write(to: groupedYAML)
        let fromYAML = try snapshot(groupedYAML)
        #expect(fromYAML.entries.map(\.title) == ["如何注册？"] && fromYAML.pages.map(\.categoryName) == ["账号"])
        #expect(fromYAML.entries.first?.answer == "打开首页注册。")
        // Groups in groups (a docs site's categories and their sections): the innermost name is
        // the category, an unnamed section takes its parent's.
        let nested = try Fixtures.temporaryDirectory().appendingPathComponent("faq.json")
        try Data(
            """
            {"categories": [
              {"name": "账号", "sections": [
                {"title": "注册", "faqs": [{"q": "如何注册？", "a": "打开首页注册。"}]},
                {"faqs": [{"q": "如何注销？", "a": "在设置中注销。"}]}
              ]},
              {"name": "账单", "sections": [
                {"title": "发票", "faqs": [{"q": "怎么开发票？", "a": "在账单页申请。"}]}
              ]}
            ]}
            """.utf8
        ).write(to: nested)
        let fromNested = try snapshot(nested)
        #expect(fromNested.entries.map(\.title) == ["如何注册？", "如何注销？", "怎么开发票？"])
        #expect(fromNested.pages.map(\.categoryName) == ["注册", "账号", "发票"])
        #expect(fromNested.warnings.isEmpty)
        let broken = try Fixtures.temporaryDirectory().appendingPathComponent("faq.yaml")
        try Data("- question: \"never closed\n  answer: x\n".utf8).write(to: broken)
        #expect {
            try snapshot(broken)
        } throws: { error in
            (error as? FAQKitError)?.message.hasPrefix("faq.yaml is not valid YAML: line 3, column 1:") == true
        }
    }

    /// Spreadsheet and helpdesk exports in other shapes: a TSV file, a `;`-separated CSV, JSON
    /// with Chinese field names, and Freshdesk's `description` as the answer.
    @Test func tablesAndFieldNamesOfOtherExports() throws {
        let dir = try Fixtures.temporaryDirectory()
        let files = [
            "faq.tsv": "question\tanswer\tcategory\n如何注册？\t打开首页，点击注册。\t账号\n",
            "faq-semicolon.csv": "question;answer\n可以开发票吗？;可以, 在费用中心申请。\n",
            "faq-zh.json": #"[{"标题": "余额会过期吗？", "内容": "不会过期。", "分类": "费用"}]"#,
            "freshdesk.json": #"[{"title": "How do I reset my password?", "description": "<p>Use the <b>reset</b> link.</p>"}]"#,
        ]
        var parsed: [String: ParsedCorpus] = [:]
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            parsed[name] = try snapshot(url)
        }
        #expect(parsed["faq.tsv"]?.entries.map(\.id) == ["账号/如何注册"])
        #expect(parsed["faq-semicolon.csv"]?.entries.first?.answer == "可以, 在费用中心申请。")
        #expect(parsed["faq-zh.json"]?.entries.map(\.title) == ["余额会过期吗？"] && parsed["faq-zh.json"]?.entries.first?.category == "费用")
        #expect(parsed["freshdesk.json"]?.entries.first?.answer == "Use the **reset** link.")
        #expect(QAListReader.delimiter(of: "question,answer\n") == "," && QAListReader.delimiter(of: "q\n") == ",")
        #expect(QAListReader.delimiter(of: #""a;b",answer;x;y"# + "\n") == ";")
    }

    /// A helpdesk export: the list under a key of its own (`results`), HTML bodies turned into
    /// markdown, `html_url` as the link; a plain-text body stays as it is.
    @Test func helpdeskExportWithHTMLBodies() throws {
        let parsed = try snapshot(Fixtures.url("shapes/helpdesk.json"))
        #expect(parsed.entries.map(\.title) == ["How do I book a lane?", "Can I cancel a booking?"])
        #expect(
            parsed.entries[0].answer
                == "Open the app and pick a **time slot**.\n\n- Members book 7 days ahead\n- Guests book 2 days ahead\n\nSee [the rules](https://pool.example/rules) & fees."
        )
        #expect(parsed.entries[1].answer == "Yes, up to two hours before the slot.")
        #expect(parsed.entries[0].url == "https://pool.example/hc/articles/101" && parsed.entries[0].category == "booking")
    }

    @Test func htmlEntitiesAndLineBreaks() {
        #expect(HTMLText.markdown("a&lt;b&gt; &#20320;&#x597D;&nbsp;x<br>next<br/>line") == "a<b> 你好 x\nnext\nline")
        #expect(HTMLText.markdown("<div>一</div><div>二</div>") == "一\n\n二")
        #expect(HTMLText.markdown("AT&T & co") == "AT&T & co")
        #expect(!HTMLText.looksLikeHTML("Use `a < b` in **bold**") && HTMLText.looksLikeHTML("<p>x</p>"))
    }

    /// A saved help-center page: its `<main>` read as the markdown it would have been written in;
    /// scripts, comments, the site header, menu, table of contents and footer are not questions.
    @Test func helpCenterPage() throws {
        let parsed = try snapshot(Fixtures.url("shapes/help-center.html"))
        #expect(
            parsed.entries.map(\.title) == ["如何预约座位？", "座位价格是多少？", "怎么修改绑定的手机号？", "会员卡可以转让吗？", "开门时间接口怎么调用？", "可以带食物进来吗？"])
        #expect(parsed.entries.map(\.category) == ["预约", "预约", "账户", "账户", "账户", "其他"])
        #expect(Set(parsed.entries.map(\.pageTitle)) == ["自习室常见问题"])
        let answers = parsed.entries.map(\.answer)
        // A paragraph wrapped in the source is one line, with no space between Chinese characters.
        #expect(answers[0].hasPrefix("打开小程序，选择日期和时段，再点**确认预约**即可。\n\n1. 每次最多预约四小时\n2. 需要提前一天预约：\n   - 工作日"))
        // A pipe inside a cell stays escaped, so the row keeps its two cells.
        #expect(answers[1] == "| 时段 | 价格 |\n| --- | --- |\n| 白天 | 每小时 8 元 |\n| 夜间 | 每小时 5 元 \\| 含茶水 |")
        #expect(answers[2] == "在“我的”页面点[更换手机号](https://example.com/phone)。")
        #expect(answers[4] == "```\ncurl https://example.com/api/hours?day=sat&open=1\n  # 返回 {\"open\": \"08:00\"}\n```")
        // A question in an accordion's button, inside a form, with a callout (`<aside>`) in its answer.
        #expect(answers[5] == "只能带瓶装水。\n\n提示：储物柜里可以放零食。")
        let everything = answers.joined() + parsed.entries.map(\.title).joined()
        for hidden in ["这不是问题", "注释里的标题", "关于我们", "400-000-0000", "脚本里的问题", "\u{200B}"] {
            #expect(!everything.contains(hidden), "\(hidden) leaked")
        }
        // Permalink marks (`#`) leave the headings.
        #expect(!parsed.entries.map(\.title).joined().contains("#") && parsed.entries[0].category == "预约")
    }

    /// A page whose questions have no headings, only the class names its styles give them
    /// (`faq-question`, `accordion-title`); a wrapper named like a question stays as written,
    /// and the question inside it is found.
    @Test func questionsNamedByClass() throws {
        let parsed = try snapshot(Fixtures.url("shapes/faq-divs.html"))
        #expect(parsed.entries.map(\.title) == ["如何注册账号？", "忘记密码怎么办？", "发票多久开出？"])
        #expect(parsed.entries.map(\.answer).prefix(2) == ["打开首页，点击**注册**。", "点击忘记密码。\n\n按提示重置。"])
        #expect(
            HTMLMarkdownWriter.namesQuestion(classes: "faq-item__question is-open") && HTMLMarkdownWriter.namesQuestion(classes: "accordion-header"))
        #expect(!HTMLMarkdownWriter.namesQuestion(classes: "faq-answer accordion-body") && !HTMLMarkdownWriter.namesQuestion(classes: "header"))
    }

    /// A page whose script draws its questions, declaring them for search engines as a
    /// schema.org FAQPage in JSON-LD, is read from the declaration; a page that shows its
    /// questions keeps its own headings and categories.
    @Test func declaredFAQPage() throws {
        let drawn = try snapshot(Fixtures.url("shapes/faq-jsonld.html"))
        #expect(drawn.entries.map(\.title) == ["如何注册账号？", "发票多久能开出？"])
        #expect(drawn.entries.map(\.answer) == ["打开首页，点击**注册**。", "三个工作日内开出。"])
        #expect(drawn.entries.first?.category == "常见问题")
        let declaration =
            #"<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "如何预约座位？", "acceptedAnswer": {"text": "用小程序。"}}]}</script>"#
        let shown = try Fixtures.text("shapes/help-center.html").replacingOccurrences(of: "</head>", with: declaration + "</head>")
        let dir = try Fixtures.temporaryDirectory()
        try shown.write(to: dir.appendingPathComponent("shown.html"), atomically: true, encoding: .utf8)
        let parsed = try snapshot(dir.appendingPathComponent("shown.html"))
        #expect(parsed.entries.count == 6 && parsed.entries.first?.category == "预约")
    }

    /// HTML blocks written into a markdown answer (a `<table>`, a `<div>` of paragraphs) read as
    /// markdown; a `<details>` block is still a disclosure.
    @Test func htmlBlocksInMarkdownAnswers() throws {
        let parsed = try parse("html-in-markdown.md")
        #expect(parsed.entries.map(\.answer) == ["价格如下：\n\n| 时段 | 价格 |\n| --- | --- |\n| 白天 | 8 元 |", "在订单页申请退款。\n\n三天内到账。"])
        #expect(!HTMLText.isHTMLBlock("<details>\n<summary>可以吗？</summary>") && !HTMLText.isHTMLBlock("<Frame>x</Frame>"))
    }

    /// MkDocs admonitions: a collapsible `??? question "…？"` is a question answered by its
    /// indented text; a `!!! note` is its text, without the marker or the indentation.
    @Test func mkdocsAdmonitions() throws {
        let parsed = try parse("mkdocs-admonitions.md")
        #expect(parsed.entries.map(\.title) == ["如何注册账号？", "忘记密码怎么办？", "座位价格是多少？"])
        #expect(parsed.entries[0].answer == "打开首页，点击注册。\n\n- 需要手机号\n- 需要验证码")
        #expect(OutlineReader.admonition(#"???+ tip inline end "提示""#)?.title == "提示" && OutlineReader.admonition("!!! note")?.kind == "note")
        #expect(OutlineReader.admonition("!!! 注意") == nil && OutlineReader.admonition("??? 真的吗") == nil)
    }

    /// MkDocs Material's content tabs (`=== "Windows"` over text indented under it, as
    /// pymdownx.tabbed writes one per platform): each tab is its label in bold over its text, read
    /// without the indentation, so its table is a table and its code is code. The markup stayed,
    /// and the indented text read as a code block.
    @Test func mkdocsContentTabs() throws {
        let parsed = try parse("mkdocs-content-tabs.md")
        #expect(parsed.entries.map(\.title) == ["打印插件怎么安装？", "支持哪些打印机？"])
        #expect(
            parsed.entries[0].answer
                == "先下载与系统对应的安装包。\n\n**Windows**\n\n| 文件 | 说明 |\n| --- | --- |\n| `setup.exe` | 安装程序 |\n\n```bat\nsetup.exe /quiet\n```\n\n**macOS**\n\n双击 `plugin.pkg`，按提示安装。\n\n装好后重启打印服务。"
        )
        #expect(OutlineReader.contentTab(#"===! "Linux 系统""#) == "Linux 系统" && OutlineReader.contentTab("===") == nil)
    }

    @Test func folderOfHTMLAndMarkdownPages() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.text("shapes/help-center.html").write(to: dir.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        try "# 其他\n\n## 周末开门吗？\n\n开门。\n".write(to: dir.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        let parsed = try snapshot(dir)
        #expect(parsed.entries.count == 7 && parsed.entries.last?.title == "周末开门吗？")
    }

    /// Pages saved by a docs crawler: YAML front matter, a "Published Time" line and a quoted
    /// index notice before the `#` title, and the same support footer after every page's last
    /// answer. The text before the title introduces the page (no entry is titled by the front
    /// matter), and the shared footer is no answer's.
    @Test func crawledDocsPages() throws {
        let parsed = try snapshot(Fixtures.url("shapes/crawled"))
        #expect(parsed.entries.map(\.title) == ["怎么注销账号？", "充值后余额没到账怎么办？", "支持退款吗？"])
        #expect(parsed.entries.map(\.answer) == ["在设置页面点击注销。", "一般充值即时到账。如果延迟，请联系客服并提供：\n\n* 账号 ID\n* 订单号 (order_xxx)", "已使用的余额不退。未使用的可以申请退款。"])
        #expect(parsed.entries[2].url == "https://docs.example.ai/docs/support/faq_pay.md")
    }

    /// Saved pages gathered in one file, each under `# Title` and `Source:` as the shared corpora
    /// are assembled: the saved page opens with its crawler's lines (`Published Time:`, `URL
    /// Source:`, `Markdown Content:`), an index notice, and its own `# Title` again. Each page is
    /// one page with its link, and no entry is its crawl time (one per page was, titled by the
    /// page, and it outranked real answers).
    @Test func crawledPagesGatheredInOneFile() throws {
        let parsed = try parse("crawled-assembled.md")
        #expect(parsed.entries.map(\.title) == ["余额为什么显示为 0？", "可以申请发票吗？", "可以提高 RPM 吗？"])
        #expect(parsed.pages.map(\.title) == ["账户与余额", "速率限制"])
        #expect(
            parsed.entries.map(\.url) == [
                "https://docs.example.ai/docs/support/faq_account.md", "https://docs.example.ai/docs/support/faq_account.md",
                "https://docs.example.ai/docs/support/faq_rpm.md",
            ])
        #expect(!parsed.entries.contains { $0.answer.contains("Published Time") || $0.answer.contains("Markdown Content") })
    }

    /// A saved help-center page whose crawler kept the site's header above the page's own title
    /// (a `### 下载我们的 App` banner, a hotline, the breadcrumb), gathered under `# Title` and
    /// `Source:`: the header is no question, and the page is one page with its link. A page whose
    /// text before its repeated title asks a question keeps that question.
    @Test func crawledSiteHeaderBeforeTheRepeatedTitle() throws {
        let parsed = try parse("crawled-site-header.md")
        #expect(parsed.entries.map(\.title) == ["收到的商品有破损怎么办", "退款多久到账", "下单后多久发货？", "可以指定快递吗？"])
        #expect(parsed.pages.map(\.title) == ["退货与退款", "发货", "发货"])
        #expect(parsed.entries[0].url == "https://help.example.com/zh/shop/refund-faq")
        #expect(!parsed.entries.contains { $0.answer.contains("客服热线") })
    }

    /// A fence the file never closes (a crawler ran its closing ``` and the next question into one
    /// line) ends where the questions go on, not at the end of the file: the later questions and
    /// pages stay entries, with a warning. A closed fence holding `# 安装` is untouched.
    @Test func unclosedFenceEndsWhereTheQuestionsGoOn() throws {
        let parsed = try parse("unclosed-fence.md")
        #expect(parsed.entries.map(\.title) == ["如何调用接口？", "支持流式输出吗？", "如何充值？"])
        #expect(parsed.pages.map(\.title) == ["接入", "计费"])
        #expect(parsed.entries[0].answer.hasSuffix("```"), "the code block is closed in its answer: \(parsed.entries[0].answer)")
        #expect(parsed.entries[1].answer.contains("# 安装\n\npip install example-sdk"))
        #expect(parsed.warnings.map(\.message).contains { $0.contains("closed before the heading at line 11") })
        // A fence with no heading after it runs to the end, as before.
        let lines = CorpusParser.splitLines("## 问题？\n\n```\ncode\n\nmore code")
        #expect(UnclosedFence.repairing(lines).repaired.isEmpty)
    }

    /// On a page of bold questions, a bold line that asks without a question mark is a question
    /// too (it was read as the answer of the one before); a bold line that does not ask
    /// (`**注意**`) stays in its answer.
    @Test func boldQuestionsWithoutQuestionMarks() throws {
        let parsed = try parse("bold-questions-unmarked.md")
        #expect(
            parsed.entries.map(\.title) == [
                "一个账号可以创建多少个空间？", "怎么通过日志区分动态请求和静态请求", "上传的新文件总是访问到旧版本，如何解决这个问题", "如何刷新缓存？",
            ])
        #expect(parsed.entries[1].answer.contains("日志保留 30 天"))
        #expect(parsed.entries[0].answer == "默认最多 10 个，需要更多请联系客服。")
    }

    /// Pairs marked by a component that draws a label (`<Badge text="Q" />：…` over
    /// `<Badge text="A" />：…`, as VuePress FAQs write them): each pair is an entry. The whole
    /// page was read as the answer of its introduction, which then answered everything.
    /// MkDocs `!!! question "…"` admonitions under topic headings: each is a question whatever
    /// its title's wording (`提示 timeout`), the topics group them, the code in an answer loses the
    /// admonition's indentation, and a nested admonition with no text is its title in bold, not
    /// markup. They were bold lines inside one entry per topic.
    @Test func mkdocsQuestionAdmonitions() throws {
        let parsed = try parse("mkdocs-question-admonitions.md")
        #expect(parsed.entries.map(\.title) == ["提示 timeout", "忘记密码, 密码过期", "启动报 403", "接入单点登录后无法登录"])
        #expect(parsed.entries.map(\.category) == ["启动异常", "启动异常", "启动异常", "登录失败"])
        // A tip nested in an answer stays in it, its text and code too.
        #expect(parsed.entries[2].answer == "先查看配置里的令牌：\n\n**正常部署的组件**\n\n删除旧的注册后重启：\n```sh\n./koko\n```")
        #expect(parsed.entries[0].answer.hasSuffix("```sh\n./ctl.sh restart\n```"))
        #expect(parsed.entries[1].answer == "在命令行执行重置密码的命令即可。\n\n**admin 为要修改的账户名称**")
        #expect(!parsed.entries.contains { $0.answer.contains("!!!") })
    }

    /// Sphinx FAQs underline their question headings with `"""` or `^^^` below `===` and `---`:
    /// those are headings too in a `.rst` file (the sections swallowed their questions, and the
    /// underlines were answer text).
    @Test func restructuredTextDeeperHeadings() throws {
        let parsed = try parse("sphinx-sections.rst")
        #expect(parsed.entries.map(\.title) == ["支持哪些操作系统？", "如何从源码编译？", "加密和解密的接口在哪里？", "能否提供一个运算的例子？"])
        #expect(parsed.entries.map(\.category) == ["安装部署", "安装部署", "接口使用", "接口使用"])
        // Its inline markup reads as markdown: roles, links, literals and auto-numbered items.
        #expect(parsed.entries[3].answer == "1. 先阅读 安装文档 完成安装。\n1. 调用 `encrypt` 和 `decrypt`，详见 [接口文档](https://example.com/api) 。")
        #expect(!parsed.entries.contains { $0.answer.contains("\"\"\"") || $0.answer.contains("^^^") })
    }

    /// A picture between a question and its `A：` line (the error the question shows) leaves the
    /// marker to that line, which loses it (it stayed, `A ： 修改…`, as the answer's first words).
    @Test func answerMarkerAfterAPicture() throws {
        let parsed = try parse("answer-after-picture.md")
        #expect(parsed.entries.map(\.title) == ["Master 报如下告警", "工作组页面没有按钮"])
        #expect(parsed.entries[0].answer == "修改 conf 下的配置为更小的值。")
        #expect(parsed.entries[1].answer == "![截图](https://example.com/b.png)\n\n新版本中按钮移到了设置页。")
    }

    @Test func struckThroughHeadingLosesItsMarks() {
        let parsed = CorpusParser().parse(documents: [.init(text: "# 常见问题\n\n## ~~为什么没有桌面歌词？~~\n\n新版已经有了。\n", name: "faq.md")])
        #expect(parsed.entries.map(\.title) == ["为什么没有桌面歌词？"])
    }

    @Test func pairsMarkedByBadges() throws {
        let parsed = try parse("badge-qa.md")
        #expect(parsed.entries.map(\.title) == ["这个是什么？", "登录时提示 Token is expired", "上传大文件报 413 Request Entity Too Large"])
        #expect(parsed.entries[1].answer == "登录有效期到了，默认是 `48` 小时，重新登录即可。")
        #expect(parsed.entries[0].answer == "这里收集了常见的报错和处理方法。")
    }

    /// A docs page as a crawler saves it: the site's menu before the content, permalink anchors
    /// in every heading, and after the last answer the pagination links, the page's table of
    /// contents, footer columns and the copyright line.
    @Test func crawledDocsSiteChrome() throws {
        let parsed = try parse("crawled-docs-page.md")
        #expect(parsed.entries.map(\.title) == ["账号无法登录", "邮箱无法注册", "如何充值？", "如何申请发票？"])
        #expect(parsed.pages.map(\.title) == ["常见问题"])
        #expect(parsed.entries.last?.answer == "请在账单页点击发票管理申请发票，开票周期约 7 个工作日。")
        #expect(parsed.entries[0].answer.contains("[问卷](https://forms.example.com/x)"))
    }

    /// A docs page saved through Pandoc (HTML to Markdown): each heading ends in its permalink
    /// with the link's attribute list and its own (`[​](#充值 "直接链接"){.hash-link …} {#充值 .anchor
    /// .sticky}`); the question is the text before them.
    @Test func pandocSavedDocsPageHeadings() throws {
        let parsed = try parse("pandoc-docs-page.md")
        #expect(parsed.entries.map(\.title) == ["账号无法登录", "邮箱无法注册", "如何充值？", "如何申请发票？"])
        #expect(Set(parsed.entries.map(\.category)) == ["账号问题", "财务问题"])
        // Links keep their text and target, without Pandoc's attribute lists (wrapped or not);
        // its fenced divs (`::: {.col .col--12}`) are no answer text.
        #expect(parsed.entries[0].answer == "您的账号可能触发了风控策略。如需申诉，请填写[问卷](https://forms.example.com/x)，我们会尽快处理。")
        #expect(parsed.entries[2].answer.contains("[「充值」](https://platform.example.com/top_up)页面使用支付宝或微信。"))
        #expect(!parsed.entries.contains { $0.answer.contains("{") || $0.answer.contains(":::") })
        // After the last answer: the pagination (an empty link over 上一页 over its label), the
        // contents list whose items wrap, and the footer columns, one of them a wrapped image.
        #expect(parsed.entries.last?.answer == "请在账单页点击发票管理申请发票，开票周期约 7 个工作日。")
    }

    @Test func pandocAttributeListsAfterLinksAndSpans() {
        let wrapped = "见[文档](https://e.example/a){target=\"_blank\"\nrel=\"noopener noreferrer\"}。"
        #expect(PandocMarkup.strippingInlineAttributes(wrapped) == "见[文档](https://e.example/a)。")
        #expect(PandocMarkup.strippingInlineAttributes("-   [常见问题]{.breadcrumbs__link itemprop=\"name\"}") == "-   常见问题")
        #expect(PandocMarkup.strippingInlineAttributes("![图](a.png){width=\"160px\"}") == "![图](a.png)")
        // Braces that are no attribute list, and code, stay.
        #expect(PandocMarkup.strippingInlineAttributes("调用 f(x){return 1} 即可") == "调用 f(x){return 1} 即可")
        #expect(PandocMarkup.strippingInlineAttributes("```\n[a](b){.c}\n```") == "```\n[a](b){.c}\n```")
    }

    @Test func siteChromeKeepsWhatAnswersCite() {
        #expect(SiteChrome.strippingPermalinks("如何充值？[](https://e.example/faq#x \"直接链接\")") == "如何充值？")
        #expect(SiteChrome.strippingPermalinks("限速 [#](#limits)") == "限速")
        #expect(SiteChrome.strippingPermalinks("限速[\u{200B}](#limits \"直接链接\"){.hash-link aria-label=\"限速的直接链接\"}") == "限速")
        #expect(SiteChrome.strippingPermalinks("见 [限速](https://e.example/limits)") == "见 [限速](https://e.example/limits)")
        #expect(SiteChrome.isPagination("[上一页 限速](/a)[下一页 更新日志](/b)") && SiteChrome.isPagination("[« Previous](/a)"))
        #expect(!SiteChrome.isPagination("[下载 SDK](/sdk)"))
        func trimmed(_ text: String) -> String {
            var blocks = [MarkdownBlock(lines: text.components(separatedBy: "\n"), line: 1)]
            SiteChrome.trimTrailingChrome(&blocks)
            return blocks.map(\.text).joined(separator: "\n\n")
        }
        // A cited link and a list of references stay; a page's own contents list and a footer column go.
        let cited = "详见工具调用指南：\n[工具调用](https://e.example/tools)"
        #expect(trimmed(cited) == cited)
        let references = "参考文档：\n- [限速](https://e.example/limits)\n- [错误码](https://e.example/errors)\n- [计费](https://e.example/billing)"
        #expect(trimmed(references) == references)
        let contents = "答案。\n- [一](https://e.example/faq#a)\n- [二](https://e.example/faq#b)\n- [三](https://e.example/faq#c)"
        #expect(trimmed(contents) == "答案。")
        #expect(trimmed("答案。\n社区\n- [Discord](https://discord.example)\n\n更多\n- [GitHub](https://github.example)\nCopyright © 2026 Example") == "答案。")
        // One label over links may end an answer.
        #expect(trimmed("答案。\n相关文档\n- [限速](https://e.example/limits)") == "答案。\n相关文档\n- [限速](https://e.example/limits)")
    }

    /// Yuque exports an empty `<a name>` anchor before every heading; it is no part of the answer
    /// before it.
    @Test func editorAnchorsBeforeHeadings() throws {
        let parsed = try parse("yuque.md")
        #expect(parsed.entries.map(\.title) == ["如何注册账号？", "忘记密码怎么办？"])
        #expect(parsed.entries[0].answer == "打开首页，点击注册。")
        #expect(!parsed.entries.contains { $0.answer.contains("<a name") })
        #expect(OutlineReader.isEmptyAnchor(#"<a name="x1"></a><span id="y"></span>"#) && !OutlineReader.isEmptyAnchor(#"<a href="/x">文档</a>"#))
    }

    /// Notion exports a toggle list as items asking the question, each answered by a paragraph
    /// indented under it after a blank line.
    @Test func toggleListQuestions() throws {
        let parsed = try parse("notion-toggles.md")
        #expect(parsed.entries.map(\.title) == ["如何注册账号？", "忘记密码怎么办？"])
        #expect(parsed.entries[1].answer == "点击忘记密码，按提示重置。\n\n- 验证码五分钟有效\n- 每天最多三次")
        // A plain item is a question only with a paragraph of its own under it.
        #expect(OutlineReader.listItemQuestion("- 如何注册？", next: "  - 打开首页", blankAfter: true) == nil)
        #expect(OutlineReader.listItemQuestion("- 如何注册？", next: "  打开首页", blankAfter: false) == nil)
        #expect(OutlineReader.listItemQuestion("- 如何注册？", next: "    打开首页", blankAfter: true) == "如何注册？")
    }

    /// Hand-written FAQs separate their sections with `---` and title each with a bold line, a
    /// question or not: a bold line right after a break starts an entry; one inside an answer
    /// (`**注意**`) stays part of it, and text before the first break introduces the page.
    @Test func boldTitlesAfterThematicBreaks() throws {
        let parsed = try parse("bold-sections.md")
        #expect(parsed.entries.map(\.title) == ["打印服务故障排查", "如何取消订单？", "退款说明"])
        #expect(parsed.entries[0].answer.hasSuffix("**注意**\n\n仍不能打印请联系我们。"))
        // Docsify's `!>` warning mark is markup; its text is the answer's.
        #expect(parsed.entries[1].answer == "在订单页点击取消。\n\n已发货的订单不能取消。")
        #expect(OutlineReader.boldTitleLine("**注意：**") == nil && OutlineReader.boldTitleLine("**退款说明**") == "退款说明")
    }

    /// A bold question with its answer on the same line, in a paragraph or a marked list item;
    /// a `<br>` closing a question line is not part of its title. A bold question in an answer's
    /// list, without a marker, stays in that answer.
    @Test func questionsAnsweredOnTheirOwnLine() throws {
        let parsed = try parse("inline-qa.md")
        #expect(parsed.entries.map(\.title) == ["如何绑定手机？", "忘记密码怎么办？", "怎么联系客服？", "支持哪些支付方式？", "能开专票吗？"])
        #expect(parsed.entries.map(\.answer).prefix(4) == ["在账号设置里填写手机号并验证。", "点击忘记密码，按提示重置。", "发邮件给我们。", "支付宝和银行卡。"])
        #expect(parsed.entries[4].answer.hasSuffix("- **抬头怎么填？** 填公司全称。"))
    }

    /// A marked question and answer on one line, and a heading after a question line's answer
    /// (its sibling, not part of it); a numbered bold line that asks is a question without a
    /// question mark.
    /// A page of numbered bold titles and no headings: each titles an entry, question or not. On a
    /// page whose title asks, or under a heading, numbered bold lines are steps of one answer.
    @Test func numberedBoldTitlesOnAPageWithoutHeadings() throws {
        let parsed = try parse("numbered-bold-titles.md")
        #expect(parsed.entries.map(\.title) == ["押金规则", "如何续租？", "超速罚单", "如何取车？", "事故怎么处理？", "保险种类"])
        #expect(parsed.entries[0].answer == "押金在还车后三天内退回原卡。")
        #expect(parsed.entries[2].answer == "罚单由租车人承担，我们会代为转交。")
        #expect(parsed.entries[3].answer.contains("带上身份证和驾照") && parsed.entries[3].answer.contains("验车签字"))
        #expect(parsed.entries[4].answer.contains("通知门店") && parsed.entries[5].answer.contains("全险"))
        #expect(!parsed.entries.contains { $0.answer.contains("开车前请读完") }, "the page's introduction is no entry's")
    }

    /// Question and answer pairs each set in a blockquote are entries; a quoted `Q: … A: …`
    /// inside another answer is an example of that answer, and a page's `> description` no entry.
    /// A `> [!TIP]` alert keeps its text without the mark.
    @Test func questionsInBlockquotes() throws {
        let parsed = try parse("blockquote-qa.md")
        #expect(parsed.entries.map(\.title) == ["会员可以退吗？", "会员能几个人用？", "会员到期会自动续费吗？", "如何让回答更短？"])
        #expect(parsed.entries[0].answer == "开通七天内未使用可以全额退。")
        #expect(parsed.entries[1].answer == "一个会员只限本人使用。\n多设备登录会被提醒。")
        #expect(parsed.entries[2].answer == "只有开启了自动续费才会。")
        #expect(parsed.entries[3].answer.contains("> Q: 北京是哪个国家的首都？") && parsed.entries[3].answer.contains("助手会照着回答。"))
        #expect(!parsed.entries.contains { $0.answer.contains("会员相关的常见问题") })
        // GitHub's alert mark is markup; its quoted text stays.
        #expect(parsed.entries[3].answer.hasSuffix("助手会照着回答。\n\n> 示例越短，回答越短。"))
    }

    /// A disclosure's summary in bold tags is its question without them; text indented under an
    /// `<Accordion>` tag (as MDX allows) is read without that indentation, keeping its own nesting.
    @Test func disclosureMarkupAndIndentation() throws {
        let parsed = try parse("disclosures-indented.md")
        #expect(parsed.entries.map(\.title) == ["如何退款？", "可以开发票吗？", "支持哪些付款方式？"])
        #expect(parsed.entries.map(\.id) == ["帮助/如何退款", "帮助/可以开发票吗", "帮助/支持哪些付款方式"])
        #expect(parsed.entries[2].answer == "银行卡和余额：\n\n- 银行卡\n  - 借记卡\n- 余额")
    }

    /// A Sphinx FAQ in reStructuredText: underlined headings are questions, `.. note::` and
    /// `.. warning:: 标题` keep their text without the directive (a title that says more than the
    /// kind stays, in bold); other directives stay as written.
    @Test func restructuredTextAdmonitions() throws {
        let parsed = try parse("sphinx.rst")
        #expect(parsed.entries.map(\.title) == ["如何安装？", "如何升级？"])
        #expect(parsed.entries[0].answer.contains(".. code-block:: bash") && parsed.entries[0].answer.hasSuffix("需要 Python 3.9 以上。"))
        #expect(!parsed.entries[0].answer.contains(".. note::"))
        #expect(parsed.entries[1].answer == "**升级前请备份**\n\n旧配置不会自动迁移。\n\n重新运行安装命令即可。")
        #expect(OutlineReader.isCalloutLabel("注意：") && OutlineReader.isCalloutLabel("Warning") && !OutlineReader.isCalloutLabel("升级前请备份"))
    }

    /// Troubleshooting tables (`| 问题现象 | 原因 | 解决方法 |`, `| Problem | Solution |`): each row a
    /// question answered by its solution, other columns after it; a table of error codes inside an
    /// answer stays part of it.
    @Test func troubleshootingTables() throws {
        let parsed = try parse("troubleshooting-table.md")
        #expect(parsed.entries.map(\.title) == ["页面一直转圈", "视频没有声音", "返回错误码怎么办？", "The app crashes on start"])
        #expect(parsed.entries[0].answer == "刷新页面或更换网络。\n原因：网络不稳定")
        #expect(parsed.entries[1].answer == "检查是否开启了静音。")
        #expect(parsed.entries[2].answer.contains("| 401 | 未登录 | 重新登录 |"))
        #expect(parsed.entries[3].answer == "Reinstall the latest version.")
    }

    /// A section listing the page's own sections by anchor is no entry; a list of links to other
    /// pages still answers its heading.
    @Test func contentsListsAreNoEntries() throws {
        let parsed = try parse("contents-list.md")
        #expect(parsed.entries.map(\.title) == ["如何修改昵称？", "支持哪些付款方式？", "退款"])
        #expect(parsed.entries[2].answer.contains("[退款规则](https://help.example.com/refund)"))
    }

    @Test func oneLineQuestionsAndNumberedBoldLines() throws {
        let parsed = try parse("one-line-qa.md")
        #expect(parsed.entries.map(\.title) == ["如何注册？", "如何注销？", "专票多久寄到？", "电子发票去哪里下载", "能退款吗？"])
        #expect(parsed.entries.map(\.answer) == ["打开首页注册。", "联系客服注销。", "五个工作日内寄出。", "在费用中心下载。", "七天内可以。"])
        #expect(parsed.entries[4].category != parsed.entries[1].category)
    }

    /// Question and answer markers as FAQs write them: numbered (`Q1:` / `A1:`), as words
    /// (`问题：` / `回答：`, `解答：`) and in brackets (`【问】` / `【答】`); the markers leave the text.
    @Test func markedQuestionsAndAnswers() throws {
        let parsed = try parse("marked-qa.md")
        #expect(parsed.entries.map(\.title) == ["如何注册账号", "忘记密码怎么办", "可以开发票吗", "余额会过期吗", "怎么联系客服"])
        #expect(parsed.entries.map(\.answer) == ["打开首页，点击注册。", "点击忘记密码。", "可以，在费用中心申请。", "不会过期。", "发邮件给我们。"])
        // A number that is the answer's own text is not a marker's.
        #expect(QuestionText.removingAnswerMarker("A100 显卡支持吗") == nil)
        // In bold with or without its separator.
        for marked in ["**A**: 检查凭证。", "**A：** 检查凭证。", "**答**：检查凭证。", "A1：检查凭证。"] {
            #expect(QuestionText.removingAnswerMarker(marked) == "检查凭证。", "\(marked)")
        }
        #expect(QuestionText.removingAnswerMarker("**Answer** 不是标记") == nil)
        // English markers: `Question:` / `Answer:`, and `Q. ` / `A. `.
        #expect(QuestionText.splitQuestionMarker("Question: Do you ship abroad?") == (true, "Do you ship abroad?"))
        #expect(QuestionText.splitQuestionMarker("Questions about billing").marked == false)
        #expect(QuestionText.removingAnswerMarker("Answer: Within 30 days.") == "Within 30 days.")
        #expect(QuestionText.removingAnswerMarker("A. Use the link.") == "Use the link.")
        #expect(QuestionText.removingAnswerMarker("A.I. features are free.") == nil)
        #expect(QuestionText.splitQuestionMarker("[Q](https://e.example/q) 的说明").marked == false)
    }

    @Test func htmlTokensAndWhitespace() {
        // `<` that opens no tag is text; `>` inside a quoted attribute does not end the tag.
        #expect(HTMLText.markdown("<p>a < b and 3<4</p>") == "a < b and 3<4")
        #expect(HTMLText.markdown(#"<a title="x > y" href="https://e.example/">link</a> end"#) == "[link](https://e.example/) end")
        // Source line breaks: a space between words, nothing between Chinese characters.
        #expect(HTMLText.markdown("<p>one\n   two</p><p>中文\n  换行</p>") == "one two\n\n中文换行")
        #expect(HTMLText.markdown("<script>if (a<b) x = '<p>'</script><p>ok</p><!-- <h2>no</h2> -->") == "ok")
        // An element inside one whose text is written apart is part of that text: a heading in a
        // summary, a table in a term.
        #expect(
            HTMLText.markdown("<details><summary><h3>可以退款吗？</h3></summary><p>可以。</p></details>")
                == "<details>\n\n<summary>可以退款吗？</summary>\n\n可以。\n\n</details>")
        #expect(HTMLText.markdown("<dl><dt>A<table><tr><td>x</td></tr></table>B</dt><dd>y</dd></dl>") == "**A x B**\n\ny")
        #expect(HTMLText.isDocument("\u{FEFF}<!-- saved --> <!DOCTYPE html><html>") && HTMLText.isDocument("<HTML lang=en>"))
        #expect(!HTMLText.isDocument("<p>fragment</p>") && !HTMLText.isDocument("# 标题"))
    }

    @Test func inputsWithoutEntriesSayWhatIsRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.md")
        try "# Nothing here\n".write(to: empty, atomically: true, encoding: .utf8)
        #expect {
            try CorpusSource(url: empty).snapshot().parse()
        } throws: { error in
            (error as? FAQKitError)?.message.contains("CSV or TSV file with a header row") == true
        }
        let csv = dir.appendingPathComponent("bad.csv")
        try "foo,bar\n1,2\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect {
            try CorpusSource(url: csv).snapshot().parse()
        } throws: { error in
            (error as? FAQKitError)?.message.contains("header row naming a question and an answer") == true
        }
        // A JSON document the reader refuses says why (not "line 1 is not JSON"); in JSON Lines,
        // the line that is not JSON is named.
        for (name, text, expected) in [
            ("deep.json", String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), "deep.json is not valid JSON: "),
            ("lines.json", "{\"question\": \"a?\", \"answer\": \"b\"}\n{oops}\n", "lines.json line 2 is not JSON"),
        ] {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            #expect {
                try CorpusSource(url: url).snapshot().parse()
            } throws: { error in
                (error as? FAQKitError)?.message.hasPrefix(expected) == true && (error as? FAQKitError)?.message.contains("\n") == false
            }
        }
    }
}
