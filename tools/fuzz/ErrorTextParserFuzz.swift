import Foundation

/// libFuzzer harness for `ErrorTextParser`: the bytes, lossily decoded, as a paste on their own
/// and after a status line. Besides crashes, it stops on a status outside 100...599, an empty or
/// over-long message, or a parse that differs on the same input.
@_cdecl("LLVMFuzzerTestOneInput")
public func errorTextParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for paste in [text, "HTTP/1.1 429 Too Many Requests\r\n\r\n" + text] {
        let parsed = ErrorTextParser.parse(paste)
        if let status = parsed?.status { precondition((100...599).contains(status), "status \(status)") }
        if let message = parsed?.message {
            precondition(!message.isEmpty && message.count <= ErrorTextParser.maxMessageLength, "message of \(message.count) characters")
        }
        precondition(parsed == ErrorTextParser.parse(paste), "parse is not deterministic")
    }
    return 0
}
