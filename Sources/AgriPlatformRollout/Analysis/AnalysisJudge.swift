public import AgriPlatformAPI
public import Foundation
import KubeCore

/// Folds a reconcile's measurements into the release's ``AgriPlatformAPI/AnalysisStatus`` and says whether the
/// release may go on.
///
/// The verdict is derived from the status as it is after the new measurements, never from the new measurements
/// alone: between two Prometheus measurements (and after an operator restart) the last one still holds, so a
/// release paused for lack of data stays paused and a failed one stays failed.
///
/// Rules, in order:
/// 1. A failed built-in health check (``HealthChecks``) fails the release at once: it already waited out its own
///    tolerance (a duration, a number of checks or restarts).
/// 2. Prometheus measurements that failed are counted in ``AgriPlatformAPI/AnalysisStatus/failures``; the
///    release fails when the count exceeds ``AgriPlatformAPI/RolloutAnalysis/failureLimit`` (default 0: the first
///    failure), as Argo Rollouts' `failureLimit` does.
/// 3. `NoData` and `Error` measurements are counted in ``AgriPlatformAPI/AnalysisStatus/inconclusive`` and
///    follow ``AgriPlatformAPI/RolloutAnalysis/onNoData``: `Fail` also counts them as failures (rule 2); `Pause`
///    (the default) pauses the release while the latest measurement of some check has no data; `Ignore` lets it
///    go on. They never count as passed.
/// 4. Otherwise the release is passing.
///
/// Status keeps the latest measurement of each check and, after those, the failed ones, newest first, at most
/// ``AgriPlatformAPI/AnalysisStatus/measurementLimit``: the measurements that decided something stay visible. A
/// health measurement equal in result to the latest one of its check is not added again (the same failing pod is
/// reported on every reconcile), so status is not rewritten and the failure is counted once.
public enum AnalysisJudge {
    /// What the analysis says about the release.
    public enum Verdict: Sendable, Hashable {
        /// Nothing failed and nothing waits for data: the release may proceed.
        case passing
        /// The release failed; the measurement that decided it (for the status message and the Event).
        case failed(AnalysisMeasurement)
        /// The release waits for data; the reason, e.g. `no data for errorRate: revision 3f2a1b2c served no
        /// requests in the measured window`.
        case paused(String)
    }

    /// Records `new` in the release's analysis status and judges the release.
    ///
    /// - Parameters:
    ///   - new: this reconcile's measurements: the built-in health checks' failures and, when they were due,
    ///     the Prometheus checks' measurements.
    ///   - previous: the release's analysis status so far; `nil` at the start of a release.
    ///   - analysis: the service's analysis settings (defaults when `nil`).
    ///   - now: the reconcile's time; ``AgriPlatformAPI/AnalysisStatus/measuredAt`` becomes `now` when `new`
    ///     holds a Prometheus measurement.
    /// - Returns: the new analysis status and the verdict.
    public static func judge(
        _ new: [AnalysisMeasurement],
        previous: AnalysisStatus?,
        analysis: RolloutAnalysis?,
        now: Date
    ) -> (status: AnalysisStatus, verdict: Verdict) {
        let policy = analysis?.onNoData ?? Defaults.Analysis.onNoData
        let failureLimit = analysis?.failureLimit ?? 0
        var status = previous ?? AnalysisStatus()
        var failures = status.failures ?? 0
        var inconclusive = status.inconclusive ?? 0
        let earlier = status.measurements ?? []
        var added: [AnalysisMeasurement] = []

        for measurement in new {
            if HealthChecks.names.contains(measurement.name) {
                let latest = (added.reversed() + earlier).first { $0.name == measurement.name }
                if latest?.result == measurement.result { continue }
                if measurement.result == .failed { failures += 1 }
            } else {
                status.measuredAt = Time(now)
                switch measurement.result {
                case .passed:
                    break
                case .failed:
                    failures += 1
                default:
                    inconclusive += 1
                    if policy == .fail { failures += 1 }
                }
            }
            added.append(measurement)
        }
        status.failures = failures
        status.inconclusive = inconclusive
        status.measurements = kept(added + earlier)
        return (status, verdict(status, policy: policy, failureLimit: failureLimit))
    }

    /// The verdict the status supports.
    private static func verdict(
        _ status: AnalysisStatus,
        policy: AnalysisNoDataPolicy,
        failureLimit: Int32
    ) -> Verdict {
        let latest = latestPerCheck(status.measurements ?? [])
        if let health = latest.first(where: { HealthChecks.names.contains($0.name) && $0.result == .failed }) {
            return .failed(health)
        }
        if (status.failures ?? 0) > failureLimit {
            // The newest measurement that counted as a failure; failures stay counted for the whole release.
            let counted = (status.measurements ?? []).first { measurement in
                measurement.result == .failed || (policy == .fail && isInconclusive(measurement))
            }
            return .failed(
                counted
                    ?? AnalysisMeasurement(
                        name: "analysis",
                        result: .failed,
                        value: Double(status.failures ?? 0),
                        threshold: "> \(failureLimit)",
                        time: status.measuredAt ?? Time(Date(timeIntervalSince1970: 0)),
                        message: "\(status.failures ?? 0) measurements failed (limit \(failureLimit))"
                    )
            )
        }
        if policy == .pause,
            let blind = latest.first(where: { !HealthChecks.names.contains($0.name) && isInconclusive($0) })
        {
            let what = blind.result == .noData ? "no data for" : "could not measure"
            return .paused("\(what) \(blind.name): \(blind.message ?? blind.result.rawValue)")
        }
        return .passing
    }

    /// Whether a measurement neither passed nor failed: `NoData`, `Error`, or a result this version does not know.
    private static func isInconclusive(_ measurement: AnalysisMeasurement) -> Bool {
        measurement.result != .passed && measurement.result != .failed
    }

    /// The newest measurement of each check, newest first.
    private static func latestPerCheck(_ measurements: [AnalysisMeasurement]) -> [AnalysisMeasurement] {
        var seen: Set<String> = []
        return measurements.filter { seen.insert($0.name).inserted }
    }

    /// What status keeps: the latest of each check (those that did not pass first), then older failures, cut to
    /// the limit and put back in time order, newest first (the order of `measurements`, which is newest first).
    private static func kept(_ measurements: [AnalysisMeasurement]) -> [AnalysisMeasurement] {
        var seen: Set<String> = []
        var latest: [Int] = []
        var olderFailures: [Int] = []
        for (index, measurement) in measurements.enumerated() {
            if seen.insert(measurement.name).inserted {
                latest.append(index)
            } else if measurement.result == .failed {
                olderFailures.append(index)
            }
        }
        let decisive = latest.filter { measurements[$0].result != .passed }
        let passing = latest.filter { measurements[$0].result == .passed }
        let chosen = (decisive + passing + olderFailures).prefix(AnalysisStatus.measurementLimit)
        return chosen.sorted().map { measurements[$0] }
    }
}
