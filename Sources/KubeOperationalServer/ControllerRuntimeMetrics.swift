public import Prometheus

/// Prometheus settings that make swift-metrics from KubeRuntime and KubeClient come out as controller-runtime's
/// dashboards expect them.
///
/// swift-prometheus keeps swift-metrics labels as Prometheus names unchanged (`workqueue_depth`,
/// `controller_runtime_reconcile_total`), exports a swift-metrics `Timer` as a histogram in seconds
/// (`controller_runtime_reconcile_time_seconds_bucket{le="0.005"}`, `_sum`, `_count`), and an aggregating
/// `Recorder` as a histogram of the recorded values. Only the buckets need setting: controller-runtime's
/// reconcile-time buckets (5 ms to 60 s) and the work queue's exponential buckets (10 ns to 1000 s). See
/// <https://book.kubebuilder.io/reference/metrics-reference>.
///
/// The executable bootstraps the factory once:
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// MetricsSystem.bootstrap(ControllerRuntimeMetrics.makeFactory(registry: registry))
/// let server = OperationalServer(configuration: .init(port: 8080), healthChecks: health, registry: registry)
/// ```
public enum ControllerRuntimeMetrics {
    /// controller-runtime's `controller_runtime_reconcile_time_seconds` buckets, in seconds.
    public static let reconcileTimeBuckets: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ]

    /// The work queue's duration buckets (`prometheus.ExponentialBuckets(10e-9, 10, 12)`), in seconds.
    public static let workQueueDurationBuckets: [Double] = [
        1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000,
    ]

    /// Labels recorded as durations in seconds, with their buckets.
    public static let bucketsByLabel: [String: [Double]] = [
        "controller_runtime_reconcile_time_seconds": reconcileTimeBuckets,
        "workqueue_queue_duration_seconds": workQueueDurationBuckets,
        "workqueue_work_duration_seconds": workQueueDurationBuckets,
    ]

    /// Makes a swift-metrics factory that records into `registry` with controller-runtime's buckets, whether a
    /// metric is emitted as a `Timer` or as an aggregating `Recorder` of seconds.
    ///
    /// - Parameter registry: The registry that `/metrics` serves.
    /// - Returns: The factory, for `MetricsSystem.bootstrap` or for metrics made with an explicit `factory:`.
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets = bucketsByLabel
        factory.durationHistogramBuckets = bucketsByLabel.mapValues { buckets in
            buckets.map { Duration.nanoseconds(Int64(($0 * 1e9).rounded())) }
        }
        return factory
    }
}
