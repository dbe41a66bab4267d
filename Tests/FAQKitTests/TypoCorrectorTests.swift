import Testing

@testable import FAQKit

struct TypoCorrectorTests {
    let corrector = TypoCorrector(words: ["invoice", "recharge", "account", "amount", "balance", "verification", "token"])

    @Test(arguments: [
        ("invocie", "invoice"),  // neighbours swapped
        ("recharg", "recharge"),  // a letter left out
        ("acount", "account"),  // left out beats substituting a far key (amount)
        ("balancee", "balance"),  // a letter too many
        ("verificatoin", "verification"),
    ])
    func correctsOneMistake(typed: String, meant: String) {
        #expect(corrector.correct(typed) == meant)
    }

    @Test(arguments: ["invoice", "tokn", "429", "max_tokens", "invocei x", "xyzzyq", "rechrg"])
    func leavesKnownShortNumericAndFarWordsAlone(word: String) {
        #expect(corrector.correct(word) == nil)
    }

    @Test func answersATypoedEnglishQuestion() throws {
        #expect(try SharedKnowledgeBase.kb.ask("how do I get an invocie").hit?.entry.category == "invoices")
    }
}
