import ArgumentParser
import FAQKit
import FAQServer
import Foundation
import Hummingbird
import Logging
import Metrics

/// `faq serve`: the HTTP API and help widget. Stops gracefully on SIGINT or SIGTERM; reopens the
/// index on SIGHUP.
struct Serve: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(
        abstract: "Serve the knowledge base over HTTP (JSON API under /v1, the help widget at /widget.js, a demo page at /).")

    /// Where every default below comes from.
    private static let defaults = ServerOptions()

    @OptionGroup var options: KnowledgeBaseOptions

    @Option(name: .customLong("host"), help: "Address to listen on.")
    var hostname = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(
        name: .customLong("feedback-db"),
        help: ArgumentHelp("Feedback database (default: FAQ_FEEDBACK_DB, else ~/.local/share/faqkit/feedback.sqlite).", valueName: "path"))
    var feedbackPath: String?

    @Option(name: .customLong("rate-limit"), help: "Sustained requests per minute per client on /v1; 0 turns it off.")
    var rateLimitPerMinute = Serve.defaults.rateLimitPerMinute

    @Option(name: .customLong("rate-burst"), help: "Requests a client may make at once before the rate applies.")
    var rateLimitBurst = Serve.defaults.rateLimitBurst

    @Option(name: .customLong("allow-origin"), help: "A browser origin allowed by CORS (repeatable; none given allows any).")
    var allowedOrigins: [String] = Serve.defaults.allowedOrigins

    @Option(name: .customLong("cache-mb"), help: "Memory for cached search and ask responses, in MiB; 0 turns the cache off.")
    var responseCacheMegabytes = Serve.defaults.responseCacheBytes >> 20

    @Flag(name: .customLong("trust-forwarded-for"), help: "Same as --trusted-proxies 1.")
    var trustForwardedFor = false

    @Option(
        name: .customLong("trusted-proxies"),
        help: ArgumentHelp(
            "Reverse proxies in front of the server: a hop count, or their addresses and blocks (10.0.0.1,192.168.0.0/16). Rate limits key on the right-most X-Forwarded-For address they did not write.",
            valueName: "n|list"))
    var trustedProxiesText: String?

    @Flag(name: .customLong("debug-headers"), help: "Send X-Cache: hit|miss on search and ask responses.")
    var debugHeaders = Serve.defaults.debugHeaders

    @Option(name: .customLong("max-connections"), help: "Most connections open at once; more wait until one closes (0: no limit).")
    var maxConnections = Serve.defaults.maxConnections

    @Option(name: .customLong("max-connections-per-client"), help: "Most connections open at once from one client address (0: no limit).")
    var maxConnectionsPerClient = Serve.defaults.maxConnectionsPerClient

    @Option(name: .customLong("idle-timeout"), help: "Seconds a silent connection stays open (0: no limit).")
    var idleTimeout = Serve.defaults.idleTimeout

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take to arrive in full (0: no limit).")
    var requestTimeout = Serve.defaults.requestTimeout

    var indexPath: String? { options.indexURL?.path }
    var corpusPath: String? { options.corpus }
    var contactURL: String? { options.configuration().contactURL }

    var serverOptions: ServerOptions {
        var serverOptions = Self.defaults
        serverOptions.rateLimitPerMinute = rateLimitPerMinute
        serverOptions.rateLimitBurst = rateLimitBurst
        serverOptions.allowedOrigins = allowedOrigins
        let proxies = trustedProxiesText.flatMap(TrustedProxies.init) ?? .none
        serverOptions.trustedProxies = proxies == .none && trustForwardedFor ? .hops(1) : proxies
        serverOptions.responseCacheBytes = max(0, responseCacheMegabytes) << 20
        serverOptions.debugHeaders = debugHeaders
        serverOptions.maxConnections = maxConnections
        serverOptions.maxConnectionsPerClient = maxConnectionsPerClient
        serverOptions.idleTimeout = idleTimeout
        serverOptions.requestTimeout = requestTimeout
        return serverOptions
    }

    func validate() throws {
        if let text = trustedProxiesText, TrustedProxies(text) == nil {
            throw ValidationError("--trusted-proxies takes a hop count or addresses and blocks separated by commas, such as 10.0.0.1,192.168.0.0/16")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        for origin in allowedOrigins where !ServerOptions.isOrigin(origin) {
            throw ValidationError(
                "--allow-origin takes an origin, a scheme and a host with an optional port (https://help.example.com), not `\(origin)`")
        }
        guard rateLimitPerMinute >= 0, rateLimitBurst >= 1 else { throw ValidationError("--rate-limit must be ≥ 0 and --rate-burst ≥ 1") }
        guard maxConnections >= 0, maxConnectionsPerClient >= 0, idleTimeout >= 0, requestTimeout >= 0 else {
            throw ValidationError("--max-connections, --max-connections-per-client, --idle-timeout and --request-timeout must be ≥ 0")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let kb = try options.open()
            var logger = Logger(label: "faq.server")
            logger.logLevel = options.verbose ? .debug : .info
            // The process's metrics system, bootstrapped here and nowhere else: Hummingbird's
            // request metrics and the server's own go to the registry `/metrics` renders.
            let metrics = ServerMetrics()
            MetricsSystem.bootstrap(metrics.factory)
            do {
                let app = try await buildApplication(self, knowledgeBases: KnowledgeBaseProvider(kb), metrics: metrics, logger: logger)
                try await app.runService()
            } catch let error as FeedbackStore.OpenError {
                throw CLIError(error.description)  // not the address's fault
            } catch {
                throw CLIError("cannot serve on \(hostname):\(port): \(error)")
            }
        }
    }
}
