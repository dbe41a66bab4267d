import Foundation

/// What makes a line of an FAQ a question, and a question's text without its decoration.
///
/// Generic rules of how FAQs are written, in Chinese and English: question marks, interrogative
/// words, `Q：`/`问：` markers, and list numbering (`2. `, `2、`, `(2)`, `一、`). Numbers that are part
/// of the text (`400 — 请求错误`, `15 元能做什么？`, `2025 年…`) are never numbering.
enum QuestionText {
    /// Interrogative words that make a heading a question even without a question mark.
    static let chineseInterrogatives = [
        "如何", "怎么", "怎样", "怎麼", "为什么", "为何", "什么", "是否", "能否", "可否", "能不能", "可不可以",
        "是不是", "有没有", "会不会", "多少", "多久", "哪些", "哪个", "哪里", "哪儿", "吗", "呢",
        "几点", "几时", "几天", "几个", "几种", "几次", "多长", "多大", "啥", "咋",
    ]
    static let englishInterrogatives: Set<String> = [
        "how", "what", "why", "when", "where", "which", "who", "can", "could", "do", "does", "did", "is", "are",
        "should", "will", "would", "may",
    ]

    /// Section names docs sites give a page's overview, which introduces the page rather than
    /// answering a question (`概述`, `写在前面`, `快速开始`, `Overview`, `Getting started`).
    static let introductionNames: Set<String> = [
        "概述", "概览", "简介", "介绍", "前言", "引言", "写在前面", "阅读须知", "快速开始", "快速入门", "入门", "overview", "introduction", "intro",
        "getting started", "quick start", "quickstart",
    ]

    /// True for a heading that names a page's introduction: one of ``introductionNames``, or a
    /// name ending in 概述/概览/简介 (`平台概述`).
    static func isIntroduction(_ title: String) -> Bool {
        let lower = title.trimmingWhitespace().lowercased()
        return introductionNames.contains(lower) || ["概述", "概览", "简介"].contains { lower.hasSuffix($0) }
    }

    /// True when the text ends with a question mark (full-width or ASCII).
    static func endsWithQuestionMark<S: StringProtocol>(_ text: S) -> Bool {
        text.hasSuffix("？") || text.hasSuffix("?")
    }

    /// True when the text reads as a question.
    static func isQuestion(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if endsWithQuestionMark(trimmed) { return true }
        if chineseInterrogatives.contains(where: { trimmed.contains($0) }) { return true }
        let firstWord = trimmed.prefix(while: { $0.isLetter }).lowercased()
        return englishInterrogatives.contains(firstWord) && trimmed.contains(" ")
    }

    /// A question marker at the start (`Q：`, `Q1.`, `Q1.2.3：`, `Question:`, `问：`, `问题 3：`, `【问】`), and the text after it.
    static func splitQuestionMarker(_ text: String) -> (marked: Bool, rest: String) {
        if let rest = bracketedMarker(text, ["问题", "问", "Q", "q"]) { return (true, rest) }
        // `Question: …` (a word marker takes a colon only: `Question. …` is a sentence).
        for marker in ["Question", "question", "QUESTION"] where text.hasPrefix(marker) {
            let rest = text.dropFirst(marker.count).drop(while: { $0 == " " })
            if let separator = rest.first, "：:".contains(separator) { return (true, String(rest.dropFirst()).trimmingWhitespace()) }
        }
        for marker in ["问题", "问", "Q", "q"] {
            guard text.hasPrefix(marker) else { continue }
            var rest = text.dropFirst(marker.count).drop(while: { $0 == " " })
            let afterMarker = rest
            rest = rest.drop(while: { $0.isASCII && $0.isNumber })
            // A dotted number (`Q3.1.2：`) numbers the question by section: its dots are not the separator.
            while rest.count < afterMarker.count, rest.first == ".", let digit = rest.dropFirst().first, digit.isASCII, digit.isNumber {
                rest = rest.dropFirst().drop(while: { $0.isASCII && $0.isNumber })
            }
            rest = rest.drop(while: { $0 == " " })
            guard let separator = rest.first, "：:.．、".contains(separator) else { continue }
            return (true, String(rest.dropFirst()).trimmingWhitespace())
        }
        return (false, text)
    }

    /// A marker in brackets at the start (`【问】`, `[Q]`, `「答」`): the text after it.
    static func bracketedMarker(_ text: String, _ markers: [String]) -> String? {
        for (open, close) in [("【", "】"), ("[", "]"), ("「", "」"), ("〔", "〕")] where text.hasPrefix(open) {
            for marker in markers where text.dropFirst(open.count).hasPrefix(marker + close) {
                let after = text.dropFirst(open.count + marker.count + close.count)
                if after.hasPrefix("(") { return nil }  // a link, `[Q](…)`
                return String(after.drop { $0 == " " || $0 == "：" || $0 == ":" }).trimmingWhitespace()
            }
        }
        return nil
    }

    /// An answer marker at the start of an answer's first line (`A：`, `A1:`, `A. `, `Answer:`,
    /// `**A：**`, `**A**:`, `答：`, `回答：`, `【答】`), removed.
    /// `A. ` counts only when `acceptingPeriod` (after a question marked `Q. …`, not under a heading
    /// whose answer may list lettered options).
    static func removingAnswerMarker(_ line: String, acceptingPeriod: Bool = true) -> String? {
        var text = Substring(line.trimmingWhitespace())
        let markers = ["回答", "解答", "答复", "答案", "答", "Answer", "answer", "ANSWER", "A", "a"]
        if let rest = bracketedMarker(String(text), markers) { return rest }
        let bold = text.hasPrefix("**")
        if bold { text = text.dropFirst(2) }
        for marker in markers {
            guard text.hasPrefix(marker) else { continue }
            var rest = text.dropFirst(marker.count).drop(while: { $0 == " " })
            // A numbered marker (`A1:`) answers the question numbered the same (`Q1:`).
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            if digits.count <= 2 { rest = rest.dropFirst(digits.count).drop(while: { $0 == " " }) }
            // `**A**:` holds only the marker in bold, `**A:**` the separator too.
            let boldClosed = bold && rest.hasPrefix("**")
            if boldClosed { rest = rest.dropFirst(2) }
            // `A. …` answers a `Q. …` question; the period needs a space after it (`A.I.` is a word).
            let period = acceptingPeriod && (marker == "A" || marker == "a") && !bold && rest.hasPrefix(". ")
            guard let separator = rest.first, "：:".contains(separator) || period else { continue }
            rest = rest.dropFirst()
            if bold && !boldClosed {
                guard rest.hasPrefix("**") else { continue }
                rest = rest.dropFirst(2)
            }
            return String(rest).trimmingWhitespace()
        }
        return nil
    }

    /// A heading read as a label: without white space or a trailing colon, lowercased.
    static func labelName(_ title: String) -> String {
        title.trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "：: ")).lowercased()
    }

    /// True for a heading that only labels an answer (`答案`, `回答：`, `Answer`, `A`).
    static func isAnswerLabel(_ title: String) -> Bool {
        ["答案", "回答", "解答", "答复", "答", "answer", "a"].contains(labelName(title))
    }

    /// Names of the labelled parts of a troubleshooting answer (`现象描述` / `问题原因` / `解决方案`,
    /// `Symptom` / `Cause` / `Resolution`), lowercased: a heading with one of these names is a part of
    /// the answer above it, never a question of its own.
    static let answerSectionNames: Set<String> = problemDescriptionNames.union([
        "问题原因", "原因", "原因分析", "故障原因", "可能原因",
        "解决方案", "解决方法", "解决办法", "解决步骤", "处理方法", "处理办法", "处理方案", "处理步骤",
        "规避方法", "规避方案", "临时方案", "修复方法", "排查步骤", "排查方法",
        "cause", "causes", "root cause", "solution", "solutions", "resolution", "workaround", "workarounds",
    ])

    /// The labels among ``answerSectionNames`` that open the description of the problem: it
    /// restates what was asked, so it never chooses the passage shown (`PassageSelector`).
    static let problemDescriptionNames: Set<String> = [
        "问题描述", "问题现象", "现象描述", "现象", "故障现象", "故障描述", "症状", "symptom", "symptoms", "problem description",
    ]

    /// True for a heading that names a labelled part of a troubleshooting answer (see
    /// ``answerSectionNames``), with or without a trailing colon.
    static func isAnswerSection(_ title: String) -> Bool {
        answerSectionNames.contains(labelName(title))
    }

    /// 一 to 十, in order: the digits of Chinese numbering (`一、`, `十二、`).
    static let chineseNumerals: [Character] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// A title without list numbering: `2. `, `2.1 `, `2、`, `2）`, `(2)`, `（2）`, `一、`. A bare number
    /// followed by a space is text (`15 元`, `400 — 请求错误`), except a dotted one (`4.1 title`).
    static func splitNumbering(_ text: String) -> (number: String?, rest: String) {
        let chars = Array(text)
        var i = 0
        if let open = chars.first, open == "(" || open == "（" {
            var j = 1
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j > 1, j < chars.count, chars[j] == ")" || chars[j] == "）" {
                return (String(chars[1..<j]), String(chars[(j + 1)...]).trimmingWhitespace())
            }
            return (nil, text)
        }
        // Chinese numerals followed by 、: 一、 十二、
        while i < chars.count, chineseNumerals.contains(chars[i]) { i += 1 }
        if i > 0 {
            if i < chars.count, chars[i] == "、" { return (String(chars[0..<i]), String(chars[(i + 1)...]).trimmingWhitespace()) }
            return (nil, text)
        }
        var sawDot = false
        var lastWasDot = false
        while i < chars.count {
            if chars[i].isASCII, chars[i].isNumber {
                lastWasDot = false
            } else if chars[i] == ".", i > 0, !lastWasDot {
                sawDot = true
                lastWasDot = true
            } else {
                break
            }
            i += 1
        }
        guard i > 0, chars[0].isNumber else { return (nil, text) }
        var number = String(chars[0..<i])
        let rest = chars[i...]
        if lastWasDot {
            number.removeLast()
            // `2.` then text; `2.5` would have kept going, so this is numbering.
            return (number, String(rest).trimmingWhitespace())
        }
        if let next = rest.first {
            if next == "、" || next == "．" || next == ")" || next == "）" {
                return (number, String(rest.dropFirst()).trimmingWhitespace())
            }
            // `4.1 title`: a dotted number and a space.
            if next == " " && sawDot { return (number, String(rest).trimmingWhitespace()) }
        }
        return (nil, text)
    }

    /// A heading's or question line's text as the entry title: markup, markers and numbering removed.
    static func title(_ raw: String) -> (title: String, marked: Bool) {
        var text = MarkdownText.plainTitle(raw)
        let (marked, rest) = splitQuestionMarker(text)
        text = rest
        text = splitNumbering(text).rest
        return (text, marked)
    }
}
