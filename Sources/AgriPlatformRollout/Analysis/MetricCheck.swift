/// One Prometheus check of a release: the PromQL queries to run and the rule that turns their samples into an
/// ``AgriPlatformAPI/AnalysisMeasurement``.
///
/// ``AnalysisPlan/metricChecks(for:target:)`` builds the checks from the spec; the reconciler runs every query of
/// every check at the same evaluation time (`PrometheusAnalysis`) and hands the samples, by key, to
/// ``evaluate(_:at:)``. Keeping the queries as data lets `docs/analysis.md`, the tests and the Events show exactly
/// what was asked.
public struct MetricCheck: Sendable, Hashable {
    /// The check's name on status and in Events: `errorRate`, `latencyIncrease`, `latency` or a custom metric's.
    public var name: String
    /// The queries by key (``MetricCheck/Key``): PromQL with the release's labels filled in.
    public var queries: [String: String]
    /// How the samples are judged.
    public var rule: Rule
    /// The release measured, for the messages.
    public var target: AnalysisTarget

    /// How a check's samples become a verdict.
    public enum Rule: Sendable, Hashable {
        /// `100 × errors / requests` (keys ``Key/errors`` and ``Key/requests``) fails above `maxPercent`.
        /// No requests is no data; requests without any 5xx series is 0 %.
        case errorRate(maxPercent: Double)
        /// `100 × (candidate / stable − 1)` of the p95 latencies (keys ``Key/candidate`` and ``Key/stable``)
        /// fails above `maxPercent`.
        case latencyIncrease(maxPercent: Double)
        /// The p95 latency in seconds (key ``Key/value``), shown in milliseconds, fails above `maxMillis`.
        case latency(maxMillis: Double)
        /// A custom metric: the value (key ``Key/value``; for a range, ``Key/max`` and ``Key/min``, the window's
        /// worst points) fails above `failIfAbove` or below `failIfBelow`.
        case threshold(failIfAbove: Double?, failIfBelow: Double?)
    }

    /// The keys of ``queries``.
    public enum Key {
        /// The rate of the new revision's 5xx responses.
        public static let errors = "errors"
        /// The rate of all the new revision's responses.
        public static let requests = "requests"
        /// The new revision's p95 latency.
        public static let candidate = "candidate"
        /// The stable revision's p95 latency.
        public static let stable = "stable"
        /// One number.
        public static let value = "value"
        /// A range metric's highest point.
        public static let max = "max"
        /// A range metric's lowest point.
        public static let min = "min"
    }

    /// Creates a check.
    public init(name: String, queries: [String: String], rule: Rule, target: AnalysisTarget) {
        self.name = name
        self.queries = queries
        self.rule = rule
        self.target = target
    }
}
