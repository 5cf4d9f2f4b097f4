public import AgriPlatformAPI
public import Foundation
import KubeCore

/// The built-in analysis provider: judges the new revision from its pods alone, with no Prometheus.
///
/// It looks only at pods of the revision under analysis that are not being deleted, and reports **only failures**:
/// a passing health check decides nothing, and reporting it on every reconcile would rewrite status (and wake the
/// reconciler) in a loop. Each check carries its own tolerance, so ``AnalysisJudge`` fails the release on the first
/// failed health measurement, whatever ``AgriPlatformAPI/RolloutAnalysis/failureLimit`` says.
///
/// | Check | Fails when | Value / threshold |
/// |---|---|---|
/// | `unhealthy` | a pod has been unready for more than `maxUnhealthySeconds` (default 300) after its start-up grace period | seconds unready / `> 300` |
/// | `healthChecks` | with `consecutiveHealthCheckFailures` n: a pod has been unready for n health-check intervals (default 30 s) after its grace period | failed checks / `>= n` |
/// | `restarts` | a pod restarted at least ``restartLimit`` times | restarts / `>= 3` |
/// | `cannotStart` | a pod cannot start its container (`ErrImagePull`, `ImagePullBackOff`, `InvalidImageName`, `CreateContainerConfigError`) and is older than ``cannotStartGraceSeconds`` | pod age in seconds / `> 60` |
///
/// "Unready since" is the later of the `Ready` condition's last change (or the pod's creation) and the end of
/// the start-up grace period, so a slow start inside its grace does not count. `healthChecks` counts the checks
/// since then, one per interval: a lower bound, as the probe had already failed `unhealthyThreshold` times when
/// a running pod turned unready — the release never fails earlier than after n failed checks.
///
/// `restarts` counts restarts rather than the `CrashLoopBackOff` state: Kubernetes enters that state after the
/// first exit, so one transient crash (a dependency not up yet) would fail the release; its back-off (10 s, 20 s,
/// 40 s) brings a real crash loop to three restarts within about a minute.
public enum HealthChecks {
    /// The names of the built-in checks.
    public static let names: Set<String> = ["unhealthy", "healthChecks", "restarts", "cannotStart"]
    /// Restarts of one pod of the new revision that fail the release.
    public static let restartLimit: Int32 = 3
    /// Seconds a pod may fail to start its image before the release fails: a registry hiccup is retried within
    /// this, a missing image or Secret key is not.
    public static let cannotStartGraceSeconds: Double = 60

    /// The failed built-in checks of `revision`'s pods at `now`.
    ///
    /// - Parameters:
    ///   - service: the service's spec: its health check (interval, start-up grace period) and analysis settings.
    ///   - revision: the revision under analysis; pods of other revisions are ignored.
    ///   - pods: the service's pods.
    ///   - now: the reconcile's time.
    /// - Returns: one `Failed` measurement per failing check, naming the worst pod; empty when all pass.
    public static func measure(
        _ service: PlatformService,
        revision: String,
        pods: [PodSummary],
        now: Date
    ) -> [AnalysisMeasurement] {
        let pods = pods.filter { $0.revision == revision && !$0.terminating }.sorted { $0.name < $1.name }
        let analysis = service.rollout?.analysis
        let grace = TimeInterval(service.healthCheck?.startupGracePeriodSeconds ?? 0)
        let revisionName = MetricCheck.short(revision)
        var measurements: [AnalysisMeasurement] = []

        let unready = pods.compactMap { pod in unreadySeconds(pod, grace: grace, now: now).map { (pod, $0) } }
        let longest = unready.max { $0.1 < $1.1 }

        let maxUnhealthy = Double(analysis?.maxUnhealthySeconds ?? Defaults.Rollout.maxUnhealthySeconds)
        if let (pod, seconds) = longest, seconds > maxUnhealthy {
            measurements.append(
                failed(
                    "unhealthy",
                    value: seconds.rounded(.down),
                    threshold: "> \(MetricCheck.format(maxUnhealthy))",
                    now,
                    "pod \(pod.name) of revision \(revisionName) has been unready for "
                        + "\(MetricCheck.format(seconds.rounded(.down))) s (limit \(MetricCheck.format(maxUnhealthy)) s)"
                )
            )
        }

        if let limit = analysis?.consecutiveHealthCheckFailures, let (pod, seconds) = longest {
            let interval = Double(service.healthCheck?.intervalSeconds ?? Defaults.HealthCheck.intervalSeconds)
            let failedChecks = (seconds / interval).rounded(.down)
            if failedChecks >= Double(limit) {
                measurements.append(
                    failed(
                        "healthChecks",
                        value: failedChecks,
                        threshold: ">= \(limit)",
                        now,
                        "pod \(pod.name) of revision \(revisionName) has failed at least "
                            + "\(MetricCheck.format(failedChecks)) consecutive health checks (unready for "
                            + "\(MetricCheck.format(seconds.rounded(.down))) s, one check every "
                            + "\(MetricCheck.format(interval)) s; limit \(limit))"
                    )
                )
            }
        }

        if let pod = pods.max(by: { $0.restarts < $1.restarts }), pod.restarts >= restartLimit {
            let state = pod.crashLooping ? ", crash-looping" : ""
            measurements.append(
                failed(
                    "restarts",
                    value: Double(pod.restarts),
                    threshold: ">= \(restartLimit)",
                    now,
                    "pod \(pod.name) of revision \(revisionName) restarted \(pod.restarts) times\(state) "
                        + "(limit \(restartLimit))"
                )
            )
        }

        let stuck = pods.filter(\.cannotStart).map { pod in
            (pod, pod.createdAt.map { now.timeIntervalSince($0) } ?? .infinity)
        }
        if let (pod, age) = stuck.max(by: { $0.1 < $1.1 }), age > cannotStartGraceSeconds {
            measurements.append(
                failed(
                    "cannotStart",
                    value: age.isFinite ? age.rounded(.down) : nil,
                    threshold: "> \(MetricCheck.format(cannotStartGraceSeconds))",
                    now,
                    "pod \(pod.name) of revision \(revisionName) cannot start its container (the image cannot be "
                        + "pulled or its configuration is missing)"
                        + (age.isFinite ? " after \(MetricCheck.format(age.rounded(.down))) s" : "")
                )
            )
        }
        return measurements
    }

    /// Seconds a pod has been unready after its grace period, or `nil` when it is ready, not yet past its grace,
    /// or its times are unknown.
    static func unreadySeconds(_ pod: PodSummary, grace: TimeInterval, now: Date) -> Double? {
        guard !pod.ready, let changed = pod.readyChangedAt ?? pod.createdAt else { return nil }
        let graceEnds = pod.createdAt.map { $0.addingTimeInterval(grace) } ?? changed
        let since = max(changed, graceEnds)
        guard now > since else { return nil }
        return now.timeIntervalSince(since)
    }

    private static func failed(
        _ name: String,
        value: Double?,
        threshold: String,
        _ now: Date,
        _ message: String
    ) -> AnalysisMeasurement {
        AnalysisMeasurement(
            name: name,
            result: .failed,
            value: value,
            threshold: threshold,
            time: Time(now),
            message: message
        )
    }
}
