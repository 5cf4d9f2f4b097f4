import AgriPlatformAPI
import Foundation

extension ReleaseRun {
    /// What says a release is failing: the Deployment's own progress deadline, the circuit breaker (restarts and
    /// pods that cannot start, counted over the new revision's pods) and, when `checkAnalysis`, the analysis.
    /// - Parameter workload: The Deployment running the new revision (the stable one for Rolling and during a
    ///   promotion, the candidate otherwise).
    mutating func failureSignal(of workload: WorkloadState?, checkAnalysis: Bool) -> Failure? {
        if let workload, workload.revision == desired, workload.progressDeadlineExceeded {
            let deadline = rollout?.progressDeadlineSeconds ?? Defaults.Rollout.progressDeadlineSeconds
            return Failure(
                reason: FailureReason.progressDeadlineExceeded,
                message:
                    "Revision \(short(desired)) made no progress for \(deadline) s (progressDeadlineSeconds): "
                    + "\(readiness(of: workload))."
            )
        }
        let newPods = observation.pods.filter { $0.revision == desired && !$0.terminating }
        let restarts = newPods.reduce(Int32(0)) { $0 + $1.restarts }
        let cannotStart = newPods.filter(\.cannotStart)
        let failures = restarts + Int32(cannotStart.count)
        let threshold = ReleaseMachine.failureThreshold(rollout, desiredReplicas: observation.desiredReplicas)
        if failures >= threshold {
            var detail = "\(restarts) restarts"
            if !cannotStart.isEmpty {
                detail += " and \(cannotStart.count) pods that cannot start their image (\(cannotStart[0].name))"
            }
            return Failure(
                reason: FailureReason.circuitBreaker,
                message:
                    "The circuit breaker tripped: the new revision \(short(desired)) had \(detail), "
                    + "threshold \(threshold)."
            )
        }
        guard checkAnalysis else { return nil }
        if case .failed(let measurement) = judge() {
            return Failure(
                reason: FailureReason.analysisFailed,
                message: "Analysis failed: \(measurement.message ?? measurement.name)"
                    + (measurement.value.map {
                        " (value \(format($0))" + (measurement.threshold.map { ", limit \($0))" } ?? ")")
                    } ?? "")
                    + "."
            )
        }
        return nil
    }

    /// Runs the analysis of the new revision once per decision: the built-in health checks (recorded when a
    /// measurement is due, or at once when one fails) and the metric measurements the reconciler took.
    ///
    /// Judged once per decision: a second look in the same decision (blue-green promotes, then checks the promoted
    /// revision) returns the first verdict instead of counting the same measurements twice. For Rolling, restarts are
    /// the circuit breaker's to count (its threshold is configurable), so the built-in `restarts` check is left out.
    mutating func judge() -> AnalysisJudge.Verdict {
        if let verdict { return verdict }
        let analysis = rollout?.analysis
        let builtIn = HealthChecks.measure(
            observation.service,
            revision: desired,
            pods: observation.pods,
            now: now
        ).filter { strategy != .rolling || $0.name != "restarts" }
        let due = AnalysisPlan.isDue(status.analysis, analysis: analysis, now: now)
        let measurements = observation.measurements + (due ? builtIn : builtIn.filter { $0.result == .failed })
        let judged = AnalysisJudge.judge(measurements, previous: status.analysis, analysis: analysis, now: now)
        if judged.status != AnalysisStatus() || status.analysis != nil {
            status.analysis = judged.status
        }
        if case .failed(let measurement) = judged.verdict {
            warning(
                "AnalysisFailed",
                "\(measurement.name) of revision \(short(desired)): \(measurement.message ?? measurement.result.rawValue)"
            )
        }
        if case .paused(let why) = judged.verdict { analysisPause = why }
        verdict = judged.verdict
        let interval = Double(analysis?.intervalSeconds ?? Defaults.Rollout.analysisIntervalSeconds)
        requestRecheck(after: min(interval, ReleaseMachine.releaseRecheckSeconds))
        return judged.verdict
    }

    func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int64(value)) : String(format: "%.3g", value)
    }
}
