extension Defaults {
    /// Release-analysis defaults (``RolloutAnalysis``).
    public enum Analysis {
        /// A measurement without data pauses the release.
        public static let onNoData = AnalysisNoDataPolicy.pause
        /// The request counter, labelled with the status code (the Prometheus client libraries' name).
        public static let requestsMetric = "http_requests_total"
        /// The request-duration histogram in seconds, without `_bucket`.
        public static let latencyMetric = "http_request_duration_seconds"
        /// The label holding the namespace.
        public static let namespaceLabel = "namespace"
        /// The label holding the AgriPlatform service name.
        public static let serviceLabel = "service"
        /// The label holding the pod's `agriplatform.io/revision`.
        public static let revisionLabel = "revision"
        /// The label holding the HTTP status code.
        public static let statusCodeLabel = "code"
        /// The quantile of the latency checks: p95, as the teams' rollback rules say.
        public static let latencyQuantile = 0.95
    }
}
