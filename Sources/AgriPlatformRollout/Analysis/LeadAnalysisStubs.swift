// Temporary stand-ins for H1's analysis entry points, replaced at merge.
public import AgriPlatformAPI
public import Foundation

public enum HealthChecks {
    public static func measure(
        _ service: PlatformService,
        revision: String,
        pods: [PodSummary],
        now: Date
    ) -> [AnalysisMeasurement] { [] }
}

public enum AnalysisPlan {
    public static func isDue(_ status: AnalysisStatus?, analysis: RolloutAnalysis?, now: Date) -> Bool { true }
}

public enum AnalysisJudge {
    public enum Verdict: Sendable, Hashable {
        case passing
        case failed(AnalysisMeasurement)
        case paused(String)
    }
    public static func judge(
        _ new: [AnalysisMeasurement],
        previous: AnalysisStatus?,
        analysis: RolloutAnalysis?,
        now: Date
    ) -> (status: AnalysisStatus, verdict: Verdict) {
        var status = previous ?? AnalysisStatus()
        if !new.isEmpty { status.measurements = new }
        if let failed = new.first(where: { $0.result == .failed }) { return (status, .failed(failed)) }
        return (status, .passing)
    }
}
