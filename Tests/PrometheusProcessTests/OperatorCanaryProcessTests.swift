import AgriPlatformAPI
import AgriPlatformReconciler
import AgriPlatformRender
import AgriPlatformRollout
import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import TestSupport
import Testing

/// The whole operator releasing a canary on the simulated cluster while a real Prometheus scrapes a stable and a
/// canary ``MetricsApp`` labelled with the revisions the operator renders: the canary is promoted or aborted on
/// real query results.
@Suite("Canary releases judged by a real Prometheus", .serialized, .timeLimit(.minutes(5)))
struct OperatorCanaryProcessTests {
    static let namespace = "shop"
    static let oldImage = "ghcr.io/example/api:1.0.0"
    static let newImage = "ghcr.io/example/api:2.0.0"

    /// The platform: a canary at 50 % that waits 25 s (two more measurements at a 10 s interval) before promotion,
    /// rolled back above 5 % errors.
    static func platform(image: String, prometheusURL: String) -> AgriPlatform {
        var service = PlatformService(name: "api", image: image)
        service.replicas = 2
        var rollout = Rollout(strategy: .canary)
        rollout.canary = CanaryStrategy(steps: [.setWeight(50), .pause(seconds: 25)])
        var analysis = RolloutAnalysis()
        analysis.intervalSeconds = 10
        analysis.maxErrorRatePercent = 5
        analysis.prometheusURL = prometheusURL
        rollout.analysis = analysis
        service.rollout = rollout
        return AgriPlatform(
            metadata: ObjectMeta(name: "farm", namespace: namespace),
            spec: AgriPlatformSpec(services: [service])
        )
    }

    /// The revision the renderer gives `image`'s pods: what the operator's queries select on.
    static func revision(_ image: String) throws -> String {
        let objects = try PlatformRenderer().render(platform(image: image, prometheusURL: "http://unused:9090"))
        let deployment = try #require(objects.first { $0.kind == "Deployment" && $0.name == "farm-api" })
        return try #require(deployment.json[path: ["metadata", "annotations"]]?[ReleaseLabels.revision]?.stringValue)
    }

    /// Releases `newImage` with the canary app behaving as `canary`; returns the service's final rollout status.
    func release(canary behaviour: MetricsApp.Behaviour) async throws -> (RolloutStatus, canaryDeleted: Bool) {
        let stableRevision = try Self.revision(Self.oldImage)
        let canaryRevision = try Self.revision(Self.newImage)
        let stableApp = try await MetricsApp.start(MetricsApp.Behaviour(errorPercent: 0))
        let canaryApp = try await MetricsApp.start(behaviour)
        func labels(_ revision: String) -> [String: String] {
            ["namespace": Self.namespace, "service": "api", "revision": revision]
        }
        let prometheus = try await PrometheusProcess.start(targets: [
            .init(address: stableApp.address, labels: labels(stableRevision)),
            .init(address: canaryApp.address, labels: labels(canaryRevision)),
        ])
        defer {
            Task {
                await prometheus.stop()
                await stableApp.stop()
                await canaryApp.stop()
            }
        }
        return try await MetricsApp.withTraffic(to: [stableApp, canaryApp]) {
            // Wait until rate() has two scrapes of traffic for both revisions.
            let checks = AnalysisPlan.metricChecks(
                for: Self.platform(image: Self.newImage, prometheusURL: prometheus.baseURL).spec.services[0].rollout?
                    .analysis,
                target: AnalysisTarget(
                    namespace: Self.namespace,
                    platform: "farm",
                    service: "api",
                    revision: canaryRevision,
                    stableRevision: stableRevision
                )
            )
            let probe = PrometheusAnalysis(httpClient: .shared)
            try await poll("Prometheus has the release's request metrics", timeout: .seconds(90)) {
                let measured = await probe.measure(checks, baseURL: prometheus.baseURL, now: Date())
                return measured.allSatisfy { $0.result == .passed || $0.result == .failed }
            }
            return try await Self.runOperator(prometheusURL: prometheus.baseURL, releasing: canaryRevision)
        }
    }

    /// Runs the operator against a simulated cluster through one release.
    static func runOperator(
        prometheusURL: String,
        releasing revision: String
    ) async throws -> (RolloutStatus, canaryDeleted: Bool) {
        var configuration = KubeTestServer.Configuration()
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(50)
        configuration.simulation = simulation
        let result = Locked<(RolloutStatus, Bool)?>(nil)
        try await TestCluster.with(configuration) { cluster in
            let client = cluster.client
            _ = try await client.create(AgriPlatformCRD.definition())
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
            let operatorClient = try cluster.makeClient(userAgent: "agri-operator")
            let recorder = EventRecorder(
                client: operatorClient,
                configuration: EventRecorder.Configuration(
                    aggregator: EventAggregator.Configuration(
                        reportingController: "agri-operator",
                        reportingInstance: "test"
                    )
                )
            )
            var logger = Logger(label: "agri-operator.test")
            logger.logLevel = .warning
            let reconciler = AgriPlatformReconciler(client: operatorClient, recorder: recorder, logger: logger)
            let controller = try await reconciler.makeController()
            let tasks = [Task { try await recorder.run() }, Task { try await controller.run() }]
            defer { for task in tasks { task.cancel() } }

            _ = try await client.create(platform(image: oldImage, prometheusURL: prometheusURL))
            try await poll("the first revision is stable") {
                let platform = try await client.get(AgriPlatform.self, name: "farm", namespace: namespace)
                return platform.status?.services?.first?.rollout?.phase == .healthy
            }
            var platform = try await client.get(AgriPlatform.self, name: "farm", namespace: namespace)
            platform.spec.services[0].image = newImage
            _ = try await client.update(platform)
            try await poll("the release ends", timeout: .seconds(120)) {
                let platform = try await client.get(AgriPlatform.self, name: "farm", namespace: namespace)
                guard let rollout = platform.status?.services?.first?.rollout,
                    rollout.desiredRevision == revision,
                    rollout.phase == .rolledBack
                        || (rollout.phase == .healthy && rollout.stableRevision == rollout.desiredRevision)
                else { return false }
                let canary = try? await client.get(Deployment.self, name: "farm-api-canary", namespace: namespace)
                result.withLock { $0 = (rollout, canary == nil) }
                return canary == nil
            }
            for task in tasks { task.cancel() }
            for task in tasks { _ = await task.result }
        }
        let (status, deleted) = try #require(result.withLock { $0 })
        return (status, deleted)
    }

    @Test("a healthy canary is promoted after passing every measurement of its pause")
    func healthyCanaryIsPromoted() async throws {
        let (rollout, canaryDeleted) = try await release(canary: MetricsApp.Behaviour(errorPercent: 0))
        #expect(rollout.phase == .healthy)
        #expect(rollout.stableRevision == (try Self.revision(Self.newImage)))
        #expect(canaryDeleted)
        let errorRate = try #require(rollout.analysis?.measurements?.first { $0.name == "errorRate" })
        #expect(errorRate.result == .passed)
        #expect((rollout.analysis?.failures ?? 0) == 0)
    }

    @Test("a canary failing a fifth of its requests is aborted on the real error rate")
    func failingCanaryIsAborted() async throws {
        let (rollout, canaryDeleted) = try await release(canary: MetricsApp.Behaviour(errorPercent: 20))
        #expect(rollout.phase == .rolledBack)
        #expect(rollout.failureReason == "AnalysisFailed")
        #expect(canaryDeleted)
        let errorRate = try #require(rollout.analysis?.measurements?.first { $0.name == "errorRate" })
        #expect(errorRate.result == .failed)
        let value = try #require(errorRate.value)
        #expect(value > 10 && value < 30, "\(errorRate)")
        #expect(rollout.stableRevision == (try Self.revision(Self.oldImage)))
    }
}
