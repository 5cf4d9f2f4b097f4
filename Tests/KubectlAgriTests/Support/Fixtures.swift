import AgriPlatformAPI
import Foundation
import KubeCore

/// Platforms and statuses the plugin's tests show and command.
enum Fixtures {
    /// A fixed "now" for the table tests.
    static let now = Date(timeIntervalSince1970: 1_764_238_500)

    /// A time `seconds` before ``now``.
    static func ago(_ seconds: Double) -> Time {
        Time(now.addingTimeInterval(-seconds))
    }

    /// `shop` in `namespace`: `api` released by a 4-step canary, `web` by rolling updates, `worker` by blue-green.
    static func platform(namespace: String = "default", name: String = "shop") -> AgriPlatform {
        var api = PlatformService(name: "api", image: "ghcr.io/agri/api:1.4.0")
        api.replicas = 4
        var rollout = Rollout(strategy: .canary)
        rollout.canary = CanaryStrategy(steps: [
            .setWeight(20), .pause(seconds: 60), .setWeight(50), .pause(seconds: nil),
        ])
        api.rollout = rollout
        var web = PlatformService(name: "web", image: "ghcr.io/agri/web:2.0.0")
        web.replicas = 2
        var worker = PlatformService(name: "worker", image: "ghcr.io/agri/worker:0.9.1")
        worker.rollout = Rollout(strategy: .blueGreen)
        return AgriPlatform(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: AgriPlatformSpec(services: [api, web, worker])
        )
    }

    /// A canary of `api` at step 2 of 4 with 20 % of traffic, one passed and one failed measurement.
    static func canaryInProgress() -> RolloutStatus {
        var status = RolloutStatus()
        status.phase = .progressing
        status.strategy = .canary
        status.stableRevision = "3f2a9c1b7d"
        status.desiredRevision = "91cc04de55"
        status.startedAt = ago(200)
        status.currentStepIndex = 1
        status.canaryWeight = 20
        status.candidateReplicas = 1
        status.migration = MigrationStatus(job: "shop-api-migrate-91cc04de", state: "Succeeded")
        var analysis = AnalysisStatus()
        analysis.measurements = [
            AnalysisMeasurement(
                name: "errorRate",
                result: .passed,
                value: 1.2345,
                threshold: "> 5",
                time: ago(12),
                message: "error rate of revision 91cc04de is 1.23 % (limit 5 %)"
            ),
            AnalysisMeasurement(name: "latencyIncrease", result: .noData, threshold: "> 200", time: ago(150)),
        ]
        status.analysis = analysis
        status.history = [
            RevisionRecord(revision: "3f2a9c1b7d", image: "ghcr.io/agri/api:1.3.0", completedAt: ago(9000))
        ]
        status.message = "canary at 20 %, step 2/4: pausing 60s"
        return status
    }

    /// `platform` with status entries for `api` (the canary above, unless `api` is given) and `web` (healthy).
    static func withStatus(_ platform: AgriPlatform, api: RolloutStatus = canaryInProgress()) -> AgriPlatform {
        var platform = platform
        var status = AgriPlatformStatus()
        var apiStatus = ServiceStatus(name: "api")
        apiStatus.replicas = 4
        apiStatus.readyReplicas = 4
        apiStatus.image = "ghcr.io/agri/api:1.4.0"
        apiStatus.revision = "91cc04de55"
        apiStatus.rollout = api
        var webStatus = ServiceStatus(name: "web")
        webStatus.replicas = 2
        webStatus.readyReplicas = 1
        webStatus.revision = "aa11bb22cc"
        var webRollout = RolloutStatus()
        webRollout.phase = .healthy
        webRollout.strategy = .rolling
        webRollout.stableRevision = "aa11bb22cc"
        webRollout.desiredRevision = "aa11bb22cc"
        webStatus.rollout = webRollout
        status.services = [apiStatus, webStatus]
        platform.status = status
        return platform
    }
}
