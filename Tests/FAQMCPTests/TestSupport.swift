import FAQKit
import FAQMCP
import Foundation
import Logging
import MCP
import Testing

/// A logger that drops everything: tests must not bootstrap the logging system.
let quietLogger = Logger(label: "faqmcp-tests", factory: { _ in SwiftLogNoOpLogHandler() })

enum Shared {
    /// The bundled corpus, indexed once per test run in a temporary directory.
    static let knowledgeBase: KnowledgeBase = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faqmcp-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try! KnowledgeBase.open(.init(indexURL: directory.appendingPathComponent("index.sqlite")), logger: quietLogger)
    }()
}

/// A client connected to an ``FAQMCPServer`` through the SDK's in-memory transport: every
/// request goes through JSON-RPC encoding, the server's dispatch and the client's decoding, as
/// it would over stdio.
struct Session {
    let client: Client
    let server: Server
    let initializeResult: Initialize.Result

    static func start(configuration: FAQMCPConfiguration = .init(), knowledgeBase: KnowledgeBase = Shared.knowledgeBase) async throws -> Session {
        let (clientTransport, serverTransport) = await InMemoryTransport.createConnectedPair()
        let server = await FAQMCPServer(knowledgeBase: knowledgeBase, configuration: configuration, logger: quietLogger).makeServer()
        try await server.start(transport: serverTransport)
        let client = Client(name: "faqmcp-tests", version: "1.0")
        let result = try await client.connect(transport: clientTransport)
        return Session(client: client, server: server, initializeResult: result)
    }

    func stop() async {
        await client.disconnect()
        await server.stop()
    }

    /// The whole `tools/call` result, `structuredContent` included (the client's `callTool`
    /// drops it).
    func call(_ name: String, _ arguments: [String: Value]? = nil) async throws -> CallTool.Result {
        try await client.send(CallTool.request(.init(name: name, arguments: arguments))).value
    }

    /// Runs `body` in a fresh session and stops it afterwards, also when `body` throws.
    static func with<T>(
        configuration: FAQMCPConfiguration = .init(), knowledgeBase: KnowledgeBase = Shared.knowledgeBase, _ body: (Session) async throws -> T
    ) async throws -> T {
        let session = try await start(configuration: configuration, knowledgeBase: knowledgeBase)
        do {
            let value = try await body(session)
            await session.stop()
            return value
        } catch {
            await session.stop()
            throw error
        }
    }
}

extension CallTool.Result {
    /// The text blocks joined.
    var text: String {
        content.compactMap { block in
            if case .text(let text, _, _) = block { return text }
            return nil
        }.joined(separator: "\n")
    }

    /// `structuredContent` decoded as `T`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try #require(structuredContent, "no structuredContent in \(text)")
        return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }
}

/// Checks `value` against the subset of JSON Schema the tools' output schemas use (`type`,
/// `properties`, `required`, `items`, `enum`, `minimum`, `maximum`) and returns what does not
/// conform, one line per problem. Clients such as the Python SDK reject a result whose
/// `structuredContent` does not match its tool's `outputSchema`.
func schemaViolations(_ value: Value, _ schema: Value, at path: String = "$") -> [String] {
    guard case .object(let rules) = schema else { return ["\(path): schema is not an object"] }
    var problems: [String] = []
    if case .string(let type)? = rules["type"] {
        let matches: Bool
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("integer", .int),
            ("number", .int), ("number", .double), ("null", .null):
            matches = true
        default:
            matches = false
        }
        if !matches { return ["\(path): expected \(type), got \(value)"] }
    }
    if case .array(let allowed)? = rules["enum"], !allowed.contains(value) { problems.append("\(path): \(value) not in \(allowed)") }
    let number: Double? = value.doubleValue ?? value.intValue.map(Double.init)
    if let number, let minimum = rules["minimum"]?.doubleValue ?? rules["minimum"]?.intValue.map(Double.init), number < minimum {
        problems.append("\(path): \(number) < \(minimum)")
    }
    if let number, let maximum = rules["maximum"]?.doubleValue ?? rules["maximum"]?.intValue.map(Double.init), number > maximum {
        problems.append("\(path): \(number) > \(maximum)")
    }
    if case .object(let object) = value {
        if case .array(let required)? = rules["required"] {
            for key in required.compactMap(\.stringValue) where object[key] == nil { problems.append("\(path): missing \(key)") }
        }
        if case .object(let properties)? = rules["properties"] {
            for (key, child) in object {
                guard let childSchema = properties[key] else {
                    problems.append("\(path).\(key): not in the schema")
                    continue
                }
                problems += schemaViolations(child, childSchema, at: "\(path).\(key)")
            }
        }
    }
    if case .array(let items) = value, let itemSchema = rules["items"] {
        for (i, item) in items.enumerated() { problems += schemaViolations(item, itemSchema, at: "\(path)[\(i)]") }
    }
    return problems
}
