import Foundation

/// libFuzzer harness for `TextAnalyzer`: the raw bytes go to `scan` undecoded (invalid UTF-8,
/// lone surrogates as bytes), then lossily decoded to `tokens` and `normalize`. Besides crashes,
/// it stops on a token outside its input, an empty or over-long token, or tokens out of order.
@_cdecl("LLVMFuzzerTestOneInput")
public func tokenizerFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var previousStart = 0
    TextAnalyzer.shared.scan(bytes) { token, _, start, end, colocated in
        precondition(start >= 0 && start < end && end <= size, "token \(start)..<\(end) outside 0..<\(size)")
        precondition(!token.isEmpty && token.count <= 96, "token of \(token.count) bytes")
        if !colocated {
            precondition(start >= previousStart, "token at \(start) after one at \(previousStart)")
            previousStart = start
        }
        return true
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let tokens = TextAnalyzer.shared.tokens(text)
    let length = text.utf8.count
    for token in tokens {
        precondition(token.start >= 0 && token.start < token.end && token.end <= length, "token outside its text")
    }
    _ = TextAnalyzer.shared.normalize(text)
    return 0
}
