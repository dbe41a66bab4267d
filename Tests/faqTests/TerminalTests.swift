import Testing

@testable import faq

/// How the CLI lays out the text it shows.
struct TerminalTests {
    /// A code fence's lines and a picture without alt text are empty lines of the shown text;
    /// paragraphs keep one empty line between them, and none at the ends.
    @Test func shownTextKeepsOneEmptyLineBetweenParagraphs() {
        #expect(Terminal.paragraphs("\n\n在配置文件里配置。\n\n\n运行：\n\n\npip install x\n  \n\n完成。\n\n") == "在配置文件里配置。\n\n运行：\n\npip install x\n\n完成。")
        #expect(Terminal.paragraphs("一行。\n两行。") == "一行。\n两行。")
    }
}
