import FAQKit
import Foundation
import Testing

extension Reliability {
    /// Property tests: hostile text fed to every parser of outside text (the tokenizer, the corpus
    /// parser, the query path and the error-text parser). The outcome must be a result or a
    /// `FAQKitError` with a clear message: never a crash, a hang, another error type or SQLite's own
    /// error text, and the index must keep every entry.
    ///
    /// Inputs come from a seeded `SplitMix64`, so a failure names its seed and case number and
    /// reproduces exactly. `FAQKIT_RELIABILITY_CASES` (default 25 per input class and property, 275
    /// per property) raises the count for a longer run.
    @Suite struct HostileInputTests {
        static let casesPerClass = ProcessInfo.processInfo.environment["FAQKIT_RELIABILITY_CASES"].flatMap(Int.init) ?? 25

        var kb: KnowledgeBase { BundledIndex.kb }

        /// The seed for one property and input class.
        static func seed(_ property: UInt64, _ kind: HostileInput) -> UInt64 {
            property &* 0x100_0000 &+ UInt64(HostileInput.allCases.firstIndex(of: kind)!)
        }

        /// Runs `body` on `casesPerClass` generated inputs of `kind`, with a description of each for
        /// failure messages.
        static func forEachInput(
            _ kind: HostileInput, property: UInt64,
            _ body: (_ bytes: [UInt8], _ text: String, _ rng: inout SplitMix64, _ context: String) throws -> Void
        ) rethrows {
            let seed = Self.seed(property, kind)
            var rng = SplitMix64(seed: seed)
            for n in 0..<casesPerClass {
                let bytes = kind.bytes(using: &rng)
                let text = String(decoding: bytes, as: UTF8.self)
                try body(bytes, text, &rng, "\(kind) seed \(seed) case \(n): \(HostileInput.describe(text))")
            }
        }

        // MARK: - Tokenizer

        @Test(arguments: HostileInput.allCases)
        func tokensStayInsideTheirInput(kind: HostileInput) {
            Self.forEachInput(kind, property: 0x70C) { bytes, _, _, context in
                Checks.tokenizer(bytes, context)
            }
        }

        /// A token is text: a word capped at 96 bytes is cut at a character boundary, never in the
        /// middle of an accented letter (found by these tests; fixed in bb4f854).
        @Test func longAccentedWordsAreCutAtCharacterBoundaries() {
            for word in ["a" + String(repeating: "é", count: 60), String(repeating: "ж", count: 60), "x" + String(repeating: "ǅ", count: 60)] {
                Checks.tokenizer(Array(word.utf8), HostileInput.describe(word))
            }
        }

        // MARK: - Corpus parser

        @Test(arguments: HostileInput.allCases)
        func corpusParserTurnsHostileTextIntoEntriesOrWarnings(kind: HostileInput) {
            Self.forEachInput(kind, property: 0xC0B) { _, text, rng, context in
                Checks.corpusParser(text, context)
                Checks.corpusParser(Self.page(with: text, using: &rng), "in a page: \(context)")
            }
        }

        /// A page whose Contents list names n questions and heads none makes `RawPage.align`
        /// (heading recovery) split the answer blocks among the titles. It re-summed each block
        /// range for every split point, O(titles × blocks³): with -O, 100 items (10 KB) took 3.1 s
        /// and 400 items (40 KB) 243 s. Prefix sums made it O(titles × blocks²).
        /// `tools/reliability/parser_scaling.sh` measures it through `faq index`.
        @Test func unheadedContentsParseInBoundedTime() {
            let items = 200
            let page = Self.unheadedPage(items: items)
            var parsed: ParsedCorpus?
            let elapsed = ContinuousClock().measure { parsed = CorpusParser().parse(page) }
            let entries = parsed?.entries ?? []
            // A bound that tells "bounded" from the old cubic time (minutes in a debug build), with
            // room for a loaded CI machine: 5 s was once missed by 0.15 s with four builds running.
            #expect(elapsed < .seconds(20), "a page of \(items) unheaded questions took \(elapsed)")
            // Each answer still goes to its own question.
            #expect(entries.count == items)
            for (i, entry) in entries.enumerated() {
                #expect(entry.answer.hasPrefix("回答 \(i + 1) "), "question \(i + 1) got \(entry.answer.prefix(20))")
            }
        }

        /// YAML whose anchors nest nine deep (a "billion laughs": 9^10 values once expanded), as a
        /// YAML corpus and as a markdown page's front matter. Reading the whole document as values
        /// took minutes and gigabytes; only the nodes needed are read now, so both parse at once.
        @Test func yamlAliasesAreNotExpanded() throws {
            var bomb = "a0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
            for depth in 1...9 { bomb += "a\(depth): &a\(depth) [" + Array(repeating: "*a\(depth - 1)", count: 9).joined(separator: ",") + "]\n" }
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let yaml = directory.appendingPathComponent("faq.yml")
            try Data((bomb + "faqs: *a9\n").utf8).write(to: yaml)
            let page = directory.appendingPathComponent("page.md")
            try Data(("---\n" + bomb + "title: *a9\n---\n\n## 如何注册？\n\n打开首页注册。\n").utf8).write(to: page)
            var results: [Result<ParsedCorpus, any Error>] = []
            let elapsed = ContinuousClock().measure {
                results = [yaml, page].map { url in Result { try CorpusSource(url: url).snapshot().parse() } }
            }
            #expect(elapsed < .seconds(20), "took \(elapsed)")
            #expect((try? results[0].get()) == nil, "no Q&A list in the YAML")
            #expect(try results[1].get().entries.map(\.title) == ["如何注册？"])
        }

        /// A small YAML file whose groups all name one list of pairs through an alias: 300 groups
        /// of 300 pairs from 32 KB would index 90,000 entries (about 10 s here), and a few times
        /// that file millions; it is refused with an error that says why, while the same groups
        /// written out are read.
        @Test func yamlGroupsRepeatingOneListAreRefused() throws {
            func list(_ pairs: Int, indent: String) -> String {
                (0..<pairs).map { "\(indent)- question: 问题\($0)是什么？\n\(indent)  answer: 这是第\($0)个回答。\n" }.joined()
            }
            func yaml(groups: Int, pairs: Int, alias: Bool) -> String {
                var text = "shared: &pairs\n" + list(pairs, indent: "  ") + "groups:\n"
                for g in 0..<groups {
                    text += "  - category: 分类\(g)\n    faqs:" + (alias ? " *pairs\n" : "\n" + list(pairs, indent: "      "))
                }
                return text
            }
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("faq.yml")
            try Data(yaml(groups: 300, pairs: 300, alias: true).utf8).write(to: file)
            let result = Result { try CorpusSource(url: file).snapshot().parse() }
            guard case .failure(let error) = result else {
                Issue.record("read \(file.lastPathComponent) as a corpus")
                return
            }
            #expect((error as? FAQKitError)?.code == .corpusInvalid && "\(error)".contains("aliases"), "\(error)")
            // Written out, three groups of the same pairs are a corpus: a group per category.
            try Data(yaml(groups: 3, pairs: 4, alias: false).utf8).write(to: file)
            let parsed = try CorpusSource(url: file).snapshot().parse()
            #expect(parsed.entries.count == 12 && Set(parsed.entries.map(\.category)).count == 3, "\(parsed.entries.map(\.id))")
        }

        /// A page whose Contents list names `items` questions, followed by their answers with no headings.
        static func unheadedPage(items: Int) -> String {
            var text = "## Page\n\n**Contents:**\n"
            for i in 1...items { text += "- \(i). 问题\(i) 发票 充值 认证 \(i * 7)\n" }
            text += "\nSource: https://docs.example.com/faq/page\n\n"
            for i in 1...items { text += "回答 \(i) 发票 充值 认证 关于 \(i * 7) 的内容。\n\n" }
            return text
        }

        /// A corpus page in the export format with hostile text in its title, contents, headings and answers.
        static func page(with hostile: String, using rng: inout SplitMix64) -> String {
            let other = HostileInput.allCases.randomElement(using: &rng)!.string(using: &rng)
            let line = hostile.replacingOccurrences(of: "\n", with: " ")
            return """
                # Hostile - FAQ

                ---

                ## \(line)

                **URL:** llms-txt#\(line)

                **Contents:**
                - 1. \(line)
                - 2. 发票 \(other.replacingOccurrences(of: "\n", with: " "))
                  - 2.1. \(line)

                Source: https://docs.example.com/faq/hostile

                \(hostile)

                ## 2. 发票 \(line)

                \(other)

                **3. \(line)**

                ```
                \(hostile)

                <Note>联系 [我们](https://example.com/\(line))</Note>

                ---

                ## 充值

                Source: https://docs.example.com/faq/topup

                ## 1. \(line)

                \(hostile)
                """
        }

        /// Builds a real index from a hostile corpus: it indexes or fails with a clear error, and
        /// the index holds exactly the parsed entries and answers hostile queries.
        @Test(arguments: HostileInput.allCases)
        func hostileCorporaIndexOrFailClearly(kind: HostileInput) throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let seed = Self.seed(0x1DE, kind)
            var rng = SplitMix64(seed: seed)
            let text = Self.page(with: kind.string(using: &rng), using: &rng)
            let corpusURL = directory.appendingPathComponent("corpus.md")
            try Data(text.utf8).write(to: corpusURL)
            let context = "\(kind) seed \(seed): \(HostileInput.describe(text))"
            do {
                let configuration = KnowledgeBase.Configuration(
                    corpusURL: corpusURL, indexURL: directory.appendingPathComponent("index.sqlite"), rebuild: .always)
                let hostileKB = try KnowledgeBase.open(configuration)
                let parsed = CorpusParser(categories: BundledData.categories).parse(text)
                #expect(try hostileKB.entries().count == parsed.entries.count, "\(context)")
                for _ in 0..<10 {
                    let query = HostileInput.allCases.randomElement(using: &rng)!.string(using: &rng)
                    do {
                        let response = try hostileKB.search(query, limit: 5)
                        #expect(response.hits.count <= 5)
                    } catch {
                        Checks.expectClearError(error, "query \(HostileInput.describe(query)) on \(context)")
                    }
                }
            } catch {
                Checks.expectClearError(error, context)
            }
        }

        /// A corpus with nothing to index stops the build with a clear error and the old index stays.
        @Test func emptyCorpusKeepsThePreviousIndex() throws {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let corpusURL = directory.appendingPathComponent("corpus.md")
            let indexURL = directory.appendingPathComponent("index.sqlite")
            var rng = SplitMix64(seed: 0xE4)
            try Data(Self.page(with: "发票怎么开", using: &rng).utf8).write(to: corpusURL)
            let count = try KnowledgeBase.open(.init(corpusURL: corpusURL, indexURL: indexURL, rebuild: .always)).entries().count
            #expect(count > 0)
            for hostile in ["", "\u{0}\u{0}\u{0}", "---\n---\n", String(repeating: "[", count: 10_000), "'; DROP TABLE entries; --"] {
                try Data(hostile.utf8).write(to: corpusURL)
                do {
                    _ = try KnowledgeBase.open(.init(corpusURL: corpusURL, indexURL: indexURL, rebuild: .always))
                    Issue.record("a corpus without entries was indexed: \(HostileInput.describe(hostile))")
                } catch let error as FAQKitError {
                    #expect(error.code == .corpusInvalid, "\(error)")
                    Checks.expectClearError(error, HostileInput.describe(hostile))
                }
                let old = try KnowledgeBase.open(.init(corpusURL: corpusURL, indexURL: indexURL, rebuild: .never))
                #expect(try old.entries().count == count, "the previous index is intact")
            }
        }

        // MARK: - Query path

        @Test(arguments: HostileInput.allCases)
        func queriesGiveAResultOrAClearError(kind: HostileInput) {
            Self.forEachInput(kind, property: 0x5EA) { _, text, rng, context in
                let limit = Int.random(in: 1...12, using: &rng)
                let offset = Int.random(in: 0...3, using: &rng)
                checkSearch(text, limit: limit, offset: offset, context)
                checkAsk(text, context)
                // The category filter and the id lookup take outside text too.
                let category = Bool.random(using: &rng) ? text : ["invoices", "models", "", "invoices' OR '1'='1"].randomElement(using: &rng)!
                checkSearch("发票", limit: limit, offset: 0, category: category, "category \(context)")
                #expect(throws: Never.self, "\(context)") { _ = try kb.entry(id: text) }
            }
        }

        /// Whether `validate` should accept a query: 1...512 characters and at most 2,048 bytes after trimming.
        static func acceptable(_ query: String) -> Bool {
            let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
            return (1...KnowledgeBase.maxQueryLength).contains(trimmed.count) && trimmed.utf8.count <= KnowledgeBase.maxQueryBytes
        }

        func checkSearch(_ query: String, limit: Int, offset: Int, category: String? = nil, _ context: String) {
            let length = query.trimmingCharacters(in: .whitespacesAndNewlines).count
            do {
                let response = try kb.search(query, limit: limit, offset: offset, category: category)
                #expect(response.hits.count <= limit, "\(response.hits.count) hits for limit \(limit); \(context)")
                if let category { #expect(response.hits.allSatisfy { $0.entry.category == category }, "\(context)") }
                #expect(Self.acceptable(query), "accepted a query of \(length) characters, \(query.utf8.count) bytes; \(context)")
                #expect(response.estimatedTotalHits >= response.hits.count, "\(context)")
                for hit in response.hits {
                    #expect((0...1).contains(hit.confidence) && hit.score.isFinite, "confidence \(hit.confidence), score \(hit.score); \(context)")
                    for text in [hit.highlightedTitle, hit.snippet, hit.highlightedAnswer] {
                        #expect(Self.markersBalanced(text.marked), "highlight markers balanced in \(HostileInput.describe(text.marked)); \(context)")
                    }
                    #expect(hit.highlightedTitle.plain == hit.entry.title, "highlighting keeps the title's text; \(context)")
                }
            } catch {
                Checks.expectClearError(error, context)
                if let error = error as? FAQKitError, !Self.acceptable(query) {
                    #expect(error.code == .invalidInput, "\(context)")
                }
            }
        }

        func checkAsk(_ query: String, _ context: String) {
            do {
                let answer = try kb.ask(query)
                #expect(answer.hit != nil || answer.fallback != nil, "an answer or a fallback; \(context)")
                #expect(answer.related.count <= 3, "\(context)")
            } catch {
                Checks.expectClearError(error, context)
            }
        }

        /// Open and close markers alternate, starting with an open and ending closed.
        static func markersBalanced(_ marked: String) -> Bool {
            var open = false
            for character in marked {
                if character == HighlightedText.open {
                    if open { return false }
                    open = true
                } else if character == HighlightedText.close {
                    if !open { return false }
                    open = false
                }
            }
            return !open
        }

        @Test(arguments: [0, 1, 511, 512, 513, 600, 5_000])
        func queryLengthIsLimited(length: Int) {
            for unit in ["发", "a", " a", "👨‍👩‍👧‍👦", "%s"] {
                var query = String(repeating: unit, count: length)
                while query.count > length { query.removeLast() }  // "%s" and " a" are two characters
                let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
                // Accepted: 1...512 characters and at most 2,048 bytes (512 发 are 1,536 bytes;
                // 512 four-person families are 12,800).
                let acceptable = (1...512).contains(trimmed.count) && trimmed.utf8.count <= 2048
                do {
                    let response = try kb.search(query, limit: 3)
                    #expect(acceptable, "\(length) × \(unit) accepted")
                    #expect(response.hits.count <= 3)
                } catch let error as FAQKitError {
                    #expect(error.code == .invalidInput, "\(length) × \(unit): \(error)")
                    #expect(!acceptable, "\(length) × \(unit) was rejected: \(error)")
                } catch {
                    Issue.record("\(type(of: error)): \(error)")
                }
            }
        }

        @Test(arguments: [0, 1, 100, -1, 101, Int.max, Int.min])
        func limitAndOffsetAreChecked(value: Int) {
            for (limit, offset) in [(value, 0), (5, value)] {
                do {
                    let response = try kb.search("发票", limit: limit, offset: offset)
                    #expect((1...100).contains(limit) && offset >= 0, "limit \(limit) offset \(offset) accepted")
                    #expect(response.hits.count <= limit)
                } catch {
                    Checks.expectClearError(error, "limit \(limit) offset \(offset)")
                    #expect((error as? FAQKitError)?.code == .invalidInput)
                }
            }
        }

        @Test(arguments: HugeInput.allCases)
        func hugeInputsAreRejectedOrHandledQuickly(input: HugeInput) throws {
            let text = input.text
            let clock = ContinuousClock()
            let started = clock.now
            // Each is over 512 characters: `checkSearch` expects `.invalidInput`.
            checkSearch(text, limit: 10, offset: 0, input.rawValue)
            checkAsk(text, input.rawValue)
            _ = ErrorTextParser.parse(text)
            var tokens = 0
            let bytes = input.bytes
            bytes.withUnsafeBufferPointer { buffer in
                TextAnalyzer.shared.scan(buffer) { _, _, _, _, _ in
                    tokens += 1
                    return true
                }
            }
            if input == .loneSurrogates {
                #expect(String(decoding: bytes.prefix(3_000), as: UTF8.self) == String(text.prefix(3_000)), "lossy decoding as assumed")
            }
            #expect(input != .ideographs || tokens > 0, "\(input.rawValue): \(tokens) tokens")
            let elapsed = clock.now - started
            // Generous: the point is "no hang" on a loaded 2-core machine.
            #expect(elapsed < .seconds(20), "\(input.rawValue) took \(elapsed)")
        }

        /// One character (a grapheme cluster) can be a megabyte of combining marks; the byte limit
        /// rejects it, quickly and with a message that names the limit.
        @Test func oneCharacterMegabyteQueryIsRejected() throws {
            let query = "发" + String(repeating: "\u{0301}", count: 1 << 19)
            #expect(query.count == 1)
            let clock = ContinuousClock()
            var thrown: (any Error)?
            let elapsed = clock.measure {
                do { _ = try kb.search(query) } catch { thrown = error }
            }
            let error = try #require(thrown as? FAQKitError, "accepted a 1-character, \(query.utf8.count)-byte query")
            #expect(error.code == .invalidInput)
            #expect(error.message == "the query is longer than 2048 bytes of UTF-8")
            #expect(elapsed < .seconds(5), "took \(elapsed)")
        }

        // MARK: - Error-text parser

        @Test(arguments: HostileInput.allCases)
        func errorTextParserReadsOrDeclines(kind: HostileInput) {
            Self.forEachInput(kind, property: 0xE77) { _, text, _, context in
                Checks.errorTextParser(text, context)
            }
        }

        @Test(arguments: HostileInput.allCases)
        func explainGivesADiagnosisOrAClearError(kind: HostileInput) {
            Self.forEachInput(kind, property: 0xE7A) { _, text, _, context in
                do {
                    let diagnosis = try kb.explain("HTTP/1.1 400 Bad Request\n{\"code\": 20015, \"message\": \"\(text)\"}")
                    #expect(!diagnosis.diagnosis.isEmpty, "\(context)")
                    _ = try kb.explain(text)
                } catch {
                    Checks.expectClearError(error, context)
                }
            }
        }

        // MARK: - The index survives

        /// Every SQL and FTS5 fragment as a whole query, then the index is checked: same entries,
        /// and the file's bytes unchanged since it was built.
        @Test func injectionLeavesTheIndexIntact() throws {
            let before = BundledIndex.builtIndexBytes
            for query in HostileInput.sqlFragments + HostileInput.fts5Fragments + HostileInput.htmlFragments + HostileInput.formatFragments {
                checkSearch(query, limit: 10, offset: 0, HostileInput.describe(query))
                checkAsk(query, HostileInput.describe(query))
            }
            #expect(try kb.entries().count == BundledIndex.expectedEntryCount)
            #expect(kb.info.entryCount == BundledIndex.expectedEntryCount)
            #expect(FileManager.default.contents(atPath: BundledIndex.indexURL.path) == before, "index file unchanged")
            let reopened = try KnowledgeBase.open(.init(indexURL: BundledIndex.indexURL, rebuild: .never))
            #expect(try reopened.entries().count == BundledIndex.expectedEntryCount)
        }
    }

    /// An input of about one megabyte, made when a test asks for it.
    enum HugeInput: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case ideographs = "1 MB of 发"
        case errorObjects = "1 MB of {\"error\":"
        case loneSurrogates = "1 MB of lone surrogates (ED A0 80), decoded lossily"
        case mixed = "1 MB of mixed hostile fragments"

        var testDescription: String { rawValue }

        /// The raw bytes, for the tokenizer's scanner.
        var bytes: [UInt8] {
            guard self == .loneSurrogates else { return Array(text.utf8) }
            let count = 1 << 20
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count { buffer[i] = i % 3 == 0 ? 0xED : i % 3 == 1 ? 0xA0 : 0x80 }
                initialized = count
            }
        }

        var text: String {
            let megabyte = 1 << 20
            switch self {
            case .ideographs:
                return String(repeating: "发", count: megabyte / 3)
            case .errorObjects:
                return String(repeating: "{\"error\":", count: megabyte / 9)
            case .loneSurrogates:
                // What lossy decoding makes of `bytes`: ED, A0 and 80 each become U+FFFD. (Decoding
                // a megabyte of repairs with `String(decoding:)` takes seconds in a debug test
                // binary, so the equivalence is checked on a prefix in the test instead.)
                return String(repeating: "\u{FFFD}", count: megabyte)
            case .mixed:
                var rng = SplitMix64(seed: 0x4D42)
                var fragments = ""
                while fragments.utf8.count < 64 * 1024 { fragments += HostileInput.mixed.string(using: &rng) }
                return String(repeating: fragments, count: 16)
            }
        }
    }
}
