import CoreMetrics
import KubeOperationalServer
import Prometheus
import Synchronization

/// The metrics of `agri-operator run` — a Prometheus registry with controller-runtime's buckets — plus a count of
/// reconciles by result, which the operator benchmark reads.
///
/// The benchmark's operator process used swift-metrics' `TestMetrics`, which keeps every value ever recorded: its
/// memory grew with the number of reconciles and queue operations, which `agri-operator run` does not. Every metric
/// goes to the same factory as in production; only `controller_runtime_reconcile_total` is also counted here.
final class ReconcileCountingMetrics: MetricsFactory, Sendable {
    private let inner: PrometheusMetricsFactory
    private let counts = Mutex<[String: Int]>([:])

    init() {
        inner = ControllerRuntimeMetrics.makeFactory(registry: PrometheusCollectorRegistry())
    }

    /// Reconciles finished with this `result` label (`success`, `error`, `requeue`, `requeue_after`), or all.
    func reconciles(result: String? = nil) -> Int {
        counts.withLock { counts in result.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +) }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let handler = inner.makeCounter(label: label, dimensions: dimensions)
        guard label == "controller_runtime_reconcile_total",
            let result = dimensions.first(where: { $0.0 == "result" })?.1
        else { return handler }
        return CountingHandler(inner: handler, result: result, counts: self)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        inner.makeFloatingPointCounter(label: label, dimensions: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        inner.makeMeter(label: label, dimensions: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        inner.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        inner.makeTimer(label: label, dimensions: dimensions)
    }

    func destroyCounter(_ handler: any CounterHandler) {
        inner.destroyCounter((handler as? CountingHandler)?.inner ?? handler)
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        inner.destroyFloatingPointCounter(handler)
    }

    func destroyMeter(_ handler: any MeterHandler) { inner.destroyMeter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { inner.destroyRecorder(handler) }
    func destroyTimer(_ handler: any TimerHandler) { inner.destroyTimer(handler) }

    fileprivate func add(_ amount: Int, result: String) {
        counts.withLock { $0[result, default: 0] += amount }
    }

    private final class CountingHandler: CounterHandler, Sendable {
        let inner: any CounterHandler
        let result: String
        let counts: ReconcileCountingMetrics

        init(inner: any CounterHandler, result: String, counts: ReconcileCountingMetrics) {
            self.inner = inner
            self.result = result
            self.counts = counts
        }

        func increment(by amount: Int64) {
            inner.increment(by: amount)
            counts.add(Int(amount), result: result)
        }

        func reset() { inner.reset() }
    }
}
