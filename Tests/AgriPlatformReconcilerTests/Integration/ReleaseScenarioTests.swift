import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// Whole releases through the operator on the simulated cluster: each strategy's good release, a canary aborted
/// by its analysis, a blue-green rollback inside the scale-down window, and commands through the annotation.
@Suite("Release scenarios", .serialized, .timeLimit(.minutes(5)))
struct ReleaseScenarioTests {
    static let oldImage = "ghcr.io/example/api:1.0.0"
    static let newImage = "ghcr.io/example/api:2.0.0"

    static func service(_ rollout: Rollout) -> PlatformService {
        var service = PlatformService(name: "api", image: oldImage)
        service.replicas = 2
        service.rollout = rollout
        return service
    }

    static func canary(_ steps: [CanaryStep]) -> Rollout {
        var rollout = Rollout(strategy: .canary)
        rollout.canary = CanaryStrategy(steps: steps)
        return rollout
    }

    /// Writes a command annotation, as `kubectl agri` does.
    static func send(_ verb: RolloutCommand.Verb, to harness: OperatorHarness, id: String) async throws {
        try await harness.update("shop") { platform in
            var annotations = platform.metadata.annotations ?? [:]
            annotations[RolloutCommand.annotationKey(service: "api")] = RolloutCommand(verb: verb, id: id).description
            platform.metadata.annotations = annotations
        }
    }

    static func rollout(_ harness: OperatorHarness) async throws -> RolloutStatus? {
        try await harness.platform("shop").status?.services?.first?.rollout
    }

    static func image(_ deployment: Deployment?) -> String? {
        deployment?.spec?.template?.spec?.containers.first?.image
    }

    @Test("a canary stops at its indefinite pause beside the untouched stable pods, and promote finishes it")
    func canaryRelease() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            let service = Self.service(Self.canary([.setWeight(50), .pause(seconds: nil)]))
            try await harness.create(OperatorHarness.platform("shop", services: [service]))
            try await harness.waitUntilReady("shop")
            try await harness.update("shop") { $0.spec.services[0].image = Self.newImage }
            try await poll("the canary waits for promotion") {
                let rollout = try await Self.rollout(harness)
                return rollout?.phase == .paused && rollout?.currentStepIndex == 1
            }
            let canary = try #require(try await harness.deployment("shop-api-canary"))
            #expect(Self.image(canary) == Self.newImage)
            #expect(canary.spec?.replicas == 2)  // 50 % beside 2 stable pods
            #expect(Self.image(try await harness.deployment("shop-api")) == Self.oldImage)
            let platform = try await harness.platform("shop")
            #expect(platform.status?.phase == .paused)
            #expect(platform.status?.services?.first?.rollout?.message?.contains("kubectl agri promote api") == true)

            try await Self.send(.promote, to: harness, id: "1")
            try await poll("the canary is promoted and gone") {
                let rollout = try await Self.rollout(harness)
                let canaryGone = try await harness.deployment("shop-api-canary") == nil
                return rollout?.phase == .healthy && canaryGone
            }
            #expect(Self.image(try await harness.deployment("shop-api")) == Self.newImage)
            let rollout = try #require(try await Self.rollout(harness))
            #expect(rollout.lastCommand == "promote@1")
            #expect(rollout.history?.count == 2)
            try await harness.waitUntilReady("shop")
            await running.stop()
        }
    }

    @Test("a canary whose pods crash is aborted: its traffic and pods go, the stable Deployment never changed")
    func canaryAbortedByHealthChecks() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            let service = Self.service(Self.canary([.setWeight(25), .pause(seconds: nil)]))
            try await harness.create(OperatorHarness.platform("shop", services: [service]))
            try await harness.waitUntilReady("shop")
            let simulation = try #require(harness.server.simulation)
            simulation.setPodBehaviour(.crashLoop, matching: .image(Self.newImage))
            try await harness.update("shop") { $0.spec.services[0].image = Self.newImage }
            try await poll("the canary is rolled back") {
                try await Self.rollout(harness)?.phase == .rolledBack
            }
            try await poll("the canary Deployment is deleted") {
                try await harness.deployment("shop-api-canary") == nil
            }
            let rollout = try #require(try await Self.rollout(harness))
            #expect(["CircuitBreaker", "AnalysisFailed"].contains(rollout.failureReason))
            #expect(Self.image(try await harness.deployment("shop-api")) == Self.oldImage)
            let platform = try await harness.platform("shop")
            #expect(platform.status?.conditions?[type: "Degraded"]?.reason == "ReleaseRolledBack")
            await running.stop()
        }
    }

    @Test("blue-green: promotion switches the Service at once and undo inside the delay switches it back")
    func blueGreenInstantRollback() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            var rollout = Rollout(strategy: .blueGreen)
            rollout.blueGreen = BlueGreenStrategy(scaleDownDelaySeconds: 300)
            try await harness.create(OperatorHarness.platform("shop", services: [Self.service(rollout)]))
            try await harness.waitUntilReady("shop")
            let stableRevision = try #require(try await Self.rollout(harness)?.stableRevision)
            try await harness.update("shop") { $0.spec.services[0].image = Self.newImage }
            try await poll("the preview waits for promotion") {
                try await Self.rollout(harness)?.phase == .paused
            }
            let newRevision = try #require(try await Self.rollout(harness)?.desiredRevision)
            #expect(try await harness.exists(Service.resource, "shop-api-preview"))
            #expect(try await Self.selectedRevision(harness) == stableRevision)

            try await Self.send(.promote, to: harness, id: "1")
            try await poll("the active Service selects the new revision") {
                try await Self.selectedRevision(harness) == newRevision
            }
            #expect(Self.image(try await harness.deployment("shop-api")) == Self.oldImage)

            let writesBefore = harness.operatorWrites().count
            try await Self.send(.undo, to: harness, id: "2")
            try await poll("the active Service selects the old revision again") {
                try await Self.selectedRevision(harness) == stableRevision
            }
            // Instant: the old pods never went away, the stable Deployment was not touched.
            let stable = try #require(try await harness.deployment("shop-api"))
            #expect(Self.image(stable) == Self.oldImage)
            #expect(stable.status?.readyReplicas == 2)
            let undoWrites = harness.operatorWrites().dropFirst(writesBefore)
            #expect(!undoWrites.contains { $0.contains("deployments/shop-api") && !$0.contains("preview") })
            try await poll("the preview is removed") { try await harness.deployment("shop-api-preview") == nil }
            #expect(try await Self.rollout(harness)?.phase == .rolledBack)
            await running.stop()
        }
    }

    @Test("rolling with a migration: the Job succeeds before the Deployment changes, and dependsOn orders services")
    func migrationAndDependencies() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            var backend = PlatformService(name: "backend", image: "ghcr.io/example/backend:1")
            backend.migration = MigrationJob(command: ["migrate"])
            var frontend = PlatformService(name: "web", image: "ghcr.io/example/web:1")
            frontend.dependsOn = ["backend"]
            try await harness.create(OperatorHarness.platform("shop", services: [backend, frontend]))
            try await harness.waitUntilReady("shop", timeout: .seconds(60))
            try await harness.update("shop") { platform in
                platform.spec.services[0].image = "ghcr.io/example/backend:2"
                platform.spec.services[1].image = "ghcr.io/example/web:2"
            }
            try await harness.waitUntilReady("shop", timeout: .seconds(60))
            // Order, from the API server's own log of the operator's writes: the migration Job, then the backend
            // Deployment, then the frontend Deployment.
            let writes = harness.operatorWrites()
            let job = writes.lastIndex { $0.contains("jobs/shop-backend-migrate") }
            let backendApply = writes.lastIndex { $0.hasSuffix("deployments/shop-backend") }
            let webApply = writes.lastIndex { $0.hasSuffix("deployments/shop-web") }
            let (jobIndex, backendIndex, webIndex) = (
                try #require(job), try #require(backendApply), try #require(webApply)
            )
            #expect(jobIndex < backendIndex)
            #expect(backendIndex < webIndex, "\(writes)")
            await running.stop()
        }
    }

    /// The revision the active Service `shop-api` selects, if it selects one.
    static func selectedRevision(_ harness: OperatorHarness) async throws -> String? {
        let service = try await harness.client.get(Service.self, name: "shop-api", namespace: OperatorHarness.namespace)
        return service.spec?.selector?["agriplatform.io/revision"]
    }
}
