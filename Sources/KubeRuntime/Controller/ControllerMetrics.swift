public import Metrics

/// The reconcile metrics controller-runtime exports, under the same names and labels, so its dashboards work
/// unchanged (<https://book.kubebuilder.io/reference/metrics-reference>):
///
/// - `controller_runtime_reconcile_total{controller,result}` with `result` one of `success`, `error`, `requeue`,
///   `requeue_after`;
/// - `controller_runtime_reconcile_errors_total{controller}`;
/// - `controller_runtime_reconcile_time_seconds{controller}` (a timer; the backend decides the buckets);
/// - `controller_runtime_active_workers{controller}`;
/// - `controller_runtime_max_concurrent_reconciles{controller}`.
///
/// `requeue` counts a requeue without delay (`.requeue(after: .zero)`), `requeue_after` one with a delay, as upstream
/// tells `Result{Requeue: true}` from `Result{RequeueAfter: d}`.
public struct ControllerMetrics: Sendable {
    /// The outcome label of `controller_runtime_reconcile_total`.
    public enum Result: String, Sendable, CaseIterable {
        /// The reconcile returned ``ReconcileResult/done``.
        case success
        /// The reconcile threw.
        case error
        /// The reconcile asked to run again at once.
        case requeue
        /// The reconcile asked to run again after a delay.
        case requeueAfter = "requeue_after"
    }

    private let totals: [Result: Counter]
    private let errors: Counter
    private let reconcileTime: Timer
    private let activeWorkers: Gauge
    private let maxConcurrentReconciles: Gauge

    /// Makes the metrics of the controller called `name`, in `factory` (the global metrics system by default).
    public init(controller name: String, factory: any MetricsFactory = MetricsSystem.factory) {
        let controller = [("controller", name)]
        var totals: [Result: Counter] = [:]
        for result in Result.allCases {
            totals[result] = Counter(
                label: "controller_runtime_reconcile_total",
                dimensions: controller + [("result", result.rawValue)],
                factory: factory
            )
        }
        self.totals = totals
        errors = Counter(label: "controller_runtime_reconcile_errors_total", dimensions: controller, factory: factory)
        reconcileTime = Timer(
            label: "controller_runtime_reconcile_time_seconds",
            dimensions: controller,
            preferredDisplayUnit: .seconds,
            factory: factory
        )
        activeWorkers = Gauge(label: "controller_runtime_active_workers", dimensions: controller, factory: factory)
        maxConcurrentReconciles = Gauge(
            label: "controller_runtime_max_concurrent_reconciles",
            dimensions: controller,
            factory: factory
        )
    }

    /// Records one finished reconcile: its outcome and how long it took.
    func reconciled(_ result: Result, duration: Duration) {
        totals[result]?.increment()
        if result == .error { errors.increment() }
        let (seconds, attoseconds) = duration.components
        reconcileTime.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Sets `controller_runtime_active_workers`.
    func setActiveWorkers(_ count: Int) {
        activeWorkers.record(count)
    }

    /// Sets `controller_runtime_max_concurrent_reconciles`.
    func setMaxConcurrentReconciles(_ count: Int) {
        maxConcurrentReconciles.record(count)
    }
}
