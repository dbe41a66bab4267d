import FAQKit
import FAQServer
import Foundation
import Hummingbird
import Testing

/// Limits that live below the router, on the connection: header size, idle and request
/// timeouts, and the number of open connections. Each runs the real server on a loopback port
/// and talks to it over a raw socket (``RawConnection``), because an HTTP client library does
/// not send half requests or oversized heads. The server runs through `runService`, not
/// HummingbirdTesting's `.live`: `.live` rebuilds the configuration with `with(address:)`, which
/// drops `availableConnectionsDelegate`, so the connection limit would not be under test. Body
/// size, query length and the rate limit are tested in `HTTPBehaviourTests` and `SearchTests`.
/// Serialized: each test is about timing on a loopback socket, which other suites running
/// beside it on a 2-core machine can delay.
@Suite(.serialized) struct ConnectionLimitsTests {
    /// Runs the server with `configure`d arguments on a free loopback port and hands `body` the port.
    func withLiveServer(_ configure: (inout TestArguments) -> Void, _ body: @Sendable @escaping (Int) async throws -> Void) async throws {
        let server = try TestServer(configure: configure)
        var arguments = server.arguments
        arguments.port = try freeLoopbackPort()
        let port = arguments.port
        let app = try await buildApplication(arguments, knowledgeBase: server.knowledgeBase, logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var listening = false
            for _ in 0..<100 where !listening {
                if (try? RawConnection(port: port)) != nil { listening = true } else { try await Task.sleep(for: .milliseconds(50)) }
            }
            try #require(listening, "the server did not listen on \(port)")
            try await body(port)
            group.cancelAll()
        }
    }

    @Test func headersOverTheLimitGet431WithTheJSONErrorShape() async throws {
        try await withLiveServer({ $0.maxHeaderSize = 8 * 1024 }) { port in
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

    @Test func silentAndHalfSentConnectionsAreClosedByTheIdleTimeout() async throws {
        try await withLiveServer({ $0.idleTimeout = 1; $0.requestTimeout = 0 }) { port in
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
            for (name, connection) in [("silent", silent), ("half a head", halfHead), ("half a body", halfBody), ("idle after a request", keptAlive)] {
                let closedAfter = await connection.waitForClose(timeout: .seconds(10))
                #expect(closedAfter != nil, "\(name): still open after 10 s")
            }
        }
    }

    @Test func aTricklingBodyIsCutByTheRequestTimeout() async throws {
        try await withLiveServer({ $0.idleTimeout = 30; $0.requestTimeout = 1 }) { port in
            let connection = try RawConnection(port: port)
            connection.send("POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            // A byte every 200 ms keeps the idle timer from firing; only the request timeout can.
            let clock = ContinuousClock()
            let start = clock.now
            var closed = false
            while clock.now - start < .seconds(10) {
                if !connection.send(" ") { closed = true; break }
                if await connection.receive(timeout: .milliseconds(200)) == .closed { closed = true; break }
            }
            let elapsed = clock.now - start
            #expect(closed, "still open after \(elapsed) of trickling")
            #expect(elapsed >= .milliseconds(800), "closed after \(elapsed), before the 1 s limit")
        }
    }

    @Test func connectionsOverTheLimitWaitUntilOneCloses() async throws {
        try await withLiveServer({ $0.maxConnections = 2; $0.idleTimeout = 30 }) { port in
            let request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
            var open: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try RawConnection(port: port)
                connection.send(request)
                guard case .data(let response) = await connection.receive(timeout: .seconds(5)) else {
                    Issue.record("no response within the limit")
                    return
                }
                #expect(response.hasPrefix("HTTP/1.1 200"))
                open.append(connection)
            }
            // The third connects (the kernel's backlog) but is not served while two are open.
            let third = try RawConnection(port: port)
            third.send(request)
            #expect(await third.receive(timeout: .seconds(1)) == .nothing, "served over the limit")
            open.removeFirst()  // closes it
            guard case .data(let response) = await third.receive(timeout: .seconds(5)) else {
                Issue.record("not served after a connection closed")
                return
            }
            #expect(response.hasPrefix("HTTP/1.1 200"))
        }
    }
}
