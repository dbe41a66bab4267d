import CoreMetrics
import Metrics

/// The test process's global metrics system: it hands each metric to the factory of the server
/// under test, found in a task-local, so parallel tests each count only their own requests.
///
/// Hummingbird's `MetricsMiddleware` makes its counters through the global `MetricsSystem`, which
/// can be bootstrapped once per process; a server's own metrics take their factory directly
/// (``ServerMetrics``). A request's handlers run in child tasks of the test, which inherit the
/// task-local, so the middleware's first counter for a route lands in that test's registry.
struct TaskLocalMetricsFactory: MetricsFactory {
    @TaskLocal static var current: (any MetricsFactory)?

    /// Bootstraps the global metrics system once for the whole test process.
    static let installed: Void = MetricsSystem.bootstrap(TaskLocalMetricsFactory())

    private var factory: any MetricsFactory { Self.current ?? NOOPMetricsHandler.instance }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        factory.makeCounter(label: label, dimensions: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        factory.makeFloatingPointCounter(label: label, dimensions: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        factory.makeMeter(label: label, dimensions: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        factory.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        factory.makeTimer(label: label, dimensions: dimensions)
    }

    // Handlers are never destroyed by the server; a test's registry goes away with the test.
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}
