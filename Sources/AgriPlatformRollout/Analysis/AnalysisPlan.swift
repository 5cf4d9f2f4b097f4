public import AgriPlatformAPI
public import Foundation
import KubeCore

/// Which Prometheus checks a release has, and when they are measured.
///
/// The reconciler asks ``isDue(_:analysis:now:)`` on each reconcile of a release in progress; when it is due, it
/// runs the queries of ``metricChecks(for:target:)`` against ``AgriPlatformAPI/RolloutAnalysis/prometheusURL`` and
/// hands the measurements to ``AnalysisJudge/judge(_:previous:analysis:now:)``, which records the time in
/// ``AgriPlatformAPI/AnalysisStatus/measuredAt``. The interval is kept on status, so an operator restart neither
/// measures twice nor skips a measurement.
public enum AnalysisPlan {
    /// The Prometheus checks of a release, in a fixed order: `errorRate`, `latencyIncrease`, `latency`, then the
    /// custom metrics in spec order.
    ///
    /// - `errorRate` (with `maxErrorRatePercent`): `errors` = the revision's 5xx responses per second and
    ///   `requests` = all its responses per second, both `sum(rate(<requestsMetric>{…}[<interval>s]))`.
    /// - `latencyIncrease` (with `maxLatencyIncreasePercent`, and only when there is a stable revision other than
    ///   the new one — a first release has no baseline): the p95 of the new revision (`candidate`) and of the
    ///   stable one (`stable`), each `histogram_quantile(0.95, sum by (le) (rate(<latencyMetric>_bucket{…}[…])))`.
    /// - `latency` (with `maxLatencyMillis`): the new revision's p95 (`value`).
    /// - each custom metric: its query with the placeholders filled in (`value`), or for a range metric its
    ///   worst points (`max` against `failIfAbove`, `min` against `failIfBelow`); a query naming
    ///   `{{stableRevision}}` is left out while there is no baseline.
    ///
    /// The rate window is the measurement interval (default 60 s), so consecutive measurements judge consecutive
    /// stretches of traffic; Prometheus must scrape at least twice per interval for `rate()` to have two points.
    /// The series are selected by the labels of ``AgriPlatformAPI/RolloutAnalysis/labels`` (default `namespace`,
    /// `service`, `revision`, and `code` for the status code).
    ///
    /// - Parameters:
    ///   - analysis: the service's analysis settings; `nil`, or without ``AgriPlatformAPI/RolloutAnalysis/prometheusURL``,
    ///     means no Prometheus checks.
    ///   - target: the release measured.
    /// - Returns: the checks, each with its queries by key and the rule that judges them.
    public static func metricChecks(for analysis: RolloutAnalysis?, target: AnalysisTarget) -> [MetricCheck] {
        guard let analysis, analysis.prometheusURL != nil else { return [] }
        let window = analysis.intervalSeconds ?? Defaults.Rollout.analysisIntervalSeconds
        let labels = PromQL.Labels(analysis.labels)
        let requests = analysis.requestsMetric ?? Defaults.Analysis.requestsMetric
        let histogram = analysis.latencyMetric ?? Defaults.Analysis.latencyMetric
        let quantile = Defaults.Analysis.latencyQuantile
        let candidate = PromQL.revisionMatchers(labels, target, revision: target.revision)
        var checks: [MetricCheck] = []

        if let maxPercent = analysis.maxErrorRatePercent {
            checks.append(
                MetricCheck(
                    name: "errorRate",
                    queries: [
                        MetricCheck.Key.errors: PromQL.errorRate(requests, candidate, labels, window: window),
                        MetricCheck.Key.requests: PromQL.requestRate(requests, candidate, window: window),
                    ],
                    rule: .errorRate(maxPercent: Double(maxPercent)),
                    target: target
                )
            )
        }
        if let maxPercent = analysis.maxLatencyIncreasePercent, let baseline = target.baseline {
            let stable = PromQL.revisionMatchers(labels, target, revision: baseline)
            checks.append(
                MetricCheck(
                    name: "latencyIncrease",
                    queries: [
                        MetricCheck.Key.candidate: PromQL.latencyQuantile(
                            histogram,
                            candidate,
                            quantile: quantile,
                            window: window
                        ),
                        MetricCheck.Key.stable: PromQL.latencyQuantile(
                            histogram,
                            stable,
                            quantile: quantile,
                            window: window
                        ),
                    ],
                    rule: .latencyIncrease(maxPercent: Double(maxPercent)),
                    target: target
                )
            )
        }
        if let maxMillis = analysis.maxLatencyMillis {
            checks.append(
                MetricCheck(
                    name: "latency",
                    queries: [
                        MetricCheck.Key.value: PromQL.latencyQuantile(
                            histogram,
                            candidate,
                            quantile: quantile,
                            window: window
                        )
                    ],
                    rule: .latency(maxMillis: Double(maxMillis)),
                    target: target
                )
            )
        }
        let placeholders = PromQL.placeholders(target)
        for metric in analysis.metrics ?? [] {
            guard let query = PromQL.substitute(metric.query, placeholders) else { continue }
            var queries: [String: String] = [:]
            if let rangeSeconds = metric.rangeSeconds {
                if metric.failIfAbove != nil {
                    queries[MetricCheck.Key.max] = PromQL.rangeReduction(
                        "max_over_time",
                        query,
                        rangeSeconds: rangeSeconds
                    )
                }
                if metric.failIfBelow != nil {
                    queries[MetricCheck.Key.min] = PromQL.rangeReduction(
                        "min_over_time",
                        query,
                        rangeSeconds: rangeSeconds
                    )
                }
            } else {
                queries[MetricCheck.Key.value] = query
            }
            guard !queries.isEmpty else { continue }
            checks.append(
                MetricCheck(
                    name: metric.name,
                    queries: queries,
                    rule: .threshold(failIfAbove: metric.failIfAbove, failIfBelow: metric.failIfBelow),
                    target: target
                )
            )
        }
        return checks
    }

    /// Whether the Prometheus checks are due: the analysis has some and a Prometheus to ask, and no measurement
    /// was taken yet in this release or the last one is at least an interval old.
    ///
    /// - Parameters:
    ///   - status: the release's analysis status (``AgriPlatformAPI/AnalysisStatus/measuredAt`` counts).
    ///   - analysis: the service's analysis settings.
    ///   - now: the reconcile's time.
    /// - Returns: whether to query Prometheus now.
    public static func isDue(_ status: AnalysisStatus?, analysis: RolloutAnalysis?, now: Date) -> Bool {
        guard let analysis, analysis.prometheusURL != nil, hasMetricChecks(analysis) else { return false }
        guard let measuredAt = status?.measuredAt?.date else { return true }
        return now >= measuredAt.addingTimeInterval(TimeInterval(interval(analysis)))
    }

    /// Seconds until the Prometheus checks are due again (0 when due now), or `nil` when there are none: what a
    /// decision's `recheckAfter` should not exceed.
    public static func secondsUntilDue(_ status: AnalysisStatus?, analysis: RolloutAnalysis?, now: Date) -> Double? {
        guard let analysis, analysis.prometheusURL != nil, hasMetricChecks(analysis) else { return nil }
        guard let measuredAt = status?.measuredAt?.date else { return 0 }
        return max(0, measuredAt.addingTimeInterval(TimeInterval(interval(analysis))).timeIntervalSince(now))
    }

    /// The measurement interval in seconds.
    static func interval(_ analysis: RolloutAnalysis) -> Int32 {
        analysis.intervalSeconds ?? Defaults.Rollout.analysisIntervalSeconds
    }

    /// Whether any Prometheus check is configured.
    static func hasMetricChecks(_ analysis: RolloutAnalysis) -> Bool {
        analysis.maxErrorRatePercent != nil || analysis.maxLatencyIncreasePercent != nil
            || analysis.maxLatencyMillis != nil || !(analysis.metrics ?? []).isEmpty
    }
}
