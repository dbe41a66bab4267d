import Foundation

/// libFuzzer harness for `CorpusParser`: the bytes, lossily decoded, as a whole corpus file.
/// Besides crashes (and hangs, with `-timeout`), it stops on duplicate entry ids, positions out of
/// order, or a warning that names a line the file does not have.
@_cdecl("LLVMFuzzerTestOneInput")
public func corpusParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let corpus = CorpusParser().parse(text)
    let ids = corpus.entries.map(\.id)
    precondition(Set(ids).count == ids.count, "duplicate entry ids \(ids)")
    precondition(corpus.entries.map(\.position) == Array(corpus.entries.indices), "positions out of order")
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).count
    for warning in corpus.warnings {
        precondition((1...max(lines, 1)).contains(warning.line), "warning on line \(warning.line) of \(lines): \(warning.message)")
    }
    return 0
}
