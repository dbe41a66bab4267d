import FAQKit
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Reopens the index on every SIGHUP (rebuilding it first when its corpus changed) and swaps it in
/// without dropping requests (``KnowledgeBaseProvider/reload(logger:)``). A failed reload keeps the
/// current index serving; it is logged, shown on `/health` and counted in
/// `faq_index_reload_failures_total`.
///
/// A `Service` in the application's service group, so it ends with the server on SIGINT or
/// SIGTERM (graceful shutdown) and no signal handler or dispatch source outlives it.
public struct IndexReloadService<Signals: AsyncSequence & Sendable>: Service where Signals.Element == UnixSignal {
    let knowledgeBases: KnowledgeBaseProvider
    let signals: Signals
    let metrics: ServerMetrics
    let logger: Logger

    /// - Parameters:
    ///   - knowledgeBases: the knowledge base to reload.
    ///   - signals: each element is one reload request (tests pass their own sequence).
    ///   - metrics: where failed reloads are counted.
    ///   - logger: where reloads are reported.
    public init(knowledgeBases: KnowledgeBaseProvider, signals: Signals, metrics: ServerMetrics, logger: Logger) {
        self.knowledgeBases = knowledgeBases
        self.signals = signals
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        for try await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload. Opening an index reads (and a rebuild writes) files for up to minutes: that runs
    /// on NIO's blocking-I/O thread pool, not on a thread of the cooperative pool.
    func reload() async {
        let knowledgeBases = knowledgeBases
        let logger = logger
        do {
            let reloaded = try await NIOThreadPool.singleton.runIfActive { try knowledgeBases.reload(logger: logger) }
            metrics.recordIndexEntries(reloaded.info.entryCount)
        } catch {
            // Logged by the provider, with the previous index still serving.
            metrics.recordReloadFailure()
        }
    }
}

extension IndexReloadService where Signals == UnixSignalsSequence {
    /// Reloads on SIGHUP.
    public init(knowledgeBases: KnowledgeBaseProvider, metrics: ServerMetrics, logger: Logger) async {
        self.init(knowledgeBases: knowledgeBases, signals: await UnixSignalsSequence(trapping: .sighup), metrics: metrics, logger: logger)
    }
}

extension IndexReloadService: CustomStringConvertible {
    /// How the service group logs this service (it would otherwise print every stored property).
    public var description: String { "IndexReloadService" }
}
