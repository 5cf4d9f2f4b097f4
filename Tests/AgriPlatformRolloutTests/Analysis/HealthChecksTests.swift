import AgriPlatformAPI
import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@Suite("Built-in health checks")
struct HealthChecksTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func ago(_ seconds: Double) -> Date { now.addingTimeInterval(-seconds) }

    static func service(
        grace: Int32? = nil,
        interval: Int32? = nil,
        consecutive: Int32? = nil,
        maxUnhealthy: Int32? = nil
    )
        -> PlatformService
    {
        var service = PlatformService(name: "api", image: "api:2")
        var healthCheck = HealthCheck(path: "/health")
        healthCheck.startupGracePeriodSeconds = grace
        healthCheck.intervalSeconds = interval
        service.healthCheck = healthCheck
        var rollout = Rollout()
        var analysis = RolloutAnalysis()
        analysis.consecutiveHealthCheckFailures = consecutive
        analysis.maxUnhealthySeconds = maxUnhealthy
        rollout.analysis = analysis
        service.rollout = rollout
        return service
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let service: PlatformService
        let pods: [PodSummary]
        /// name, value, threshold, message of each failed measurement.
        let failures: [[String?]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "ready pods pass every check (nothing reported)",
            service: service(),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(900), ready: true, readyChangedAt: ago(880))
            ],
            failures: []
        ),
        Case(
            name: "a pod unready for 301 s fails unhealthy with the default 300 s",
            service: service(),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(301), ready: false, readyChangedAt: ago(301))
            ],
            failures: [
                ["unhealthy", "301", "> 300", "pod api-1 of revision new has been unready for 301 s (limit 300 s)"]
            ]
        ),
        Case(
            name: "a pod unready for exactly 300 s still passes",
            service: service(),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(300), ready: false, readyChangedAt: ago(300))
            ],
            failures: []
        ),
        Case(
            name: "the start-up grace period does not count as unready",
            service: service(grace: 120),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(400), ready: false, readyChangedAt: ago(400))
            ],
            failures: []
        ),
        Case(
            name: "unready time after the grace period counts",
            service: service(grace: 120, maxUnhealthy: 60),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(200), ready: false, readyChangedAt: ago(200))
            ],
            failures: [["unhealthy", "80", "> 60", "pod api-1 of revision new has been unready for 80 s (limit 60 s)"]]
        ),
        Case(
            name: "a pod that turned unready counts from the change",
            service: service(maxUnhealthy: 60),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(3600), ready: false, readyChangedAt: ago(30))
            ],
            failures: []
        ),
        Case(
            name: "pods of other revisions and terminating pods are ignored",
            service: service(),
            pods: [
                PodSummary(
                    name: "api-old",
                    revision: "old",
                    createdAt: ago(900),
                    ready: false,
                    readyChangedAt: ago(900),
                    restarts: 9
                ),
                PodSummary(
                    name: "api-gone",
                    revision: "new",
                    createdAt: ago(900),
                    ready: false,
                    readyChangedAt: ago(900),
                    terminating: true
                ),
            ],
            failures: []
        ),
        Case(
            name: "five consecutive failed checks at 30 s fail healthChecks before unhealthy does",
            service: service(consecutive: 5),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(155), ready: false, readyChangedAt: ago(155))
            ],
            failures: [
                [
                    "healthChecks", "5", ">= 5",
                    "pod api-1 of revision new has failed at least 5 consecutive health checks (unready for 155 s, "
                        + "one check every 30 s; limit 5)",
                ]
            ]
        ),
        Case(
            name: "four failed checks pass healthChecks",
            service: service(interval: 10, consecutive: 5),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(49), ready: false, readyChangedAt: ago(49))
            ],
            failures: []
        ),
        Case(
            name: "three restarts fail, naming a crash loop",
            service: service(),
            pods: [
                PodSummary(name: "api-1", revision: "new", createdAt: ago(60), ready: true, restarts: 1),
                PodSummary(
                    name: "api-2",
                    revision: "new",
                    createdAt: ago(60),
                    ready: true,
                    restarts: 3,
                    crashLooping: true
                ),
            ],
            failures: [
                ["restarts", "3", ">= 3", "pod api-2 of revision new restarted 3 times, crash-looping (limit 3)"]
            ]
        ),
        Case(
            name: "one crash, even in CrashLoopBackOff, passes",
            service: service(),
            pods: [
                PodSummary(
                    name: "api-1",
                    revision: "new",
                    createdAt: ago(60),
                    ready: true,
                    restarts: 1,
                    crashLooping: true
                )
            ],
            failures: []
        ),
        Case(
            name: "an image that cannot be pulled for more than a minute fails",
            service: service(),
            pods: [
                PodSummary(
                    name: "api-1",
                    revision: "new",
                    createdAt: ago(75),
                    ready: false,
                    readyChangedAt: ago(75),
                    cannotStart: true
                )
            ],
            failures: [
                [
                    "cannotStart", "75", "> 60",
                    "pod api-1 of revision new cannot start its container (the image cannot be pulled or its "
                        + "configuration is missing) after 75 s",
                ]
            ]
        ),
        Case(
            name: "an image pull error within the first minute passes",
            service: service(),
            pods: [
                PodSummary(
                    name: "api-1",
                    revision: "new",
                    createdAt: ago(20),
                    ready: false,
                    readyChangedAt: ago(20),
                    cannotStart: true
                )
            ],
            failures: []
        ),
        Case(
            name: "several failing checks are all reported, the worst pod named",
            service: service(consecutive: 3),
            pods: [
                PodSummary(
                    name: "api-1",
                    revision: "new",
                    createdAt: ago(500),
                    ready: false,
                    readyChangedAt: ago(400),
                    restarts: 4
                ),
                PodSummary(name: "api-2", revision: "new", createdAt: ago(500), ready: false, readyChangedAt: ago(100)),
            ],
            failures: [
                ["unhealthy", "400", "> 300", "pod api-1 of revision new has been unready for 400 s (limit 300 s)"],
                [
                    "healthChecks", "13", ">= 3",
                    "pod api-1 of revision new has failed at least 13 consecutive health checks (unready for 400 s, "
                        + "one check every 30 s; limit 3)",
                ],
                ["restarts", "4", ">= 3", "pod api-1 of revision new restarted 4 times (limit 3)"],
            ]
        ),
    ]

    @Test("Each check fails exactly when its rule says, with value, threshold and reason", arguments: cases)
    func measure(_ testCase: Case) {
        let measurements = HealthChecks.measure(testCase.service, revision: "new", pods: testCase.pods, now: Self.now)
        let described = measurements.map { measurement -> [String?] in
            [
                measurement.name, measurement.value.map { String(Int($0)) }, measurement.threshold,
                measurement.message,
            ]
        }
        #expect(described == testCase.failures)
        #expect(measurements.allSatisfy { $0.result == .failed && $0.time.date == Self.now })
        #expect(measurements.allSatisfy { HealthChecks.names.contains($0.name) })
    }

    @Test("The built-in names are reserved for custom metrics")
    func reservedNames() {
        #expect(HealthChecks.names.isSubset(of: Set(AnalysisMetric.reservedNames)))
    }
}
