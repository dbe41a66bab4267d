import Foundation
import GRDB
import Testing

@testable import FAQKit

struct KnowledgeBaseTests {
    var kb: KnowledgeBase { SharedKnowledgeBase.kb }

    @Test(arguments: [
        ("开票以后多少天能拿到发票", "invoices/2"),
        ("注销账号怎么操作", "usage/1"),
        ("max_tokens 设置多少合适", "models/2"),
        ("返回429错误怎么排查", "models/7"),
        ("企业对公打款认证", "verification/5"),
        ("發票類型有哪些", "invoices/4"),
    ])
    func answersWithTheRightEntry(question: String, id: String) throws {
        let answer = try kb.ask(question)
        #expect(answer.hit?.entry.id == id)
        #expect(answer.hit?.entry.url.hasPrefix("https://docs.siliconflow.cn/") == true)
    }

    @Test(arguments: ["今天北京天气怎么样", "What is the capital of France", "推荐一部好看的电影", "asdfgh qwerty"])
    func abstainsOutOfScope(question: String) throws {
        let answer = try kb.ask(question)
        #expect(answer.hit == nil)
        #expect(answer.fallback?.url?.hasPrefix("https://") == true)
    }

    @Test(arguments: ["\"", "*", "NEAR(", "a OR", "title:x", "'; DROP TABLE entries; --", "发票 AND", "(((", "^开票", "\u{0}"])
    func searchesQuerySyntaxAsText(query: String) throws {
        let response = try kb.search(query)
        #expect(response.hits.count <= 10)
        #expect(try kb.entries().count == 33, "nothing was dropped")
    }

    @Test func rejectsEmptyAndOversizedQueries() {
        #expect(throws: FAQKitError.self) { try kb.search("   ") }
        #expect(throws: FAQKitError.self) { try kb.search(String(repeating: "发", count: 513)) }
        #expect(throws: FAQKitError.self) { try kb.search("发票", limit: 0) }
    }

    @Test func highlightsTheMatchedCharacters() throws {
        let hit = try #require(try kb.search("开票主体").hits.first)
        #expect(hit.entry.id == "invoices/1")
        #expect(hit.highlightedTitle.rendered(pre: "[", post: "]").contains("[开票主体]"))
        #expect(hit.snippet.plain.contains("北京硅基流动科技有限公司"))
    }

    @Test func filtersByCategoryAndPages() throws {
        let all = try kb.search("认证", limit: 3)
        let filtered = try kb.search("认证", limit: 3, category: "invoices")
        #expect(filtered.hits.allSatisfy { $0.entry.category == "invoices" })
        let second = try kb.search("认证", limit: 2, offset: 1)
        #expect(second.hits.first?.entry.id == all.hits.dropFirst().first?.entry.id)
        // A category the index does not have is the caller's mistake, named with the real ones.
        #expect {
            try kb.search("认证", category: "invoice")
        } throws: { error in
            let error = error as? FAQKitError
            return error?.code == .invalidInput && error?.message.contains("unknown category \"invoice\"") == true
                && error?.message.contains("invoices") == true
        }
    }

    @Test func looksUpEntriesAndCategories() throws {
        #expect(try kb.entry(id: "verification/4.1")?.title == "个人认证支持证件类型")
        #expect(try kb.entry(id: "nope/1") == nil)
        let categories = try kb.categories()
        #expect(categories.first { $0.category.slug == "models" }?.count == 10)
        #expect(categories.first { $0.category.slug == "invoices" }?.category.name == "开具发票")
        // The display-name lookup agrees with categories(); an unknown slug names itself.
        for (category, _) in categories { #expect(kb.categoryName(for: category.slug) == category.name) }
        #expect(kb.categoryName(for: "no-such-category") == "no-such-category")
    }

    @Test func rebuildsWhenTheCorpusChangesAndKeepsTheOldIndexWhenABuildFails() throws {
        let dir = try Fixtures.temporaryDirectory()
        let corpus = dir.appendingPathComponent("faq.md")
        let index = dir.appendingPathComponent("index.sqlite")
        try Fixtures.text("english.md").write(to: corpus, atomically: true, encoding: .utf8)
        let first = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index))
        #expect(first.info.rebuilt && first.info.entryCount == 5)
        #expect(try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index)).info.rebuilt == false)

        try (Fixtures.text("english.md") + "\n---\n\n## Extra\n\nSource: https://x.example/extra\n\n## One more\n\nText.\n")
            .write(to: corpus, atomically: true, encoding: .utf8)
        let second = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index))
        #expect(second.info.rebuilt && second.info.entryCount == 6)

        try "no questions here".write(to: corpus, atomically: true, encoding: .utf8)
        #expect(throws: FAQKitError.self) { try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index)) }
        let kept = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index, rebuild: .never))
        #expect(kept.info.entryCount == 6, "the failed build left the previous index serving")
    }

    /// A support desk answers in the language of its help pages: an English FAQ hands off in
    /// English, a Chinese one in Chinese, whatever the question's language.
    @Test func theFallbackSpeaksTheFAQsLanguage() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let english = try KnowledgeBase.open(.init(corpusURL: Fixtures.url("english.md"), indexURL: dir.appendingPathComponent("en.sqlite")))
        for question in ["how do I bake bread", "红烧肉怎么做"] {
            let message = try #require(try english.ask(question).fallback?.message)
            #expect(message.hasPrefix("No confident answer"), "\(question): \(message)")
        }
        let chinese = try #require(try SharedKnowledgeBase.kb.ask("how do I bake bread").fallback?.message)
        #expect(chinese.hasPrefix("没有找到足够确定的答案"))
        #expect(Fallback.Language.of(["Billing", "Getting started", "发票"]) == .english)
        #expect(Fallback.Language.of(["实名认证", "Rate Limits", "API 错误码"]) == .chinese)
        #expect(Fallback.Language.of([]) == .chinese)
    }

    /// A contact link ends up in `href`s and terminals: only links a reader can follow for help
    /// are accepted, and a configured one that is not is the caller's mistake.
    @Test(arguments: [
        ("https://example.com/support", true), ("http://help.example.com", true), ("mailto:help@example.com", true),
        ("tel:+86-10-1234-5678", true), ("javascript:alert(1)", false), ("data:text/html,hi", false), ("support", false),
        ("https://", false), ("mailto:", false), ("/contact", false),
    ])
    func contactLinksAreLinksToFollow(link: String, accepted: Bool) throws {
        #expect(Fallback.isContactLink(link) == accepted)
        guard !accepted else { return }
        #expect {
            try KnowledgeBase.open(.init(indexURL: SharedKnowledgeBase.indexURL, rebuild: .never, contactURL: link))
        } throws: { error in
            (error as? FAQKitError)?.code == .invalidInput && (error as? FAQKitError)?.message.contains(link.debugDescription) == true
        }
    }

    /// A saved HTML page is a corpus like any other: indexed on first use and answered from.
    @Test func answersFromAnHTMLPage() throws {
        let dir = try Fixtures.temporaryDirectory()
        let corpus = dir.appendingPathComponent("help.html")
        try Fixtures.text("shapes/help-center.html").write(to: corpus, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("index.sqlite")))
        #expect(kb.info.entryCount == 6)
        let answer = try kb.ask("座位价格是多少？")
        #expect(answer.outcome == .answer && answer.hit?.entry.id == "预约/座位价格是多少")
        #expect(answer.hit?.entry.answer.contains("| 白天 | 每小时 8 元 |") == true)
    }

    @Test func rebuildsAnUnusableIndexFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        let index = dir.appendingPathComponent("index.sqlite")
        // What is left of an index whose pages after the header were lost.
        try (Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0xA5, count: 3000)).write(to: index)
        let kb = try KnowledgeBase.open(.init(indexURL: index))
        #expect(kb.info.rebuilt && kb.info.entryCount == 33)
    }

    /// A document or another program's database given as the index path is refused, not
    /// overwritten, by a build as much as by an open.
    @Test(arguments: ["notes", "sqlite", "directory"])
    func neverOverwritesAFileItDidNotWrite(kind: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let index = dir.appendingPathComponent("index.sqlite")
        if kind == "directory" {
            try FileManager.default.createDirectory(at: index.appendingPathComponent("kept"), withIntermediateDirectories: true)
            #expect {
                try KnowledgeBase.open(.init(indexURL: index, rebuild: .always))
            } throws: { error in
                (error as? FAQKitError)?.message.contains("it is a directory, not an index file; FAQKit replaces only its own") == true
            }
            #expect(FileManager.default.fileExists(atPath: index.appendingPathComponent("kept").path))
            return
        }
        if kind == "notes" {
            try Data("# My notes\n\nNothing to do with FAQKit.\n".utf8).write(to: index)
        } else {
            let queue = try DatabaseQueue(path: index.path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users(name) VALUES ('alice')")
            }
            try queue.close()
        }
        let before = try Data(contentsOf: index)
        for policy in [KnowledgeBase.Configuration.RebuildPolicy.ifNeeded, .always] {
            #expect {
                try KnowledgeBase.open(.init(indexURL: index, rebuild: policy))
            } throws: { error in
                let error = error as? FAQKitError
                return error?.code == .indexUnreadable && error?.message.contains("move it away or choose another index path") == true
                    && error?.message.contains(kind == "notes" ? "not an SQLite database" : "tables: users") == true
            }
        }
        #expect(try Data(contentsOf: index) == before)
        // What SwiftUI alerts and loggers show is the message itself.
        #expect {
            try KnowledgeBase.open(.init(indexURL: index))
        } throws: { error in
            error.localizedDescription == (error as? FAQKitError)?.message
        }
    }

    /// An index folder that cannot be made (here under a file) is an `indexWrite` error naming
    /// the folder and how to choose another path, not a Foundation error dump.
    @Test func anIndexFolderThatCannotBeMadeIsExplained() throws {
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        #expect {
            try KnowledgeBase.open(.init(indexURL: file.appendingPathComponent("cache/index.sqlite")))
        } throws: { error in
            let error = error as? FAQKitError
            return error?.code == .indexWrite && error?.message.hasPrefix("cannot create the index's folder \(file.path)/cache") == true
                && error?.message.contains("--db or FAQ_DB") == true
        }
    }

    /// Default paths follow `$HOME` (as `~` does in a shell), not the user database, which names a
    /// folder that may not exist (`nobody`, containers run with `--user`); an XDG variable counts
    /// only when absolute, as the XDG specification says.
    @Test func defaultPathsFollowTheEnvironment() {
        #expect(UserDirectories.cache(environment: ["HOME": "/srv/faq"]).path == "/srv/faq/.cache")
        #expect(UserDirectories.cache(environment: ["HOME": "/srv/faq", "XDG_CACHE_HOME": "/var/cache/faq"]).path == "/var/cache/faq")
        #expect(UserDirectories.cache(environment: ["HOME": "/srv/faq", "XDG_CACHE_HOME": "cache"]).path == "/srv/faq/.cache")
        #expect(UserDirectories.data(environment: ["HOME": "/srv/faq"]).path == "/srv/faq/.local/share")
        #expect(UserDirectories.home(environment: [:]) == FileManager.default.homeDirectoryForCurrentUser)
    }

    /// A corpus that yields no entry says what the parser skipped, with its line.
    @Test func anEmptyCorpusSaysWhatWasSkipped() throws {
        let dir = try Fixtures.temporaryDirectory()
        let corpus = dir.appendingPathComponent("faq.csv")
        try Data("question,answer\n怎么注册？,\n".utf8).write(to: corpus)
        #expect {
            try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("i.sqlite")))
        } throws: { error in
            let message = (error as? FAQKitError)?.message ?? ""
            return message.contains("has no FAQ entries (line 2: row without a question or an answer; skipped; 1 warning in all)")
        }
    }

    /// A PDF or a Word file given as the corpus is named for what it is.
    @Test(arguments: [
        ("faq.pdf", "%PDF-1.7\n%\u{E2}\u{E3}\n", "is a PDF document, not text"), ("faq.docx", "PK\u{3}\u{4}\u{14}\u{0}", "is a ZIP archive"),
    ])
    func aBinaryCorpusIsNamed(file: String, bytes: String, says: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        let corpus = dir.appendingPathComponent(file)
        try Data(bytes.utf8).write(to: corpus)
        #expect {
            try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: dir.appendingPathComponent("i.sqlite")))
        } throws: { error in
            (error as? FAQKitError)?.code == .corpusInvalid && (error as? FAQKitError)?.message.contains("\(file) \(says)") == true
        }
    }

    @Test func reportsAMissingCorpusClearly() {
        #expect {
            try KnowledgeBase.open(
                .init(corpusURL: URL(fileURLWithPath: "/nonexistent/faq.md"), indexURL: URL(fileURLWithPath: "/tmp/faqkit-none.sqlite")))
        } throws: { error in
            (error as? FAQKitError)?.code == .corpusUnreadable && "\(error)".contains("/nonexistent/faq.md")
        }
    }

    @Test func anIndexRemembersItsCorpus() throws {
        let dir = try Fixtures.temporaryDirectory()
        let index = dir.appendingPathComponent("english.sqlite")
        #expect(KnowledgeBase.recordedCorpusURL(ofIndexAt: index) == nil, "no file yet")
        let corpus = Fixtures.url("english.md")
        _ = try KnowledgeBase.open(.init(corpusURL: corpus, indexURL: index))
        #expect(KnowledgeBase.recordedCorpusURL(ofIndexAt: index)?.path == corpus.standardizedFileURL.path)

        let notAnIndex = dir.appendingPathComponent("notes.sqlite")
        try Data("plain text".utf8).write(to: notAnIndex)
        #expect(KnowledgeBase.recordedCorpusURL(ofIndexAt: notAnIndex) == nil)
        #expect(try String(contentsOf: notAnIndex, encoding: .utf8) == "plain text", "looking does not touch the file")
    }
}
