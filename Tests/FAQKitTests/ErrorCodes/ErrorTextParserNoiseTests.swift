import FAQKit
import Testing

/// Pastes whose message sits among text that is not a message: an HTML error page's markup, a
/// traceback's quoted source lines, an access log's fields after the status.
extension PastedError {
    static let htmlPages: [PastedError] = [
        PastedError(
            name: "curl -i of an openresty timeout page",
            text: """
                HTTP/2 504 \r
                server: openresty/1.21.4.3\r
                content-type: text/html\r
                content-length: 166\r
                \r
                <html>\r
                <head><title>504 Gateway Time-out</title></head>\r
                <body>\r
                <center><h1>504 Gateway Time-out</h1></center>\r
                <hr><center>openresty/1.21.4.3</center>\r
                </body>\r
                </html>
                """,
            status: 504, code: nil, message: "504 Gateway Time-out"),
        PastedError(
            name: "page with a doctype, styles and an entity in the title",
            text: """
                HTTP/1.1 403 Forbidden
                Content-Type: text/html; charset=UTF-8

                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <style>body { font-family: sans-serif; }</style>
                <title>Blocked &amp; logged | edge.waf.test</title>
                </head>
                <body><p>Your request was blocked.</p></body>
                </html>
                """,
            status: 403, code: nil, message: "Blocked & logged | edge.waf.test"),
        PastedError(
            name: "one-line page with a heading and no title",
            text: "HTTP/1.0 429 Too Many Requests\n\n<html><body><h1 class=\"err\">Slow down, please</h1><p>retry later</p></body></html>",
            status: 429, code: nil, message: "Slow down, please"),
        PastedError(
            name: "page without a title or heading",
            text: "HTTP/1.1 500 Internal Server Error\n\n<html><body>\n<p>Something broke upstream.</p>\n</body></html>",
            status: 500, code: nil),
        PastedError(
            name: "SDK exception carrying a gateway page",
            text:
                "openai.InternalServerError: Error code: 502 - <html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>Tengine/3.1.0</center>\n</body>\n</html>",
            status: 502, code: nil, message: "502 Bad Gateway", exceptionClass: "openai.InternalServerError"),
        PastedError(
            name: "JSON body whose message is a page",
            text:
                #"{"error": {"message": "<html><head><title>413 Request Entity Too Large</title></head><body></body></html>", "type": "upstream_error"}}"#,
            status: 413, code: nil, message: "413 Request Entity Too Large", hasBody: true),
    ]

    static let tracebacks: [PastedError] = [
        PastedError(
            name: "requests ConnectTimeout",
            text: """
                Traceback (most recent call last):
                  File "/opt/jobs/embed.py", line 31, in <module>
                    vectors = session.post(EMBED_URL, json=batch, timeout=5).json()
                  File "/opt/venv/lib/python3.10/site-packages/requests/sessions.py", line 637, in post
                    return self.request("POST", url, data=data, json=json, **kwargs)
                requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='llm.internal.test', port=8443): Max retries exceeded with url: /v2/embeddings (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3a2c1d0>, 'Connection to llm.internal.test timed out. (connect timeout=5)'))
                """,
            status: nil, code: nil,
            message:
                "HTTPSConnectionPool(host='llm.internal.test', port=8443): Max retries exceeded with url: /v2/embeddings (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3a2c1d0>, 'Connection to llm.internal.test timed out. (connect timeout=5)'))",
            exceptionClass: "requests.exceptions.ConnectTimeout"),
        PastedError(
            name: "httpx ReadTimeout with Python 3.12 markers",
            text: """
                Traceback (most recent call last):
                  File "/srv/bot/worker.py", line 88, in fetch
                    resp = httpx.get(endpoint, timeout=httpx.Timeout(3.0))
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                  File "/usr/local/lib/python3.12/site-packages/httpx/_api.py", line 198, in get
                    return request(
                           ^^^^^^^^
                httpx.ReadTimeout: The read operation timed out
                """,
            status: nil, code: nil, message: "The read operation timed out", exceptionClass: "httpx.ReadTimeout"),
        PastedError(
            name: "lower-case exception type",
            text: """
                Traceback (most recent call last):
                  File "poll.py", line 14, in <module>
                    data = conn.recv(4096)  # error-prone on slow links
                socket.timeout: timed out
                """,
            status: nil, code: nil, message: "timed out", exceptionClass: "socket.timeout"),
        PastedError(
            name: "traceback pasted without indentation",
            text: """
                Traceback (most recent call last):
                File "run.py", line 3, in <module>
                out = client.send(msg="ping", timeout=2)
                requests.exceptions.ReadTimeout: HTTPConnectionPool(host='10.1.2.3', port=8080): Read timed out. (read timeout=2)
                """,
            status: nil, code: nil, message: "HTTPConnectionPool(host='10.1.2.3', port=8080): Read timed out. (read timeout=2)",
            exceptionClass: "requests.exceptions.ReadTimeout"),
        PastedError(
            name: "chained traceback ends with the last exception",
            text: """
                Traceback (most recent call last):
                  File "/venv/lib/python3.11/site-packages/urllib3/connectionpool.py", line 537, in _make_request
                    response = conn.getresponse()
                urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='gw.example.io', port=443): Read timed out. (read timeout=30)

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "chat.py", line 9, in <module>
                    answer = ask(prompt, error_budget=3)
                requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='gw.example.io', port=443): Read timed out. (read timeout=30)
                """,
            status: nil, code: nil, message: "HTTPSConnectionPool(host='gw.example.io', port=443): Read timed out. (read timeout=30)",
            exceptionClass: "requests.exceptions.ReadTimeout"),
    ]

    static let accessLogs: [PastedError] = [
        PastedError(
            name: "combined log format",
            text: #"203.0.113.9 - - [11/Mar/2026:08:15:42 +0800] "GET /v1/models HTTP/2.0" 401 57 "-" "curl/8.5.0""#,
            status: 401, code: nil),
        PastedError(
            name: "log with a referrer, a user and a request time",
            text:
                #"10.0.0.7 - alice [02/Jan/2027:23:59:59 -0500] "POST /api/generate HTTP/1.1" 429 0 "https://app.example.org/" "Mozilla/5.0 (X11; Linux x86_64)" 0.004"#,
            status: 429, code: nil),
        PastedError(
            name: "several log lines followed by a blank line",
            text: """
                192.0.2.44 - - [30/Apr/2026:17:02:11 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.29"
                192.0.2.44 - - [30/Apr/2026:17:02:12 +0000] "POST /v1/embeddings HTTP/1.1" 503 190 "-" "openai/python 1.40.0"

                tail: no more lines
                """,
            status: 503, code: nil),
        PastedError(
            name: "status keyword followed by log fields",
            text: #"upstream finished: status 502 0 "-" "Go-http-client/1.1""#,
            status: 502, code: nil),
        PastedError(
            name: "a message that starts with a number is still a message",
            text: "Error code: 429 - 3 requests per minute allowed on this key",
            status: 429, code: nil, message: "3 requests per minute allowed on this key"),
    ]
}

@Suite struct ErrorTextParserNoiseTests {
    /// The message must be exactly the expected text: the bug these guard against is a message
    /// that contains the right words among wrong ones.
    private func check(_ form: PastedError) throws {
        try form.check(exactMessage: true)
    }

    @Test(arguments: PastedError.htmlPages)
    func readsAnHTMLPageByItsHeading(_ form: PastedError) throws {
        try check(form)
    }

    @Test(arguments: PastedError.tracebacks)
    func readsTheRaisedExceptionNotTheQuotedSource(_ form: PastedError) throws {
        try check(form)
    }

    @Test(arguments: PastedError.accessLogs)
    func readsNoMessageFromAccessLogFields(_ form: PastedError) throws {
        try check(form)
    }

    @Test func findsNoErrorInASuccessfulAccessLogLine() {
        #expect(ErrorTextParser.parse(#"198.51.100.2 - - [01/Feb/2026:00:00:01 +0000] "GET / HTTP/1.1" 200 612 "-" "Wget/1.21""#) == nil)
    }
}
