extension APIConstraints {
    /// The most custom metric checks per service: with the three built-in metric checks and the four health checks
    /// they fit in the measurements status keeps (``AnalysisStatus/measurementLimit``) in all but the worst case.
    package static let maxAnalysisMetrics = 5
    /// The longest PromQL query.
    package static let analysisQueryMaxLength = 4096
    /// The window of a range metric: from one rate window to a day.
    package static let analysisRangeSeconds: ClosedRange<Int64> = 10...86400
    /// A Prometheus label name.
    package static let prometheusLabelPattern = "^[a-zA-Z_][a-zA-Z0-9_]*$"
    /// A custom metric check's name, as it appears on status and in Events.
    package static let analysisMetricNamePattern = "^[a-zA-Z][-_a-zA-Z0-9]*$"
    /// The longest custom metric check name.
    package static let analysisMetricNameMaxLength = 63
    /// What a measurement without data means.
    package static var noDataPolicies: [String] { AnalysisNoDataPolicy.known.map(\.rawValue) }
}
