public import Metrics

/// The workqueue metrics that controller-runtime exports, under the same names and with a `name` and a
/// `controller` dimension, so its Grafana dashboards work unchanged.
///
/// Durations are recorded in seconds. Which backend exports them (e.g. Prometheus) is the executable's choice,
/// through swift-metrics' `MetricsSystem.bootstrap`. See
/// <https://book.kubebuilder.io/reference/metrics-reference> for the upstream list.
public struct WorkQueueMetrics: Sendable {
    /// `workqueue_depth`: items waiting to be handed to a worker.
    let depth: Gauge
    /// `workqueue_adds_total`: items added (deduplicated adds count too, as upstream).
    let adds: Counter
    /// `workqueue_retries_total`: rate-limited re-adds.
    let retries: Counter
    /// `workqueue_queue_duration_seconds`: how long an item waited before a worker took it.
    let queueDuration: Recorder
    /// `workqueue_work_duration_seconds`: how long processing an item took.
    let workDuration: Recorder
    /// `workqueue_unfinished_work_seconds`: the summed age of all items being processed.
    let unfinishedWork: Gauge
    /// `workqueue_longest_running_processor_seconds`: the age of the oldest item being processed.
    let longestRunningProcessor: Gauge

    /// Makes the metrics of the queue called `name` (by convention the controller's name).
    public init(name: String) {
        self.init(name: name, factory: MetricsSystem.factory)
    }

    /// Makes the metrics of the queue called `name` in `factory` instead of the global metrics system (tests,
    /// or an executable that keeps several registries).
    public init(name: String, factory: any MetricsFactory) {
        let dimensions = [("name", name), ("controller", name)]
        depth = Gauge(label: "workqueue_depth", dimensions: dimensions, factory: factory)
        adds = Counter(label: "workqueue_adds_total", dimensions: dimensions, factory: factory)
        retries = Counter(label: "workqueue_retries_total", dimensions: dimensions, factory: factory)
        queueDuration = Recorder(
            label: "workqueue_queue_duration_seconds",
            dimensions: dimensions,
            factory: factory
        )
        workDuration = Recorder(label: "workqueue_work_duration_seconds", dimensions: dimensions, factory: factory)
        unfinishedWork = Gauge(label: "workqueue_unfinished_work_seconds", dimensions: dimensions, factory: factory)
        longestRunningProcessor = Gauge(
            label: "workqueue_longest_running_processor_seconds",
            dimensions: dimensions,
            factory: factory
        )
    }
}

extension Duration {
    /// The duration in seconds, as metrics record it.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
