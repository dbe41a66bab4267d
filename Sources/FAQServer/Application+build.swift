import FAQKit
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// What the server needs from its command line: `faq serve` conforms to this, tests pass a struct.
/// Every HTTP option is in ``serverOptions``, whose defaults are the only ones.
public protocol AppArguments {
    var hostname: String { get }
    var port: Int { get }
    /// The index file; nil for the default per-corpus file under `~/.cache/faqkit`.
    var indexPath: String? { get }
    /// The FAQ (a markdown file or HTML page, a folder of them, a CSV, TSV or JSON file); nil for the bundled corpus.
    var corpusPath: String? { get }
    /// The contact link for questions without a confident answer; nil for the corpus's own.
    var contactURL: String? { get }
    /// The feedback database; nil for ``FeedbackStore/defaultURL(environment:)``.
    var feedbackPath: String? { get }
    /// Limits, CORS, rate limiting, the response cache and timeouts.
    var serverOptions: ServerOptions { get }
}

/// Builds the FAQ HTTP server. Run it with `try await app.runService()`, which shuts down
/// gracefully on SIGINT and SIGTERM (in-flight requests finish, then the process exits); on SIGHUP
/// the index is reopened and swapped in (``IndexReloadService``).
/// - Parameters:
///   - args: address, data paths and HTTP options.
///   - knowledgeBases: the knowledge base to serve; when nil, one is opened (and built if needed)
///     from `args.corpusPath` and `args.indexPath`.
///   - feedback: the feedback database; when nil, opened at `args.feedbackPath` or the default.
///   - metrics: the counters `/metrics` shows; the executable bootstraps the global metrics system
///     with ``ServerMetrics/factory`` so Hummingbird's request metrics land in the same registry.
///   - logger: server and request logger; requests are logged at debug level.
public func buildApplication(
    _ args: some AppArguments, knowledgeBases: KnowledgeBaseProvider? = nil, feedback: FeedbackStore? = nil,
    metrics: ServerMetrics = ServerMetrics(), logger: Logger
) async throws -> some ApplicationProtocol {
    let knowledgeBases =
        try knowledgeBases
        ?? KnowledgeBaseProvider(
            KnowledgeBase.open(
                KnowledgeBase.Configuration(
                    corpusURL: args.corpusPath.map { URL(fileURLWithPath: $0) } ?? BundledData.corpusURL,
                    indexURL: args.indexPath.map { URL(fileURLWithPath: $0) }, contactURL: args.contactURL),
                logger: logger))
    let knowledgeBase = knowledgeBases.current
    let feedback = try feedback ?? FeedbackStore(url: args.feedbackPath.map { URL(fileURLWithPath: $0) } ?? FeedbackStore.defaultURL())
    let options = args.serverOptions
    let router = buildRouter(knowledgeBases: knowledgeBases, feedback: feedback, metrics: metrics, options: options, logger: logger)
    metrics.recordIndexEntries(knowledgeBase.info.entryCount)
    logger.info(
        "FAQ server configured",
        metadata: [
            "address": "\(args.hostname):\(args.port)", "index": "\(knowledgeBase.info.path)",
            "entries": "\(knowledgeBase.info.entryCount)", "feedback": "\(feedback.url.path)",
        ])
    return Application(
        responder: HeadRequestResponder(base: router.buildResponder()),
        server: .http1(configuration: http1Configuration(options)),
        configuration: ApplicationConfiguration(
            address: .hostname(args.hostname, port: args.port), serverName: "FAQKit",
            availableConnectionsDelegate: options.maxConnections > 0 ? .maximum(options.maxConnections, logger: logger) : nil),
        services: [await IndexReloadService(knowledgeBases: knowledgeBases, metrics: metrics, logger: logger)],
        logger: logger)
}

/// The connection-level limits: header size (431 past it), idle and request timeouts, and room
/// for other clients when one holds many connections or the server nears its limit.
func http1Configuration(_ options: ServerOptions) -> HTTP1Channel.Configuration {
    let requestTimeout = options.requestTimeout
    let proxies = options.trustedProxies
    let connections = ConnectionGuard(perClientLimit: options.maxConnectionsPerClient, limit: options.maxConnections) {
        proxies.isProxy($0.ipAddress)
    }
    return HTTP1Channel.Configuration(
        additionalChannelHandlers: [
            HTTP1HeadHandlerInstaller(maxBodySize: ServerOptions.maxBodySize), ConnectionGuardHandler(connections), ParseErrorHandler(),
        ]
            + (requestTimeout > 0 ? [RequestTimeoutHandler(timeout: .seconds(Int64(requestTimeout)))] : []),
        idleTimeout: options.idleTimeout > 0 ? .seconds(Int64(options.idleTimeout)) : nil,
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: min(options.maxHeaderFieldSize, options.maxHeaderSize), maxHeaderListSize: options.maxHeaderSize,
            maxHeaderFieldCount: 100))
}

/// Builds `/v1/*`, `/health`, `/metrics`, `/openapi.json` and the widget files, behind the
/// metrics, CORS, error, body-size and rate-limit middleware (outermost first).
/// - Parameters:
///   - knowledgeBases: the knowledge base every `/v1` route reads, per request (`current`).
///   - feedback: where votes and abstained queries are stored.
///   - metrics: the counters `/metrics` shows.
///   - options: rate limit, CORS allowlist and preflight cache time.
///   - logger: used by the file middleware; request logs use each request's logger.
public func buildRouter(
    knowledgeBases knowledgeBase: KnowledgeBaseProvider, feedback: FeedbackStore, metrics: ServerMetrics = ServerMetrics(),
    options: ServerOptions = ServerOptions(), logger: Logger
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routeTable = RouteTable()

    // Middleware applies to the routes added after it, so all of it comes first.
    router.add(middleware: SecurityHeadersMiddleware())
    // Counts and times every request (`faq_http_requests_total`, `faq_http_request_duration_seconds`)
    // through the global metrics system; see ``ServerMetrics/prometheusName(_:_:)``.
    router.add(middleware: MetricsMiddleware())
    // One line per request at debug level, never info: it would flood production logs.
    router.add(middleware: LogRequestsMiddleware(.debug))
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
                trustedProxies: options.trustedProxies, metrics: metrics, routes: routeTable))
    }
    // The widget and its demo page, at their own paths only (`/` is index.html).
    router.add(
        middleware: StaticFilesMiddleware(
            files: FileMiddleware(
                ServerResources.publicFolder.path,
                cacheControl: CacheControl([(MediaType(type: .any), [.public, .maxAge(300)])]),
                searchForIndexHtml: true,
                logger: logger),
            paths: Set(staticPaths)))

    router.addRoutes(
        SearchController(
            knowledgeBase: knowledgeBase, feedback: feedback, metrics: metrics, cache: ResponseCache(capacity: options.responseCacheBytes),
            debugHeaders: options.debugHeaders
        ).endpoints, atPath: "/v1")
    router.addRoutes(EntriesController(knowledgeBase: knowledgeBase).endpoints, atPath: "/v1")
    router.addRoutes(FeedbackController(knowledgeBase: knowledgeBase, feedback: feedback, metrics: metrics).endpoints, atPath: "/v1")
    router.addRoutes(ErrorsController(knowledgeBase: knowledgeBase).endpoints, atPath: "/v1")
    let openAPI = OpenAPIDocument(bundled: ServerResources.openAPIDocument())
    router.addRoutes(SystemController(knowledgeBase: knowledgeBase, metrics: metrics, openAPI: openAPI).endpoints)

    for route in router.routes {
        // HeadRequestResponder answers HEAD wherever GET is served.
        routeTable.add(route.path.description, methods: route.method == .get ? [.get, .head] : [route.method])
    }
    for file in staticPaths {
        routeTable.add(file, methods: [.get, .head])
    }
    return router
}

/// The paths `FileMiddleware` serves from ``ServerResources/publicFolder``.
let staticPaths = ["/", "/widget.js"]
