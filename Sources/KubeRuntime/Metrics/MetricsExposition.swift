/// Metrics that are not registered one by one but written out whole when scraped, in the Prometheus text format.
///
/// An operator's per-object metrics (one series per managed platform and service) change with the set of objects:
/// kube-state-metrics computes such series from its cache at scrape time instead of registering each (see
/// ``GaugeExposition``). A metrics backend's registry makes that costly — swift-prometheus copies a metric family's
/// series on every new label set, so registering one series per object is quadratic in the number of objects
/// (measured in docs/benchmarks.md) — and it cannot drop a label set. `OperationalServer`'s `/metrics` appends every
/// source's text after the registry's.
public protocol MetricsExposition: Sendable {
    /// Appends the source's metric families, each with its `# HELP` and `# TYPE` lines, in the text format 0.0.4
    /// (<https://prometheus.io/docs/instrumenting/exposition_formats/>).
    func emit(into buffer: inout [UInt8])
}
