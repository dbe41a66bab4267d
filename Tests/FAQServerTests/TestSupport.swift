import FAQKit
import FAQServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// `AppArguments` for tests: rate limiting off unless a test turns it on, feedback in a temp dir.
/// The server options read and write through (`$0.rateLimitPerMinute = 5`).
@dynamicMemberLookup
struct TestArguments: AppArguments {
    var hostname = "127.0.0.1"
    var port = 0
    var indexPath: String?
    var corpusPath: String?
    var contactURL: String?
    var feedbackPath: String?
    var serverOptions = ServerOptions(rateLimitPerMinute: 0)

    subscript<Value>(dynamicMember keyPath: WritableKeyPath<ServerOptions, Value>) -> Value {
        get { serverOptions[keyPath: keyPath] }
        set { serverOptions[keyPath: keyPath] = newValue }
    }
}

/// A logger that drops everything: tests must not bootstrap the logging system.
let quietLogger = Logger(label: "faqserver-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A fresh temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("faqserver-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

enum Shared {
    /// The bundled corpus, indexed once per test run in a temporary directory.
    static let knowledgeBase: KnowledgeBase = {
        let directory = try! makeTemporaryDirectory()
        return try! KnowledgeBase.open(.init(indexURL: directory.appendingPathComponent("index.sqlite")), logger: quietLogger)
    }()
}

/// One server under test: its own feedback database and metrics, the shared knowledge base.
struct TestServer {
    var arguments: TestArguments
    let directory: URL
    var knowledgeBase: KnowledgeBase
    /// What this server's `/metrics` shows; see ``withMetrics(_:)``.
    let metrics = ServerMetrics()

    init(knowledgeBase: KnowledgeBase = Shared.knowledgeBase, configure: (inout TestArguments) -> Void = { _ in }) throws {
        directory = try makeTemporaryDirectory()
        arguments = TestArguments()
        arguments.feedbackPath = directory.appendingPathComponent("feedback.sqlite").path
        configure(&arguments)
        self.knowledgeBase = knowledgeBase
    }

    var feedbackURL: URL { URL(fileURLWithPath: arguments.feedbackPath!) }

    /// The application over these arguments (or `arguments`), the knowledge base and ``metrics``.
    func makeApplication(_ arguments: TestArguments? = nil, logger: Logger = quietLogger) async throws -> some ApplicationProtocol {
        try await buildApplication(
            arguments ?? self.arguments, knowledgeBases: KnowledgeBaseProvider(knowledgeBase), metrics: metrics, logger: logger)
    }

    /// Runs `body` with the request metrics Hummingbird records through the global metrics system
    /// going to ``metrics`` (see ``TaskLocalMetricsFactory``). Start the server inside it.
    func withMetrics<Value>(_ body: () async throws -> Value) async throws -> Value {
        TaskLocalMetricsFactory.installed
        return try await TaskLocalMetricsFactory.$current.withValue(metrics.factory) { try await body() }
    }

    /// Builds the application and runs `body` against it; in-process unless `setup` says otherwise.
    @discardableResult
    func run<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await withMetrics {
            let app = try await makeApplication()
            return try await app.test(setup, body)
        }
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        guard let dictionary = object as? [String: Any] else { throw TestFailure("body is not a JSON object: \(text)") }
        return dictionary
    }

    var text: String { String(buffer: body) }

    /// The `error.code` of an error response.
    func errorCode() throws -> String? {
        (try json()["error"] as? [String: Any])?["code"] as? String
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Percent-encodes a query parameter value (everything but unreserved characters).
func encoded(_ value: String) -> String {
    value.addingPercentEncoding(
        withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
}

/// A question the bundled corpus answers, and one it does not.
let answerableQuestion = "发票多久能开出来"
let unanswerableQuestion = "今天北京的天气怎么样"

extension ByteBuffer {
    init(json object: Any) throws {
        self.init(bytes: try JSONSerialization.data(withJSONObject: object))
    }
}

/// Whether a rate-limit test's requests still fall inside one refill: the tests allow one request a
/// minute, so a refused request is only expected while less than that has passed since the first.
/// On a machine loaded enough to stretch a few requests past a minute (four builds beside the
/// tests once did), the bucket has really refilled and "allowed" is right.
struct RefillWindow {
    let start = ContinuousClock.now

    var isOpen: Bool { ContinuousClock.now - start < .seconds(55) }
}
