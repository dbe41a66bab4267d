import FAQKit
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// What the server needs from its command line: `faq serve` conforms to this, tests pass a struct.
/// Only the address is required; the rest have defaults (see ``ServerOptions``).
public protocol AppArguments {
    var hostname: String { get }
    var port: Int { get }
    /// The index file; nil for the default per-corpus file under `~/.cache/faqkit`.
    var indexPath: String? { get }
    /// The FAQ (a markdown file, a folder, a CSV or JSON file); nil for the bundled corpus.
    var corpusPath: String? { get }
    /// The contact link for questions without a confident answer; nil for the corpus's own.
    var contactURL: String? { get }
    /// The feedback database; nil for ``FeedbackStore/defaultURL(environment:)``.
    var feedbackPath: String? { get }
    /// Sustained requests per minute per client on `/v1`; 0 turns rate limiting off.
    var rateLimitPerMinute: Int { get }
    /// Requests a client may make at once before the sustained rate applies.
    var rateLimitBurst: Int { get }
    /// Browser origins allowed by CORS; empty allows any.
    var allowedOrigins: [String] { get }
    /// Rate-limit on `X-Forwarded-For` (behind a reverse proxy only).
    var trustForwardedFor: Bool { get }
    /// MiB of cached search and ask responses; 0 turns the cache off.
    var responseCacheMegabytes: Int { get }
    /// Seconds a silent connection stays open; 0 turns the idle timeout off.
    var idleTimeout: Int { get }
    /// Seconds a request may take to arrive in full; 0 turns the request timeout off.
    var requestTimeout: Int { get }
    /// Most connections open at once; 0 means no limit.
    var maxConnections: Int { get }
    /// The largest request line plus headers accepted, in bytes.
    var maxHeaderSize: Int { get }
}

extension AppArguments {
    public var indexPath: String? { nil }
    public var corpusPath: String? { nil }
    public var contactURL: String? { nil }
    public var feedbackPath: String? { nil }
    public var rateLimitPerMinute: Int { ServerOptions().rateLimitPerMinute }
    public var rateLimitBurst: Int { ServerOptions().rateLimitBurst }
    public var allowedOrigins: [String] { [] }
    public var trustForwardedFor: Bool { false }
    public var responseCacheMegabytes: Int { ServerOptions().responseCacheBytes >> 20 }
    public var idleTimeout: Int { ServerOptions().idleTimeout }
    public var requestTimeout: Int { ServerOptions().requestTimeout }
    public var maxConnections: Int { ServerOptions().maxConnections }
    public var maxHeaderSize: Int { ServerOptions().maxHeaderSize }

    /// The HTTP-layer options these arguments describe.
    public var serverOptions: ServerOptions {
        ServerOptions(
            rateLimitPerMinute: rateLimitPerMinute, rateLimitBurst: rateLimitBurst, allowedOrigins: allowedOrigins,
            trustForwardedFor: trustForwardedFor, maxHeaderSize: maxHeaderSize,
            maxHeaderFieldSize: min(maxHeaderSize, ServerOptions().maxHeaderFieldSize), idleTimeout: idleTimeout,
            requestTimeout: requestTimeout, maxConnections: maxConnections,
            responseCacheBytes: max(0, responseCacheMegabytes) << 20)
    }
}

/// Builds the FAQ HTTP server. Run it with `try await app.runService()`, which shuts down
/// gracefully on SIGINT and SIGTERM (in-flight requests finish, then the process exits).
/// - Parameters:
///   - args: address, data paths and HTTP options.
///   - knowledgeBase: an open knowledge base; when nil, one is opened (and built if needed) from
///     `args.corpusPath` and `args.indexPath`.
///   - feedback: the feedback database; when nil, opened at `args.feedbackPath` or the default.
///   - logger: server and request logger; requests are logged at debug level.
public func buildApplication(
    _ args: some AppArguments, knowledgeBase: KnowledgeBase? = nil, feedback: FeedbackStore? = nil, logger: Logger
) async throws -> some ApplicationProtocol {
    let knowledgeBase =
        try knowledgeBase ?? openKnowledgeBase(args, logger: logger)
    return try buildApplication(args, knowledgeBases: KnowledgeBaseProvider(knowledgeBase), feedback: feedback, logger: logger)
}

/// Opens (and builds if needed) the knowledge base `args` names.
func openKnowledgeBase(_ args: some AppArguments, logger: Logger) throws -> KnowledgeBase {
    try KnowledgeBase.open(
        KnowledgeBase.Configuration(
            corpusURL: args.corpusPath.map { URL(fileURLWithPath: $0) } ?? BundledData.corpusURL,
            indexURL: args.indexPath.map { URL(fileURLWithPath: $0) }, contactURL: args.contactURL),
        logger: logger)
}

/// `buildApplication` over a swappable knowledge base (see ``KnowledgeBaseProvider``).
public func buildApplication(
    _ args: some AppArguments, knowledgeBases: KnowledgeBaseProvider, feedback: FeedbackStore? = nil, logger: Logger
) throws -> some ApplicationProtocol {
    let knowledgeBase = knowledgeBases.current
    let feedback = try feedback ?? FeedbackStore(url: args.feedbackPath.map { URL(fileURLWithPath: $0) } ?? FeedbackStore.defaultURL())
    let router = buildRouter(knowledgeBases: knowledgeBases, feedback: feedback, options: args.serverOptions, logger: logger)
    logger.info(
        "FAQ server configured",
        metadata: [
            "address": "\(args.hostname):\(args.port)", "index": "\(knowledgeBase.info.path)",
            "entries": "\(knowledgeBase.info.entryCount)", "feedback": "\(feedback.url.path)",
        ])
    let options = args.serverOptions
    return Application(
        router: router,
        server: .http1(configuration: http1Configuration(options)),
        configuration: ApplicationConfiguration(
            address: .hostname(args.hostname, port: args.port), serverName: "FAQKit",
            availableConnectionsDelegate: options.maxConnections > 0 ? .maximum(options.maxConnections, logger: logger) : nil),
        logger: logger)
}

/// The connection-level limits: header size (431 past it), idle and request timeouts.
func http1Configuration(_ options: ServerOptions) -> HTTP1Channel.Configuration {
    let requestTimeout = options.requestTimeout
    return HTTP1Channel.Configuration(
        additionalChannelHandlers: [HeaderSizeLimitHandler()]
            + (requestTimeout > 0 ? [RequestTimeoutHandler(timeout: .seconds(Int64(requestTimeout)))] : []),
        idleTimeout: options.idleTimeout > 0 ? .seconds(Int64(options.idleTimeout)) : nil,
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: options.maxHeaderFieldSize, maxHeaderListSize: options.maxHeaderSize, maxHeaderFieldCount: 100))
}

/// Builds `/v1/*`, `/health`, `/metrics`, `/openapi.json` and the widget files, behind the
/// metrics, CORS, error, body-size and rate-limit middleware (outermost first).
/// - Parameters:
///   - knowledgeBase: the open knowledge base every `/v1` route reads.
///   - feedback: where votes and abstained queries are stored.
///   - metrics: the counters `/metrics` shows; pass your own to read them elsewhere.
///   - options: rate limit, CORS allowlist and preflight cache time.
///   - logger: used by the file middleware; request logs use each request's logger.
public func buildRouter(
    knowledgeBase: KnowledgeBase, feedback: FeedbackStore, metrics: ServerMetrics = ServerMetrics(),
    options: ServerOptions = ServerOptions(), logger: Logger
) -> Router<AppRequestContext> {
    buildRouter(knowledgeBases: KnowledgeBaseProvider(knowledgeBase), feedback: feedback, metrics: metrics, options: options, logger: logger)
}

/// `buildRouter` over a swappable knowledge base: routes read `knowledgeBases.current` per request.
public func buildRouter(
    knowledgeBases knowledgeBase: KnowledgeBaseProvider, feedback: FeedbackStore, metrics: ServerMetrics = ServerMetrics(),
    options: ServerOptions = ServerOptions(), logger: Logger
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routeTable = RouteTable()

    // Middleware applies to the routes added after it, so all of it comes first.
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    if !options.allowedOrigins.isEmpty {
        router.add(middleware: OriginAllowlistMiddleware(allowed: Set(options.allowedOrigins)))
    }
    router.add(
        middleware: CORSMiddleware(
            allowOrigin: options.allowedOrigins.isEmpty ? .all : .originBased,
            allowHeaders: [.accept, .contentType, .origin],
            allowMethods: [.get, .post, .head, .options],
            exposedHeaders: ["Retry-After"],
            maxAge: .seconds(Int64(options.corsMaxAge))))
    router.add(middleware: APIErrorMiddleware(routes: routeTable))
    router.add(middleware: BodyLimitMiddleware(maxSize: ServerOptions.maxBodySize))
    if options.rateLimitPerMinute > 0 {
        router.add(
            middleware: RateLimitMiddleware(
                limiter: TokenBucketLimiter(requestsPerMinute: options.rateLimitPerMinute, burst: options.rateLimitBurst),
                trustForwardedFor: options.trustForwardedFor, metrics: metrics))
    }
    // The widget and its demo page: served when no route matches (`/` is index.html).
    router.add(
        middleware: FileMiddleware(
            ServerResources.publicFolder.path,
            cacheControl: CacheControl([(MediaType(type: .any), [.public, .maxAge(300)])]),
            searchForIndexHtml: true,
            logger: logger))

    router.addRoutes(
        SearchController(
            knowledgeBase: knowledgeBase, feedback: feedback, metrics: metrics, cache: ResponseCache(capacity: options.responseCacheBytes)
        ).endpoints, atPath: "/v1")
    router.addRoutes(EntriesController(knowledgeBase: knowledgeBase).endpoints, atPath: "/v1")
    router.addRoutes(FeedbackController(knowledgeBase: knowledgeBase, feedback: feedback, metrics: metrics).endpoints, atPath: "/v1")
    router.addRoutes(ErrorsController(knowledgeBase: knowledgeBase).endpoints, atPath: "/v1")
    router.addRoutes(
        SystemController(knowledgeBase: knowledgeBase, metrics: metrics, openAPI: ServerResources.openAPIDocument()).endpoints)

    for route in router.routes {
        routeTable.add(route.path.description, methods: [route.method])
    }
    for file in staticPaths {
        routeTable.add(file, methods: [.get, .head])
    }
    return router
}

/// The paths `FileMiddleware` serves from ``ServerResources/publicFolder``.
let staticPaths = ["/", "/widget.js"]

/// Opens everything `args` names and serves until SIGINT or SIGTERM, for `faq serve`. On SIGHUP
/// the index is reopened (rebuilt first if its corpus changed) and swapped in without dropping
/// requests; a failed reload keeps the current index serving.
public func runServer(_ args: some AppArguments, knowledgeBase: KnowledgeBase? = nil, logger: Logger) async throws {
    let knowledgeBase =
        try knowledgeBase ?? openKnowledgeBase(args, logger: logger)
    let provider = KnowledgeBaseProvider(knowledgeBase)
    let app = try buildApplication(args, knowledgeBases: provider, logger: logger)
    signal(SIGHUP, SIG_IGN)
    let reloads = DispatchQueue(label: "faqkit.index-reload")
    let hangUp = DispatchSource.makeSignalSource(signal: SIGHUP, queue: reloads)
    hangUp.setEventHandler { _ = try? provider.reload(logger: logger) }
    hangUp.resume()
    defer { hangUp.cancel() }
    try await app.runService()
}
