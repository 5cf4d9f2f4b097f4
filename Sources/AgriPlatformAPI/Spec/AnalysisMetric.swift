/// A user's own Prometheus check: a PromQL query and the values that fail the release.
///
/// The query may name the release with placeholders that are replaced (as PromQL string contents, escaped) before
/// it is sent: `{{namespace}}`, `{{platform}}`, `{{service}}` (the AgriPlatform service name), `{{revision}}` (the
/// new revision) and `{{stableRevision}}` (the baseline). A query naming `{{stableRevision}}` is not measured while
/// there is no stable revision (a service's first release).
///
/// The query must return one number: a scalar, or a vector with exactly one series (aggregate with `sum`, `max`,
/// … otherwise). An empty vector or `NaN` is "no data" and follows ``RolloutAnalysis/onNoData``.
///
/// ```yaml
/// metrics:
///   - name: queueDepth
///     query: max(queue_depth{namespace="{{namespace}}", revision="{{revision}}"})
///     failIfAbove: 1000
/// ```
public struct AnalysisMetric: Codable, Sendable, Hashable {
    /// The check's name on status and in Events, e.g. `queueDepth`: a letter, then letters, digits, `_` or `-`, at
    /// most 63 characters, unique, and not one of the built-in checks' names (``AnalysisMetric/reservedNames``).
    public var name: String
    /// The PromQL query, with placeholders.
    public var query: String
    /// The measurement fails when the value is above this.
    public var failIfAbove: Double?
    /// The measurement fails when the value is below this.
    public var failIfBelow: Double?
    /// When set, the query is judged over the last this-many seconds (10–86400) instead of at one instant: it is
    /// evaluated as a PromQL subquery at a resolution of a 60th of the range (at least 1 s), and the worst point
    /// decides — `max_over_time` against ``failIfAbove``, `min_over_time` against ``failIfBelow`` — so one bad
    /// point in the window fails the check. Smooth noisy series in the query itself (e.g. `rate(…[5m])`).
    public var rangeSeconds: Int32?

    /// The names of the built-in checks, which a custom metric may not take.
    public static let reservedNames = [
        "errorRate", "latencyIncrease", "latency", "unhealthy", "healthChecks", "restarts", "cannotStart",
    ]

    /// Creates a metric check; set at least one of `failIfAbove` and `failIfBelow`.
    public init(
        name: String,
        query: String,
        failIfAbove: Double? = nil,
        failIfBelow: Double? = nil,
        rangeSeconds: Int32? = nil
    ) {
        self.name = name
        self.query = query
        self.failIfAbove = failIfAbove
        self.failIfBelow = failIfBelow
        self.rangeSeconds = rangeSeconds
    }
}
