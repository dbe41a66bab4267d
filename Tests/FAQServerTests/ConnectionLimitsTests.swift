import FAQKit
import FAQServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Testing

/// Limits that live below the router, on the connection: header size, idle and request
/// timeouts, and the number of open connections. Each runs the real server on a loopback port
/// and talks to it over a raw socket (``RawConnection``), because an HTTP client library does
/// not send half requests or oversized heads. The server runs through `runService`, not
/// HummingbirdTesting's `.live`: `.live` rebuilds the configuration with `with(address:)`, which
/// drops `availableConnectionsDelegate`, so the connection limit would not be under test. Body
/// size, query length and the rate limit are tested in `HTTPBehaviourTests` and `SearchTests`.
/// Each server stops with a graceful shutdown, never by cancelling its task: cancelling drops
/// connections NIO has accepted but not yet handed to the server, and NIO traps on those
/// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481).
/// Serialized: each test is about timing on a loopback socket, which other suites running
/// beside it on a 2-core machine can delay.
@Suite(.serialized) struct ConnectionLimitsTests {
    /// Runs the server with `options` on a free loopback port and hands `body` the port.
    func withLiveServer(
        _ options: ServerOptions, logger: Logger = quietLogger, _ body: @Sendable @escaping (Int) async throws -> Void
    ) async throws {
        let server = try TestServer { $0.serverOptions = options }
        var arguments = server.arguments
        arguments.port = try freeLoopbackPort()
        let port = arguments.port
        let app = try await server.makeApplication(arguments, logger: logger)
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        try await server.withMetrics {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                var failure: (any Error)?
                do {
                    // Wait for the server with a whole request, and for the server to close that
                    // connection: a bare connect-and-drop probe stays registered with the connection
                    // guard for a moment, on another event loop, and near the limit its late arrival
                    // closed a test's own first connection as the longest idle.
                    var listening = false
                    for _ in 0..<100 where !listening {
                        if let probe = try? RawConnection(port: port) {
                            probe.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            listening = await probe.readAll(timeout: .seconds(5)).closed
                        } else {
                            try await Task.sleep(for: .milliseconds(50))
                        }
                    }
                    try #require(listening, "the server did not listen on \(port)")
                    try await Task.sleep(for: .milliseconds(50))
                    try await body(port)
                } catch {
                    failure = error
                }
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                if let failure { throw failure }
            }
        }
    }

    @Test func headersOverTheLimitGet431WithTheJSONErrorShape() async throws {
        try await withLiveServer(.testing { $0.maxHeaderSize = 8 * 1024 }) { port in
            // Within the limit: answered.
            let small = try RawConnection(port: port)
            small.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Pad: \(String(repeating: "a", count: 4000))\r\nConnection: close\r\n\r\n")
            #expect(await small.readAll(timeout: .seconds(5)).text.hasPrefix("HTTP/1.1 200"))

            // Over it, in one header or in many.
            for headers in [
                "X-Pad: \(String(repeating: "a", count: 9000))\r\n",
                (0..<40).map { "X-Pad-\($0): \(String(repeating: "b", count: 300))\r\n" }.joined(),
            ] {
                let big = try RawConnection(port: port)
                big.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\(headers)\r\n")
                let (text, closed) = await big.readAll(timeout: .seconds(5))
                #expect(text.hasPrefix("HTTP/1.1 431"), "\(text.prefix(200))")
                #expect(closed, "the connection is closed after the 431")
                let body = try #require(text.range(of: "\r\n\r\n").map { text[$0.upperBound...] })
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let error = try #require(json["error"] as? [String: Any])
                #expect(error["code"] as? String == "headers_too_large")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }

    /// A request line NIO's decoder rejects (a URL typed with a raw space or raw Chinese
    /// characters, a broken header) gets the API's JSON 400 saying what to do, not an empty 400.
    @Test func malformedRequestsGetAJSON400() async throws {
        try await withLiveServer(.testing { _ in }) { port in
            for (request, mentionsEncoding) in [
                ("GET /v1/search?q=发票 HTTP/1.1\r\nHost: localhost\r\n\r\n", true),
                ("GET /v1/ask?q=fa piao HTTP/1.1\r\nHost: localhost\r\n\r\n", true),
                ("GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n", false),
            ] {
                let connection = try RawConnection(port: port)
                connection.send(request)
                let (text, closed) = await connection.readAll(timeout: .seconds(5))
                #expect(text.hasPrefix("HTTP/1.1 400"), "\(text.prefix(200))")
                #expect(closed)
                #expect(text.lowercased().contains("x-content-type-options: nosniff"))
                let body = try #require(text.range(of: "\r\n\r\n").map { text[$0.upperBound...] })
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let error = try #require(json["error"] as? [String: Any])
                #expect(error["code"] as? String == "malformed_request")
                #expect((error["message"] as? String)?.contains("percent-encode") == mentionsEncoding, "\(request): \(error)")
            }
        }
    }

    @Test func silentAndHalfSentConnectionsAreClosedByTheIdleTimeout() async throws {
        try await withLiveServer(
            .testing {
                $0.idleTimeout = 1
                $0.requestTimeout = 0
            }
        ) { port in
            let silent = try RawConnection(port: port)
            let halfHead = try RawConnection(port: port)
            halfHead.send("GET /health HTTP/1.1\r\nHost: local")
            let halfBody = try RawConnection(port: port)
            halfBody.send("POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
            let keptAlive = try RawConnection(port: port)
            keptAlive.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            guard case .data(let response) = await keptAlive.receive(timeout: .seconds(5)) else {
                Issue.record("no response")
                return
            }
            #expect(response.hasPrefix("HTTP/1.1 200"))
            for (name, connection) in [("silent", silent), ("half a head", halfHead), ("half a body", halfBody), ("idle after a request", keptAlive)]
            {
                let closedAfter = await connection.waitForClose(timeout: .seconds(10))
                #expect(closedAfter != nil, "\(name): still open after 10 s")
            }
        }
    }

    @Test func aTricklingBodyIsCutByTheRequestTimeout() async throws {
        try await withLiveServer(
            .testing {
                $0.idleTimeout = 30
                $0.requestTimeout = 1
            }
        ) { port in
            let connection = try RawConnection(port: port)
            connection.send("POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            // A byte every 200 ms keeps the idle timer from firing; only the request timeout can.
            let clock = ContinuousClock()
            let start = clock.now
            var closed = false
            while clock.now - start < .seconds(10) {
                if !connection.send(" ") {
                    closed = true
                    break
                }
                if await connection.receive(timeout: .milliseconds(200)) == .closed {
                    closed = true
                    break
                }
            }
            let elapsed = clock.now - start
            #expect(closed, "still open after \(elapsed) of trickling")
            #expect(elapsed >= .milliseconds(800), "closed after \(elapsed), before the 1 s limit")
        }
    }

    @Test func connectionsOverTheLimitWaitUntilOneCloses() async throws {
        try await withLiveServer(
            .testing {
                $0.maxConnections = 2
                $0.idleTimeout = 30
            }
        ) { port in
            // Two connections busy with a request (head sent, body awaited): never closed to make room.
            var open: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try RawConnection(port: port)
                connection.send(
                    "POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"
                )
                open.append(connection)
                // Wait until the server has read this head (its `100 Continue` says so) before the
                // next connection arrives: near the limit a new connection closes the longest-idle
                // one (finding 1), and a connection whose head is still unread counts as idle.
                guard case .data(let interim) = await connection.receive(timeout: .seconds(10)) else {
                    Issue.record("no 100 Continue")
                    return
                }
                #expect(interim.hasPrefix("HTTP/1.1 100"))
            }
            // The third connects (the kernel's backlog) but is not served while two are open.
            let third = try RawConnection(port: port)
            third.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let early = await third.receive(timeout: .seconds(1))
            #expect(early == .nothing, "served over the limit: \(early)")
            open.removeFirst()  // closes it
            guard case .data(let response) = await third.receive(timeout: .seconds(5)) else {
                Issue.record("not served after a connection closed")
                return
            }
            #expect(response.hasPrefix("HTTP/1.1 200"))
        }
    }

    /// Expects `GET /health` from a client at `address` to be answered with 200 within `limit`.
    func expectHealthAnswered(port: Int, from address: String, within limit: Duration) async throws {
        let other = try RawConnection(port: port, from: address)
        other.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        guard case .data(let response) = await other.receive(timeout: limit) else {
            Issue.record("a client at \(address) was not answered within \(limit)")
            return
        }
        #expect(response.hasPrefix("HTTP/1.1 200"))
    }

    /// Security review, finding 1: silent connections from one address held every slot until the
    /// idle timeout, and another client was not answered.
    @Test func oneAddressesSilentConnectionsLeaveRoomForAnotherClient() async throws {
        try await withLiveServer(
            .testing {
                $0.maxConnections = 16
                $0.maxConnectionsPerClient = 4
                $0.idleTimeout = 30
            }
        ) { port in
            var flood: [RawConnection] = []
            for _ in 0..<40 { flood.append(try RawConnection(port: port)) }
            try await Task.sleep(for: .milliseconds(300))
            try await expectHealthAnswered(port: port, from: "127.0.0.2", within: .seconds(2))
            // The flood kept at most 4 of its connections.
            var open = 0
            for connection in flood {
                if await connection.receive(timeout: .milliseconds(20)) == .nothing { open += 1 }
            }
            #expect(open <= 4, "\(open) of one address's connections still open")
        }
    }

    /// Finding 1, the other half: silent connections from many addresses, each within the
    /// per-address limit, fill the server; near the limit the longest-idle ones are closed.
    @Test func nearTheLimitIdleConnectionsAreClosedForANewClient() async throws {
        try await withLiveServer(
            .testing {
                $0.maxConnections = 8
                $0.maxConnectionsPerClient = 0
                $0.idleTimeout = 30
            }
        ) { port in
            var flood: [RawConnection] = []
            for i in 0..<8 { flood.append(try RawConnection(port: port, from: "127.0.0.\(10 + i)")) }
            try await Task.sleep(for: .milliseconds(300))
            try await expectHealthAnswered(port: port, from: "127.0.0.3", within: .seconds(2))
            _ = flood
        }
    }

    /// Finding 6: an upload cut off by the client (Content-Length 1000, 9 bytes, then close) was
    /// counted as a 500 and logged at error level.
    @Test func aCutOffUploadIsNeitherA500NorAnError() async throws {
        let records = LogRecords()
        let logger = Logger(label: "faqserver-tests") { _ in RecordingLogHandler(records: records) }
        try await withLiveServer(.testing { _ in }, logger: logger) { port in
            for path in ["/v1/feedback", "/v1/errors/explain"] {
                let connection = try RawConnection(port: port)
                connection.send(
                    "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
                try await Task.sleep(for: .milliseconds(200))
            }
            // Both connections are dropped here, mid-body.
            try await Task.sleep(for: .milliseconds(500))
            let metrics = try RawConnection(port: port)
            metrics.send("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let text = await metrics.readAll(timeout: .seconds(5)).text
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(!text.contains(#"status="500""#), "\(text.split(separator: "\n").filter { $0.contains("status=") })")
            // Before the test stops the server (whose shutdown logs at error level).
            let errors = records.all.filter { $0.0 >= .error }
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    /// Finding 8: an HTTP/1.0 request without keep-alive was answered, then the socket stayed
    /// open until the idle timeout.
    @Test(arguments: ["HTTP/1.0", "HTTP/1.1\r\nConnection: Close", "HTTP/1.1\r\nConnection: TE, close"])
    func aConnectionThatAsksToCloseIsClosedAfterTheResponse(version: String) async throws {
        try await withLiveServer(.testing { $0.idleTimeout = 30 }) { port in
            let connection = try RawConnection(port: port)
            connection.send("GET /health \(version)\r\nHost: localhost\r\n\r\n")
            let (text, closed) = await connection.readAll(timeout: .seconds(3))
            #expect(text.contains(" 200 "), "\(text.prefix(100))")
            #expect(closed, "still open 3 s after the response")
        }
    }

    /// HTTP/1.0 with keep-alive, and HTTP/1.1 by default, stay open for the next request.
    @Test func keepAliveConnectionsStayOpen() async throws {
        try await withLiveServer(.testing { $0.idleTimeout = 30 }) { port in
            for head in ["GET /health HTTP/1.0\r\nConnection: keep-alive", "GET /health HTTP/1.1"] {
                let connection = try RawConnection(port: port)
                connection.send("\(head)\r\nHost: localhost\r\n\r\n")
                let (text, closed) = await connection.readAll(timeout: .seconds(1))
                #expect(text.contains(" 200 ") && !closed, "\(head)")
            }
        }
    }

    /// Finding 11: `Expect: 100-continue` never got `100 Continue`, so such clients waited.
    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        try await withLiveServer(.testing { _ in }) { port in
            let connection = try RawConnection(port: port)
            let body = "HTTP/1.1 429 Too Many Requests"
            connection.send(
                "POST /v1/errors/explain HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
            )
            guard case .data(let interim) = await connection.receive(timeout: .seconds(2)) else {
                Issue.record("no 100 Continue within 2 s")
                return
            }
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
            connection.send(body)
            var text = interim
            while !text.contains("\"status\"") {
                guard case .data(let more) = await connection.receive(timeout: .seconds(5)) else { break }
                text += more
            }
            #expect(text.contains("HTTP/1.1 200"), "\(text.prefix(300))")
            // Over the body limit: the 413 is the answer, not a 100.
            let big = try RawConnection(port: port)
            big.send("POST /v1/errors/explain HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
            guard case .data(let refused) = await big.receive(timeout: .seconds(2)) else {
                Issue.record("no answer to an oversized Expect")
                return
            }
            #expect(refused.hasPrefix("HTTP/1.1 413"), "\(refused.prefix(100))")
        }
    }
}

extension ServerOptions {
    /// The test servers' options (``TestArguments``: rate limit off) with `change` applied.
    static func testing(_ change: (inout ServerOptions) -> Void) -> ServerOptions {
        var options = TestArguments().serverOptions
        change(&options)
        return options
    }
}
