import AgriPlatformAPI
import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@Suite("Analysis judge")
struct AnalysisJudgeTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func measurement(
        _ name: String,
        _ result: MeasurementResult,
        at seconds: Double = 0,
        message: String? = nil
    )
        -> AnalysisMeasurement
    {
        AnalysisMeasurement(
            name: name,
            result: result,
            value: result == .passed || result == .failed ? 1 : nil,
            threshold: "> 5",
            time: Time(now.addingTimeInterval(seconds)),
            message: message ?? "\(name) \(result)"
        )
    }

    static func analysis(onNoData: AnalysisNoDataPolicy? = nil, failureLimit: Int32? = nil) -> RolloutAnalysis {
        var analysis = RolloutAnalysis()
        analysis.onNoData = onNoData
        analysis.failureLimit = failureLimit
        return analysis
    }

    struct PolicyCase: Sendable, CustomTestStringConvertible {
        let name: String
        let policy: AnalysisNoDataPolicy?
        let result: MeasurementResult
        let verdict: AnalysisJudge.Verdict
        let failures: Int32
        let inconclusive: Int32
        var testDescription: String { name }
    }

    static let noData = measurement(
        "errorRate",
        .noData,
        message: "revision new1 served no requests in the measured window"
    )
    static let broken = measurement("errorRate", .error, message: "the errors query failed: timeout")

    static let policyCases: [PolicyCase] = [
        PolicyCase(
            name: "no data pauses by default",
            policy: nil,
            result: .noData,
            verdict: .paused("no data for errorRate: revision new1 served no requests in the measured window"),
            failures: 0,
            inconclusive: 1
        ),
        PolicyCase(
            name: "an error pauses with Pause",
            policy: .pause,
            result: .error,
            verdict: .paused("could not measure errorRate: the errors query failed: timeout"),
            failures: 0,
            inconclusive: 1
        ),
        PolicyCase(
            name: "no data fails with Fail",
            policy: .fail,
            result: .noData,
            verdict: .failed(noData),
            failures: 1,
            inconclusive: 1
        ),
        PolicyCase(
            name: "an error fails with Fail",
            policy: .fail,
            result: .error,
            verdict: .failed(broken),
            failures: 1,
            inconclusive: 1
        ),
        PolicyCase(
            name: "no data passes with Ignore",
            policy: .ignore,
            result: .noData,
            verdict: .passing,
            failures: 0,
            inconclusive: 1
        ),
        PolicyCase(
            name: "an error passes with Ignore",
            policy: .ignore,
            result: .error,
            verdict: .passing,
            failures: 0,
            inconclusive: 1
        ),
    ]

    @Test("No data and errors follow onNoData and are never recorded as passed", arguments: policyCases)
    func noDataPolicy(_ testCase: PolicyCase) {
        let new = testCase.result == .noData ? Self.noData : Self.broken
        let (status, verdict) = AnalysisJudge.judge(
            [new],
            previous: nil,
            analysis: Self.analysis(onNoData: testCase.policy),
            now: Self.now
        )
        #expect(verdict == testCase.verdict)
        #expect(status.failures == testCase.failures)
        #expect(status.inconclusive == testCase.inconclusive)
        #expect(status.measurements == [new])
        #expect(status.measuredAt == Time(Self.now))
    }

    @Test("A pause holds between measurements and ends when the check has data again")
    func pauseHoldsUntilData() {
        let analysis = Self.analysis()
        let first = AnalysisJudge.judge([Self.noData], previous: nil, analysis: analysis, now: Self.now)
        let between = AnalysisJudge.judge(
            [],
            previous: first.status,
            analysis: analysis,
            now: Self.now.addingTimeInterval(30)
        )
        #expect(between.verdict == first.verdict)
        #expect(between.status == first.status)
        let passed = Self.measurement("errorRate", .passed, at: 60)
        let later = AnalysisJudge.judge(
            [passed],
            previous: between.status,
            analysis: analysis,
            now: Self.now.addingTimeInterval(60)
        )
        #expect(later.verdict == .passing)
        #expect(later.status.measurements == [passed])
        #expect(later.status.inconclusive == 1)
    }

    struct LimitCase: Sendable, CustomTestStringConvertible {
        let failureLimit: Int32?
        let failedRounds: Int
        let fails: Bool
        var testDescription: String {
            "failureLimit \(failureLimit.map(String.init) ?? "default"), \(failedRounds) failed"
        }
    }

    static let limitCases: [LimitCase] = [
        LimitCase(failureLimit: nil, failedRounds: 1, fails: true),
        LimitCase(failureLimit: 0, failedRounds: 1, fails: true),
        LimitCase(failureLimit: 2, failedRounds: 2, fails: false),
        LimitCase(failureLimit: 2, failedRounds: 3, fails: true),
    ]

    @Test("Failed measurements count across the release against failureLimit", arguments: limitCases)
    func failureLimit(_ testCase: LimitCase) {
        let analysis = Self.analysis(failureLimit: testCase.failureLimit)
        var status: AnalysisStatus?
        var verdict = AnalysisJudge.Verdict.passing
        var lastFailed: AnalysisMeasurement?
        for round in 0..<testCase.failedRounds {
            let failed = Self.measurement("errorRate", .failed, at: Double(round * 60))
            let passed = Self.measurement("latency", .passed, at: Double(round * 60))
            (status, verdict) = AnalysisJudge.judge(
                [failed, passed],
                previous: status,
                analysis: analysis,
                now: Self.now.addingTimeInterval(Double(round * 60))
            )
            lastFailed = failed
        }
        #expect(status?.failures == Int32(testCase.failedRounds))
        if testCase.fails {
            #expect(verdict == .failed(lastFailed!))
        } else {
            #expect(verdict == .passing)
        }
        // The verdict holds on a reconcile without new measurements.
        let again = AnalysisJudge.judge(
            [],
            previous: status,
            analysis: analysis,
            now: Self.now.addingTimeInterval(3600)
        )
        #expect(again.verdict == verdict)
    }

    @Test("A failed health check fails the release at once, whatever the failure limit, and is counted once")
    func healthFailsAtOnce() {
        let analysis = Self.analysis(failureLimit: 5)
        let unhealthy = Self.measurement("unhealthy", .failed)
        let first = AnalysisJudge.judge([unhealthy], previous: nil, analysis: analysis, now: Self.now)
        #expect(first.verdict == .failed(unhealthy))
        #expect(first.status.failures == 1)
        #expect(first.status.measuredAt == nil, "health checks are not Prometheus measurements")

        let repeated = Self.measurement("unhealthy", .failed, at: 5, message: "still unready")
        let second = AnalysisJudge.judge(
            [repeated],
            previous: first.status,
            analysis: analysis,
            now: Self.now.addingTimeInterval(5)
        )
        #expect(second.status == first.status, "the same failure reported again rewrites nothing")
        #expect(second.verdict == .failed(unhealthy))
    }

    @Test("A health failure outranks a pause for missing data")
    func healthOutranksPause() {
        let unhealthy = Self.measurement("restarts", .failed)
        let judged = AnalysisJudge.judge([Self.noData, unhealthy], previous: nil, analysis: nil, now: Self.now)
        #expect(judged.verdict == .failed(unhealthy))
    }

    @Test("Status keeps the latest of each check and older failures, newest first, at most ten")
    func keptMeasurements() {
        let analysis = Self.analysis(failureLimit: 100)
        var status: AnalysisStatus?
        for round in 0..<12 {
            let errorRate = Self.measurement("errorRate", .failed, at: Double(round * 60))
            let latency = Self.measurement("latency", .passed, at: Double(round * 60))
            status =
                AnalysisJudge.judge(
                    [errorRate, latency],
                    previous: status,
                    analysis: analysis,
                    now: Self.now.addingTimeInterval(Double(round * 60))
                ).status
        }
        let kept = status?.measurements ?? []
        #expect(kept.count == AnalysisStatus.measurementLimit)
        #expect(kept.filter { $0.name == "latency" }.count == 1, "only the latest passed latency")
        #expect(kept.first { $0.name == "latency" }?.time == Time(Self.now.addingTimeInterval(11 * 60)))
        #expect(kept.filter { $0.name == "errorRate" }.count == 9, "the nine newest failures")
        #expect(kept.map(\.time) == kept.map(\.time).sorted(by: >), "newest first")
        #expect(status?.failures == 12)
    }

    @Test("The latest measurement of a check that did not pass is kept before older failures")
    func decisiveLatestKept() {
        var previous = AnalysisStatus()
        previous.measurements = (0..<10).map { Self.measurement("errorRate", .failed, at: Double(-$0 - 1)) }
        previous.failures = 10
        let queue = Self.measurement("queueDepth", .noData)
        let judged = AnalysisJudge.judge(
            [queue],
            previous: previous,
            analysis: Self.analysis(failureLimit: 100),
            now: Self.now
        )
        #expect(judged.status.measurements?.first == queue)
        #expect(judged.status.measurements?.count == 10)
        #expect(judged.verdict == .paused("no data for queueDepth: queueDepth NoData"))
    }

    @Test("Passing measurements pass; nothing measured yet passes")
    func passing() {
        let judged = AnalysisJudge.judge(
            [Self.measurement("errorRate", .passed), Self.measurement("latency", .passed)],
            previous: nil,
            analysis: nil,
            now: Self.now
        )
        #expect(judged.verdict == .passing)
        #expect(judged.status.failures == 0)
        #expect(judged.status.inconclusive == 0)
        #expect(judged.status.measurements?.map(\.name) == ["errorRate", "latency"])
        #expect(AnalysisJudge.judge([], previous: nil, analysis: nil, now: Self.now).verdict == .passing)
    }
}

@Suite("Analysis judge invariants")
struct AnalysisJudgeInvariantTests {
    static let results: [MeasurementResult] = [.passed, .failed, .noData, .error]
    static let policies: [AnalysisNoDataPolicy?] = [nil, .pause, .fail, .ignore]

    @Test("Nothing passes by accident: every combination of three checks' results under every no-data policy")
    func neverPassesByAccident() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for policy in Self.policies {
            var analysis = RolloutAnalysis()
            analysis.onNoData = policy
            for first in Self.results {
                for second in Self.results {
                    for third in Self.results {
                        let combination = [first, second, third]
                        let measurements = zip(["errorRate", "latency", "queueDepth"], combination).map {
                            AnalysisMeasurement(name: $0, result: $1, time: Time(now))
                        }
                        let (status, verdict) = AnalysisJudge.judge(
                            measurements,
                            previous: nil,
                            analysis: analysis,
                            now: now
                        )
                        let failed = combination.contains(.failed)
                        let blind = combination.contains(.noData) || combination.contains(.error)
                        let context = "\(policy?.rawValue ?? "default") \(combination)"
                        switch verdict {
                        case .passing:
                            #expect(!failed, "\(context)")
                            #expect(!blind || policy == .ignore, "\(context)")
                        case .failed(let decisive):
                            #expect(failed || (blind && policy == .fail), "\(context)")
                            #expect(decisive.result != .passed, "\(context)")
                        case .paused:
                            #expect(!failed && blind && (policy == nil || policy == .pause), "\(context)")
                        }
                        #expect(status.measurements?.count == 3)
                        #expect(
                            status.measurements?.contains { $0.result == .passed && !combination.contains(.passed) }
                                == false
                        )
                    }
                }
            }
        }
    }
}
