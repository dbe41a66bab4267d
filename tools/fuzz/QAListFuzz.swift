import Foundation

/// libFuzzer harness for the Q&A list readers: the bytes decoded as a corpus file is
/// (`TextDecoding`: UTF-8, UTF-16 with its mark, GB18030), then read as CSV, JSON and YAML. A
/// reader may refuse the input with a `FAQKitError`; besides crashes and hangs (a YAML alias
/// bomb, a CSV quote that never closes), it stops on duplicate or empty entry ids.
@_cdecl("LLVMFuzzerTestOneInput")
public func qaListFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = TextDecoding.decode(Data(UnsafeBufferPointer(start: data, count: size))).text
    let reader = QAListReader(categories: CategoryMap(), name: "fuzz")
    let reads: [() throws -> ParsedCorpus] = [{ try reader.csv(text) }, { try reader.json(Data(text.utf8)) }, { try reader.yaml(text) }]
    for read in reads {
        guard let corpus = try? read() else { continue }
        let ids = corpus.entries.map(\.id)
        precondition(Set(ids).count == ids.count, "duplicate entry ids \(ids)")
        precondition(!ids.contains(where: \.isEmpty), "an empty entry id")
    }
    return 0
}
