import Foundation
import Testing

@testable import FAQKit

/// Long answers are given as the passage that answers the query (issue 12).
@Suite struct AnswerPassageTests {
    /// A long entry of the kind that buries its answers: an introduction, three sub-sections
    /// (one of them a table), a code block. Every part is over a hundred characters.
    static let longAnswer = """
        这一页汇总了接入平台时最常遇到的几类情况，先说明排查的总体思路：先确认请求本身是否正确，再确认账户状态，最后再看模型本身的限制。下面按现象分开说明，每一节都给出可以直接操作的处理办法，请按照自己遇到的现象对照查看，如果都不符合，请联系我们的技术支持并附上请求编号。

        ### 图片上传失败

        上传图片时如果提示格式不支持，请确认图片是 PNG 或 JPEG 格式，单张不超过十兆字节，分辨率不超过四千像素。压缩过的 WebP 图片需要先转换格式再上传。如果图片来自手机相册，请关闭高效图片格式后重新拍摄，或者在电脑上另存为 JPEG 格式后再上传一次。

        ### 并发数量限制

        | 账户等级 | 最大并发 | 每分钟请求 |
        |---|---|---|
        | 免费 | 三个 | 六十次 |
        | 标准 | 二十个 | 一千次 |
        | 企业 | 二百个 | 一万次 |

        超过最大并发时接口会返回繁忙提示，请在客户端排队重试，不要无限制地并行发送请求，否则账户可能被临时冻结，冻结期间所有请求都会被拒绝。

        ### 流式输出中断

        使用流式输出时，如果连接在生成过程中断开，通常是客户端或中间代理的读取超时太短。请把读取超时设置为至少十分钟，并确认代理服务器没有缓冲流式响应。长时间没有数据时服务端会发送心跳注释行，客户端解析时需要忽略这些注释行，不要把它们当成错误。

        ```python
        client = Client(timeout=600)
        for chunk in client.stream(prompt):
            print(chunk)
        ```
        """

    static func passage(_ query: String, in answer: String = longAnswer) -> AnswerPassage? {
        let analyzer = SharedKnowledgeBase.analyzer
        let analysis = analyzer.analyze(query)
        let tokens = Set(analysis.terms.filter { !$0.isFiller }.flatMap(\.tokens))
        let highlighter = Highlighter(terms: tokens)
        let body = MarkdownText.searchableText(answer)
        return PassageSelector().passage(answer: answer, body: body, ranges: highlighter.ranges(in: body), highlighter: highlighter)
    }

    /// The text an answer is searched and shown by (the CLI prints it) has no fence lines: a
    /// code block's language (`bash`) stood on a line of its own; the lines stay in place.
    @Test func searchableTextDropsFenceLines() {
        let answer = "运行：\n\n```bash\npip install `example`\n```\n\n完成。"
        #expect(MarkdownText.searchableText(answer) == "运行：\n\n\npip install example\n\n\n完成。")
    }

    /// A picture in the text an answer is searched and shown by is its alt text, or nothing:
    /// `![](…)` had left a `!` on a line of its own, or in each cell of a table of screenshots.
    @Test func searchableTextShowsAPictureAsItsAltText() {
        let answer = "![](/imgs/step1.png)\n\n| | |\n| --- | --- |\n| ![](/a.png) | ![第二步](/b.png) |\n\n看图操作。[文档](https://docs.example.com)!"
        #expect(MarkdownText.searchableText(answer) == "\n\n| | |\n| --- | --- |\n|  | 第二步 |\n\n看图操作。文档!")
    }

    @Test func aShortAnswerIsGivenWhole() {
        #expect(Self.passage("图片格式", in: "请上传 PNG 或 JPEG 格式的图片。") == nil)
    }

    @Test func theSubSectionThatAnswersIsChosenUnderItsHeading() throws {
        let passage = try #require(Self.passage("流式输出老是中途断开"))
        #expect(passage.heading == "流式输出中断")
        #expect(passage.text.contains("读取超时设置为至少十分钟"))
        #expect(!passage.text.contains("图片"))
        #expect(PassageSelector.visibleLength(passage.text) <= AnswerPassage.maxLength)
        #expect(passage.highlighted.marked.contains(HighlightedText.open))
    }

    @Test func aTableRowComesWithTheTableHeader() throws {
        let passage = try #require(Self.passage("企业账户最大并发是多少"))
        #expect(passage.heading == "并发数量限制")
        #expect(passage.text.contains("| 账户等级 | 最大并发 | 每分钟请求 |"))
        #expect(passage.text.contains("二百个"))
        #expect(!passage.text.contains("流式"))
    }

    @Test func withoutAnyMatchTheAnswerStartsThePassage() throws {
        let passage = try #require(Self.passage("猫狗宠物"))
        #expect(passage.text.hasPrefix("这一页汇总了"))
        #expect(passage.heading == nil)
        #expect(PassageSelector.visibleLength(passage.text) <= AnswerPassage.maxLength)
    }

    @Test func aParagraphLongerThanTheLimitIsCutAtSentences() throws {
        let sentence = "这是一段很长的说明文字用来测试切分是否正确。"
        let answer = String(repeating: sentence, count: 40) + "只有这一句提到了退款到账需要三个工作日。" + String(repeating: sentence, count: 10)
        let passage = try #require(Self.passage("退款多久到账", in: answer))
        #expect(passage.text.contains("退款到账需要三个工作日"))
        #expect(PassageSelector.visibleLength(passage.text) <= AnswerPassage.maxLength)
    }

    @Test func theShortLeadStaysInFrontOfAPassageFromFurtherDown() throws {
        let lines = (1...60).map { "    step_\($0) = prepare(data_\($0))  # 第\($0)步" }.joined(separator: "\n")
        let answer = """
            模型本身不知道当前时间，需要由调用方在系统提示词里告诉它。

            ```python
            \(lines)
            today = datetime.now()  # 把今天的日期写进系统提示词
            ```
            """
        let passage = try #require(Self.passage("今天的日期它答不上来", in: answer))
        #expect(passage.text.hasPrefix("模型本身不知道当前时间"))
        #expect(passage.text.contains("今天的日期"))
        #expect(passage.text.components(separatedBy: "```").count == 3, "the cut code keeps its fences: \(passage.text)")
        #expect(PassageSelector.visibleLength(passage.text) <= AnswerPassage.maxLength)
    }

    /// An opening paragraph that ends in a colon introduces the block after it (`调用栈类似：`
    /// over the stack trace): it is no lead to keep in front of a passage from further down,
    /// which would show it with nothing after it.
    @Test func anOpeningThatIntroducesWhatFollowsIsNoLead() throws {
        let steps = (1...12).map { "第\($0)步，检查配置文件里的参数是否正确，然后重启服务并观察日志输出。" }.joined()
        let answer = """
            调用栈类似：

            ```plaintext
            java.sql.SQLException: ERROR (0x231d): can't create connection
                    at com.example.Transport.check(Transport.java:393)
            ```

            网络不通或端口未开放都可能导致连接超时。

            排查网络时，\(steps)
            """
        let passage = try #require(Self.passage("连接超时怎么排查网络", in: answer))
        #expect(!passage.text.hasPrefix("调用栈类似："), "no introduction without what it introduces: \(passage.text)")
        #expect(passage.text.contains("排查网络"))
        // A longer opening that ends in a colon answers, then shows an example: it stays the lead.
        let answering = answer.replacingOccurrences(
            of: "调用栈类似：", with: "连接超时一般是网络不通、端口未开放或者代理配置错误造成的，报错的调用栈类似：")
        #expect(try #require(Self.passage("连接超时怎么排查网络", in: answering)).text.hasPrefix("连接超时一般是网络不通"))
    }

    /// Through the whole engine: search and its machine output give the passage, and say so.
    @Test func searchAnswersALongEntryWithItsPassage() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("faq.md")
        let indented = Self.longAnswer
        try """
        # 接入常见问题

        ## 接口调用出现问题怎么办？

        \(indented)

        ## 如何注册账号？

        打开首页，点击注册，填写手机号并完成短信验证即可。
        """.write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        let hit = try #require(kb.search("流式输出中途断开怎么办", limit: 3, highlight: false).hits.first)
        #expect(hit.entry.title == "接口调用出现问题怎么办？")
        let passage = try #require(hit.passage)
        #expect(passage.text.contains("读取超时"))
        let record = HitRecord(hit)
        #expect(record.partial && record.section == "流式输出中断")
        #expect(record.answer == passage.text)
        let short = try #require(kb.search("怎么注册账号", limit: 1).hits.first)
        #expect(short.passage == nil && !HitRecord(short).partial && HitRecord(short).answer == short.entry.answer)
    }

    /// An answer laid out as a troubleshooting record: the part labelled as the problem's
    /// description restates the question (it holds the most of its words), so the passage is
    /// chosen from the rest, and the fix is shown rather than the symptom.
    @Test func theDescriptionOfTheProblemDoesNotChooseThePassage() throws {
        let answer = """
            问题描述：
            在客户端执行备份命令时，备份任务启动几秒后就退出，命令行提示备份失败。查看备份日志可以看到磁盘空间不足的报错，重新执行备份命令也是同样的结果，换一台客户端机器执行备份命令也一样失败，重启服务端以后再执行备份命令，任务仍然在同一个位置退出，没有生成任何备份文件，目标目录里只留下一个空的文件夹，监控页面上也看不到任何进度。

            问题原因：
            备份程序会先在临时目录里生成完整的快照文件，再把快照压缩后写入目标目录。临时目录默认位于系统盘，系统盘的剩余空间小于数据目录的大小时，快照无法生成，任务就会中途退出。数据越多，需要的临时空间越大，所以往往是数据量增长以后才开始出现这个现象，刚部署的时候一切正常，运行几个月以后才突然出现。磁盘告警阈值设置得较高时也不会提前报警。

            **解决方法**：
            在配置文件里把临时目录改到空间充足的数据盘上，然后重新执行备份命令即可。也可以先清理系统盘上的旧日志和历史快照，腾出至少与数据目录相同大小的空间后再执行备份。修改临时目录后不需要重启服务，下一次执行备份命令时就会生效，已经生成的备份文件也不受影响，可以继续用来恢复数据。
            """
        let passage = try #require(Self.passage("执行备份命令失败怎么办", in: answer))
        #expect(passage.text.contains("把临时目录改到"), "the fix, not the symptom: \(passage.text)")
        #expect(!passage.text.contains("问题描述"))
        // Without the labels, the paragraph holding the most of the query's words is chosen.
        let unlabelled = answer.replacingOccurrences(of: "问题描述：\n", with: "")
        #expect(try #require(Self.passage("执行备份命令失败怎么办", in: unlabelled)).text.hasPrefix("在客户端执行备份命令时"))
    }

    /// A query that asks only the entry's own question gets the answer from its start: the words
    /// its title accounts for do not choose the passage, so a last step that names the failure
    /// again ("if it still fails to connect…") is not taken for the answer.
    @Test func aQueryThatAsksOnlyTheTitleGetsTheAnswerFromItsStart() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("faq.md")
        try """
        # 连接常见问题

        ## 连接数据库失败怎么办？

        请按下面的顺序逐项检查：

        1. 先检查服务器的安全组和防火墙规则，确认对外开放了服务端口。云服务器的安全组规则需要允许客户端所在的网段访问，本地虚拟机需要确认两台机器之间的网络能够互相访问，公司内网还要确认路由器没有拦截返回的报文。
        2. 确认客户端和服务端的版本号完全一致，社区版和企业版的客户端也不能混用。升级服务端之后请同时升级所有机器上的客户端，否则握手阶段就会被服务端拒绝，日志里会看到版本号不匹配的提示。
        3. 在服务器上查看服务进程的运行状态，如果进程没有运行，先启动服务，再查看启动日志里有没有报错信息。启动失败最常见的原因是数据目录没有写权限，或者端口已经被别的程序占用。
        4. 确认客户端配置的主机名能够被正确解析，可以在客户端机器上直接 ping 这个主机名，检查域名服务器和本机 hosts 文件的设置。集群部署时每一个节点的主机名都需要能够解析。
        5. 检查操作系统的动态库搜索路径，确认驱动文件放在了系统能够找到的目录里。Windows 系统建议把驱动文件放在系统目录下，Linux 系统可以把驱动所在目录加入库搜索路径的环境变量。
        6. 如果做完以上步骤仍然连接数据库失败，请用网络诊断工具分别测试数据库服务端口的连接是否通畅，并把诊断结果和客户端日志一起发给技术支持。

        ## 如何修改密码？

        登录后进入账户设置，点击修改密码，输入旧密码和新密码即可。
        """.write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        let hit = try #require(kb.search("连接数据库失败怎么办", limit: 3).hits.first)
        #expect(hit.entry.title == "连接数据库失败怎么办？")
        let passage = try #require(hit.passage)
        #expect(passage.text.hasPrefix("请按下面的顺序逐项检查"))
        #expect(passage.text.contains("安全组"), "the first step, not the last one that repeats the question: \(passage.text)")
        // A word the title does not hold still chooses where to read.
        let dll = try #require(kb.search("连接数据库失败 驱动文件放在哪个目录", limit: 1).hits.first?.passage)
        #expect(dll.text.contains("动态库搜索路径"))
    }

    /// Counting visible characters can stop past a limit (whether an answer is long needs no
    /// more); below the limit the count is exact either way.
    @Test func visibleLengthStopsPastItsLimit() {
        let text = "发票 开具\n\t可以 🙂"
        #expect(PassageSelector.visibleLength(text) == 7)
        #expect(PassageSelector.visibleLength(text, upTo: 100) == 7)
        #expect(PassageSelector.visibleLength(text, upTo: 2) == 3)
        #expect(PassageSelector.visibleLength(text, upTo: 7) == 7)
    }
}
