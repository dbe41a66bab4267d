import FAQKit
import Foundation
import Testing

/// One pasted form and what must be read from it.
struct PastedError: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var status: Int?
    var code: Int?
    var limit: RateLimitDimension? = nil
    /// A substring the message must contain; nil means the message must be absent.
    var message: String? = nil
    var exceptionClass: String? = nil
    var hasBody = false
    var bodyOmitted = false

    var testDescription: String { name }

    static let curlHeaders =
        "Date: Thu, 19 Jun 2025 08:00:00 GMT\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 84\r\n"

    static let all: [PastedError] = [
        // Bare statuses.
        PastedError(name: "bare status", text: "401", status: 401, code: nil),
        PastedError(name: "HTTP status", text: "HTTP 403", status: 403, code: nil),
        PastedError(name: "status word", text: "status 429", status: 429, code: nil),
        PastedError(name: "Error: status and reason", text: "Error: 504 Gateway Timeout", status: 504, code: nil),
        PastedError(name: "status and reason", text: "500 Internal Server Error", status: 500, code: nil),
        PastedError(name: "Chinese status and code", text: "调用失败，状态码：403，错误码 30001", status: 403, code: 30001),
        // curl -i.
        PastedError(
            name: "curl HTTP/1.1 with CRLF",
            text: "HTTP/1.1 400 Bad Request\r\n\(curlHeaders)\r\n"
                + #"{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}"#,
            status: 400, code: 20012, message: "Model does not exist", hasBody: true),
        PastedError(
            name: "curl HTTP/2 with LF",
            text: "HTTP/2 503 \nserver: nginx\ndate: Thu, 19 Jun 2025 08:00:00 GMT\ncontent-length: 84\n\n"
                + #"{"code":50508,"message":"System is too busy now. Please try again later.","data":null}"#,
            status: 503, code: 50508, message: "too busy", hasBody: true),
        PastedError(
            name: "curl with 100 Continue first",
            text: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nContent-Length: 99\r\n\r\n"
                + #"{"message":"Request was rejected due to rate limiting. Details: RPD limit reached.","data":null}"#,
            status: 429, code: nil, limit: .rpd, message: "rate limiting", hasBody: true),
        PastedError(
            name: "curl with a plain-text body",
            text: "HTTP/2 401\r\ncontent-type: text/plain\r\n\r\nInvalid token",
            status: 401, code: nil, message: "Invalid token"),
        // openai-python.
        PastedError(
            name: "openai-python Python literal",
            text: "Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: TPM limit reached.', 'data': None}",
            status: 429, code: nil, limit: .tpm, message: "TPM limit reached", hasBody: true),
        PastedError(
            name: "openai-python with exception class and plain message",
            text: "openai.AuthenticationError: Error code: 401 - Api key is invalid",
            status: 401, code: nil, message: "Api key is invalid", exceptionClass: "openai.AuthenticationError"),
        PastedError(
            name: "openai-python PermissionDeniedError with code",
            text: "openai.PermissionDeniedError: Error code: 403 - {'code': 30003, 'message': 'Model disabled.', 'data': None}",
            status: 403, code: 30003, message: "Model disabled.", exceptionClass: "openai.PermissionDeniedError",
            hasBody: true),
        PastedError(
            name: "openai-python traceback with an apostrophe in the message",
            text: """
                Traceback (most recent call last):
                  File "/app/main.py", line 404, in <module>
                    resp = client.chat.completions.create(model='x', messages=[{'role': 'user', 'content': 'hi'}])
                  File "/usr/lib/python3.11/site-packages/openai/_base_client.py", line 1059, in _request
                    raise self._make_status_error_from_response(err.response) from None
                openai.RateLimitError: Error code: 429 - {'message': "Request was rejected due to rate limiting. It's TPD limit reached.", 'data': None}
                """,
            status: 429, code: nil, limit: .tpd, message: "It's TPD limit reached", exceptionClass: "openai.RateLimitError",
            hasBody: true),
        PastedError(
            name: "openai-python prompt too long",
            text:
                "Error code: 400 - {'code': 20015, 'message': 'length of prompt_tokens (68957) must be less than max_seq_len (65536).', 'data': None}",
            status: 400, code: 20015, message: "max_seq_len (65536)", hasBody: true),
        // openai-node.
        PastedError(
            name: "openai-node without body", text: "Error: 403 status code (no body)", status: 403, code: nil,
            bodyOmitted: true),
        PastedError(
            name: "openai-node with message", text: "BadRequestError: 400 Model does not exist. Please check it carefully.",
            status: 400, code: nil, message: "Model does not exist", exceptionClass: "BadRequestError"),
        // Gateways and wrappers.
        PastedError(
            name: "gateway bad response",
            text:
                #"bad response status code 400, message: Model does not exist. Please check it carefully., body: {"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}"#,
            status: 400, code: 20012, message: "Model does not exist", hasBody: true),
        PastedError(
            name: "Go wrapper with nil message",
            text:
                #"error, status code: 503, status: 503 Service Unavailable, message: %!s(<nil>), body: {"code":50508,"message":"System is too busy now. Please try again later.","data":null}"#,
            status: 503, code: 50508, message: "System is too busy now", hasBody: true),
        PastedError(
            name: "API Error with status code and body",
            text:
                #"API Error: Status Code 400, {"code":20015,"message":"max_total_tokens (40960) must be less than or equal to max_seq_len (32768).","data":null}"#,
            status: 400, code: 20015, message: "max_total_tokens (40960)", hasBody: true),
        PastedError(
            name: "API Error with status and message",
            text: "API Error: 400 Model does not exist. Please check it carefully.",
            status: 400, code: nil, message: "Model does not exist. Please check it carefully."),
        PastedError(
            name: "litellm wrapped exception",
            text: "litellm.APIError: OpenAIException - Sorry, your account balance is insufficient",
            status: nil, code: nil, message: "Sorry, your account balance is insufficient",
            exceptionClass: "litellm.APIError"),
        PastedError(
            name: "MAX_RETRIES_EXCEEDED",
            text:
                "**ERROR**: MAX_RETRIES_EXCEEDED - Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: IPM limit reached.', 'data': None}",
            status: 429, code: nil, limit: .ipm, message: "IPM limit reached", hasBody: true),
        PastedError(
            name: "httpx log line",
            text: "INFO:httpx:HTTP Request: POST https://api.siliconflow.cn/v1/chat/completions \"HTTP/1.1 429 Too Many Requests\"",
            status: 429, code: nil),
        PastedError(
            name: "body quoted inside a JSON log record",
            text: #"{"level":"error","msg":"upstream","body":"{\"code\":30014,\"message\":\"Token is invalid.\"}"}"#,
            status: nil, code: 30014, message: "Token is invalid.", hasBody: true),
        PastedError(
            name: "connection error without status", text: "openai.APIConnectionError: Connection error.", status: nil,
            code: nil, message: "Connection error.", exceptionClass: "openai.APIConnectionError"),
        // Raw bodies.
        PastedError(
            name: "raw JSON body",
            text: #"{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}"#,
            status: nil, code: 20012, message: "Model does not exist", hasBody: true),
        PastedError(
            name: "OpenAI-style nested body",
            text: #"{"error": {"message": "Api key is invalid", "type": "invalid_request_error", "code": "invalid_api_key"}}"#,
            status: nil, code: nil, message: "Api key is invalid", hasBody: true),
        PastedError(
            name: "nested body with HTTP code", text: #"{"error": {"code": 429, "message": "Resource has been exhausted"}}"#,
            status: 429, code: 429, message: "Resource has been exhausted", hasBody: true),
        PastedError(name: "bare business code", text: "20015", status: nil, code: 20015),
        // Bare messages.
        PastedError(
            name: "bare rate-limit message", text: "Request was rejected due to rate limiting. Details: TPM limit reached.",
            status: nil, code: nil, limit: .tpm, message: "rate limiting"),
        PastedError(
            name: "bare message naming RPM", text: "Request was rejected due to rate limiting. Details: RPM limit reached.",
            status: nil, code: nil, limit: .rpm, message: "RPM limit reached"),
    ]

    /// Bodies cut off by a log line limit or a terminal.
    static let halfBodies: [PastedError] = [
        PastedError(
            name: "cut inside the message",
            text: "Error code: 400 - {'code': 20015, 'message': 'length of prompt_tokens (68957) must be less th",
            status: 400, code: 20015, message: "must be less th", hasBody: true),
        PastedError(
            name: "cut after the code", text: "HTTP/1.1 403 Forbidden\r\nContent-Length: 77\r\n\r\n{\"code\":30001,\"mess",
            status: 403, code: 30001, hasBody: true),
        PastedError(
            name: "cut inside the code keeps the message",
            text: #"{"message":"Sorry, your account balance is insufficient","code":300"#,
            status: nil, code: nil, message: "balance is insufficient", hasBody: true),
        PastedError(
            name: "cut nested body", text: #"body: {"error": {"message": "Model disabled.", "code": 30003, "ty"#,
            status: nil, code: 30003, message: "Model disabled.", hasBody: true),
    ]
}

extension PastedError {
    /// Parses the paste and checks everything it should yield. The message must contain the
    /// expected text, or with `exactMessage` be exactly it (for pastes whose bug was a message
    /// holding the right words among wrong ones).
    func check(exactMessage: Bool = false) throws {
        let parsed = try #require(ErrorTextParser.parse(text), "no error read from \(name)")
        #expect(parsed.status == status)
        #expect(parsed.code == code)
        #expect(parsed.limit == limit)
        if exactMessage {
            #expect(parsed.message == message)
        } else if let expected = message {
            let found = try #require(parsed.message)
            #expect(found.contains(expected), "message: \(found)")
        } else {
            #expect(parsed.message == nil)
        }
        #expect(parsed.exceptionClass == exceptionClass)
        #expect(parsed.hasBody == hasBody)
        #expect(parsed.bodyOmitted == bodyOmitted)
    }
}

@Suite struct ErrorTextParserTests {
    private func check(_ form: PastedError) throws {
        try form.check()
    }

    @Test(arguments: PastedError.all)
    func readsEveryPastedForm(_ form: PastedError) throws {
        try check(form)
    }

    @Test(arguments: PastedError.halfBodies)
    func readsCodeAndMessageFromHalfBodies(_ form: PastedError) throws {
        try check(form)
    }

    @Test(arguments: [
        "hello world", "如何充值？", "", "   \n\t", "HTTP/1.1 200 OK\r\n\r\n{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}",
        "the answer is 42", "Content-Length: 404", "我想开发票，需要多久？", "{\"role\": \"user\", \"content\": \"hi\"}",
    ])
    func findsNoErrorInOrdinaryText(_ text: String) {
        #expect(ErrorTextParser.parse(text) == nil)
    }

    @Test func neverTakesNumbersInsideMessagesOrHeadersAsTheStatus() throws {
        let body = #"{"code":20015,"message":"length of prompt_tokens (404) must be less than max_seq_len (500).","data":null}"#
        #expect(try #require(ErrorTextParser.parse(body)).status == nil)
        let curl = "HTTP/2 400\r\ncontent-length: 503\r\nx-request-id: 429\r\ndate: Thu, 19 Jun 2025 08:00:00 GMT\r\n\r\n\(body)"
        #expect(try #require(ErrorTextParser.parse(curl)).status == 400)
        let traceback = "  File \"client.py\", line 500, in create\nopenai.BadRequestError: Error code: 400 - \(body)"
        #expect(try #require(ErrorTextParser.parse(traceback)).status == 400)
    }

    @Test func keepsMessagesWithQuotesNewlinesAndChinese() throws {
        let text = #"{"code":30001,"message":"余额不足，请充值 (it's \"urgent\")\n第二行","data":null}"#
        let parsed = try #require(ErrorTextParser.parse(text))
        #expect(parsed.message == "余额不足，请充值 (it's \"urgent\")\n第二行")
    }

    @Test func capsLongMessages() throws {
        let text = #"{"code":20012,"message":""# + String(repeating: "x", count: 5_000) + #""}"#
        let parsed = try #require(ErrorTextParser.parse(text))
        #expect(parsed.message?.count == ErrorTextParser.maxMessageLength)
    }

    @Test func findsTheErrorAtTheEndOfAHugePaste() throws {
        let noise = String(repeating: "DEBUG some log line without anything in it\n", count: 20_000)
        let parsed = try #require(ErrorTextParser.parse(noise + "openai.RateLimitError: Error code: 429 - {'message': 'TPM limit reached'}"))
        #expect(parsed.status == 429)
        #expect(parsed.limit == .tpm)
    }
}

/// Garbage must give an answer (usually nil) quickly and never crash.
@Suite struct ErrorTextParserGarbageTests {
    static let garbage: [(String, String)] = {
        var generator = SeededGenerator(seed: 42)
        let randomBytes = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let printable = String(
            (0..<200_000).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &generator))) })
        return [
            ("random bytes decoded lossily", String(decoding: randomBytes, as: UTF8.self)),
            ("random printable ASCII", printable),
            ("1 MB of one letter", String(repeating: "a", count: 1_000_000)),
            ("1 MB of brackets", String(repeating: "[", count: 1_000_000)),
            ("1 MB of braces", String(repeating: "{", count: 1_000_000)),
            ("deep Python dicts", String(repeating: "{'message': ", count: 100_000)),
            ("deep closed nesting", String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)),
            ("1 MB of quotes", String(repeating: "'\"", count: 500_000)),
            ("1 MB of backslashes", String(repeating: "\\", count: 1_000_000)),
            ("NUL bytes", String(repeating: "\u{0}", count: 10_000)),
            ("million newlines", String(repeating: "\n", count: 1_000_000)),
            ("emoji", String(repeating: "😀", count: 300_000)),
            ("repeated keys", String(repeating: "message: ", count: 100_000)),
            ("repeated exception names", String(repeating: "FooError: ", count: 100_000)),
            ("repeated statuses", String(repeating: "status 429 ", count: 100_000)),
            ("huge numbers", "status 4290000000000000000000000 code 999999999999999999999999999"),
            ("broken escapes", #"{"code": 30001, "message": "\ud800 \u12 \x4 \U0011ffff \"#),
        ]
    }()

    @Test(arguments: garbage.indices)
    func survivesGarbage(_ index: Int) {
        let (_, text) = Self.garbage[index]
        let start = ContinuousClock.now
        _ = ErrorTextParser.parse(text)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func readsAnErrorSurroundedByNULs() throws {
        let parsed = try #require(ErrorTextParser.parse("\u{0}\u{0}Error code: 429 - {'message': 'x\u{0}y', 'data': None}\u{0}"))
        #expect(parsed.status == 429)
        #expect(parsed.message == "x\u{0}y")
    }

    @Test func readsAnErrorAfterAMillionNewlines() throws {
        let parsed = try #require(ErrorTextParser.parse(String(repeating: "\n", count: 1_000_000) + "HTTP 401"))
        #expect(parsed.status == 401)
    }
}

/// A small deterministic generator, so garbage tests fail the same way every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
