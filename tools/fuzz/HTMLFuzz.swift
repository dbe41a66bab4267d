import Foundation

/// libFuzzer harness for `HTMLText`: the bytes, lossily decoded, as a saved HTML page and as a
/// helpdesk answer fragment, then the page's markdown as a corpus. Besides crashes (and hangs,
/// with `-timeout`), it stops on markdown with a line ending in white space or two blank lines in a
/// row (the writer's own cleanup), and on duplicate entry ids.
@_cdecl("LLVMFuzzerTestOneInput")
public func htmlFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for markdown in [HTMLText.documentMarkdown(text), HTMLText.markdown(text)] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        precondition(!lines.contains { $0.last?.isWhitespace == true }, "a line ends in white space: \(markdown.debugDescription)")
        precondition(!markdown.contains("\n\n\n"), "two blank lines in a row: \(markdown.debugDescription)")
    }
    let corpus = CorpusParser().parse(HTMLText.documentMarkdown(text))
    let ids = corpus.entries.map(\.id)
    precondition(Set(ids).count == ids.count, "duplicate entry ids \(ids)")
    return 0
}
