import AgriPlatformAPI
import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@Suite("Analysis plan: which checks, which queries, when")
struct AnalysisPlanTests {
    static let target = AnalysisTarget(
        namespace: "shop",
        platform: "farm",
        service: "api",
        revision: "new1",
        stableRevision: "old0"
    )

    static func seedRules() -> RolloutAnalysis {
        var analysis = RolloutAnalysis()
        analysis.maxErrorRatePercent = 5
        analysis.maxLatencyIncreasePercent = 200
        analysis.maxLatencyMillis = 3000
        analysis.prometheusURL = "http://prometheus:9090"
        return analysis
    }

    @Test("The seeds' rules become the documented error-rate and p95 queries with the default labels")
    func seedQueries() {
        let checks = AnalysisPlan.metricChecks(for: Self.seedRules(), target: Self.target)
        #expect(checks.map(\.name) == ["errorRate", "latencyIncrease", "latency"])
        #expect(
            checks[0].queries == [
                "errors":
                    #"sum(rate(http_requests_total{namespace="shop",service="api",revision="new1",code=~"5.."}[60s]))"#,
                "requests": #"sum(rate(http_requests_total{namespace="shop",service="api",revision="new1"}[60s]))"#,
            ]
        )
        #expect(checks[0].rule == .errorRate(maxPercent: 5))
        #expect(
            checks[1].queries == [
                "candidate": "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                    + #"{namespace="shop",service="api",revision="new1"}[60s])))"#,
                "stable": "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                    + #"{namespace="shop",service="api",revision="old0"}[60s])))"#,
            ]
        )
        #expect(checks[1].rule == .latencyIncrease(maxPercent: 200))
        #expect(checks[2].queries == ["value": checks[1].queries["candidate"]!])
        #expect(checks[2].rule == .latency(maxMillis: 3000))
    }

    @Test("Label names, metric names and the interval are the spec's when set")
    func configuredNames() {
        var analysis = Self.seedRules()
        analysis.maxLatencyIncreasePercent = nil
        analysis.maxLatencyMillis = nil
        analysis.intervalSeconds = 30
        analysis.requestsMetric = "requests_total"
        analysis.labels = AnalysisLabels(
            namespace: "kubernetes_namespace",
            service: "app",
            revision: "rev",
            statusCode: "status"
        )
        let checks = AnalysisPlan.metricChecks(for: analysis, target: Self.target)
        #expect(
            checks.first?.queries["errors"]
                == #"sum(rate(requests_total{kubernetes_namespace="shop",app="api",rev="new1",status=~"5.."}[30s]))"#
        )
    }

    @Test("A first release has no baseline: the latency comparison is left out")
    func noBaseline() {
        var first = Self.target
        first.stableRevision = nil
        #expect(
            AnalysisPlan.metricChecks(for: Self.seedRules(), target: first).map(\.name) == ["errorRate", "latency"]
        )
        var same = Self.target
        same.stableRevision = same.revision
        #expect(AnalysisPlan.metricChecks(for: Self.seedRules(), target: same).map(\.name) == ["errorRate", "latency"])
    }

    @Test("Without analysis or without a Prometheus URL there are no metric checks")
    func nothingToAsk() {
        #expect(AnalysisPlan.metricChecks(for: nil, target: Self.target).isEmpty)
        var analysis = Self.seedRules()
        analysis.prometheusURL = nil
        #expect(AnalysisPlan.metricChecks(for: analysis, target: Self.target).isEmpty)
    }

    @Test("Custom queries get their placeholders filled in, escaped, and ranges become worst-point subqueries")
    func customMetrics() {
        var analysis = RolloutAnalysis()
        analysis.prometheusURL = "http://prometheus:9090"
        analysis.metrics = [
            AnalysisMetric(
                name: "queueDepth",
                query:
                    #"max(queue_depth{namespace="{{namespace}}",platform="{{platform}}",app="{{service}}",rev="{{revision}}"})"#,
                failIfAbove: 1000
            ),
            AnalysisMetric(
                name: "jobs",
                query: #"sum(rate(jobs_total{rev="{{revision}}"}[1m]))"#,
                failIfAbove: 100,
                failIfBelow: 1,
                rangeSeconds: 300
            ),
            AnalysisMetric(
                name: "vsStable",
                query: #"max(x{rev="{{revision}}"}) / max(x{rev="{{stableRevision}}"})"#,
                failIfAbove: 2
            ),
        ]
        var target = Self.target
        target.namespace = #"we"ird"#
        let checks = AnalysisPlan.metricChecks(for: analysis, target: target)
        #expect(checks.map(\.name) == ["queueDepth", "jobs", "vsStable"])
        #expect(
            checks[0].queries
                == ["value": #"max(queue_depth{namespace="we\"ird",platform="farm",app="api",rev="new1"})"#]
        )
        #expect(checks[0].rule == .threshold(failIfAbove: 1000, failIfBelow: nil))
        #expect(
            checks[1].queries == [
                "max": #"max_over_time((sum(rate(jobs_total{rev="new1"}[1m])))[300s:5s])"#,
                "min": #"min_over_time((sum(rate(jobs_total{rev="new1"}[1m])))[300s:5s])"#,
            ]
        )
        #expect(checks[2].queries == ["value": #"max(x{rev="new1"}) / max(x{rev="old0"})"#])

        target.stableRevision = nil
        #expect(AnalysisPlan.metricChecks(for: analysis, target: target).map(\.name) == ["queueDepth", "jobs"])
    }

    struct DueCase: Sendable, CustomTestStringConvertible {
        let name: String
        let measuredSecondsAgo: Double?
        let interval: Int32?
        let hasChecks: Bool
        let due: Bool
        var testDescription: String { name }
    }

    static let dueCases: [DueCase] = [
        DueCase(
            name: "never measured in this release",
            measuredSecondsAgo: nil,
            interval: nil,
            hasChecks: true,
            due: true
        ),
        DueCase(
            name: "measured 59 s ago, default interval",
            measuredSecondsAgo: 59,
            interval: nil,
            hasChecks: true,
            due: false
        ),
        DueCase(
            name: "measured 60 s ago, default interval",
            measuredSecondsAgo: 60,
            interval: nil,
            hasChecks: true,
            due: true
        ),
        DueCase(
            name: "measured 15 s ago, interval 10 s",
            measuredSecondsAgo: 15,
            interval: 10,
            hasChecks: true,
            due: true
        ),
        DueCase(
            name: "no metric checks configured",
            measuredSecondsAgo: nil,
            interval: nil,
            hasChecks: false,
            due: false
        ),
    ]

    @Test("Measurements are due once per interval, counted from status", arguments: dueCases)
    func isDue(_ testCase: DueCase) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var analysis = testCase.hasChecks ? Self.seedRules() : RolloutAnalysis()
        analysis.intervalSeconds = testCase.interval
        analysis.prometheusURL = "http://prometheus:9090"
        var status = AnalysisStatus()
        status.measuredAt = testCase.measuredSecondsAgo.map { Time(now.addingTimeInterval(-$0)) }
        #expect(AnalysisPlan.isDue(status, analysis: analysis, now: now) == testCase.due)
        let wait = AnalysisPlan.secondsUntilDue(status, analysis: analysis, now: now)
        if testCase.hasChecks {
            #expect((wait == 0) == testCase.due)
        } else {
            #expect(wait == nil)
        }
    }

    @Test("No analysis is never due")
    func noAnalysisNeverDue() {
        #expect(!AnalysisPlan.isDue(nil, analysis: nil, now: Date(timeIntervalSince1970: 0)))
    }
}
