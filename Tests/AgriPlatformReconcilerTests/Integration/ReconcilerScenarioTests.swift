import AgriPlatformAPI
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// Larger scenarios: every seed example, a failing release, and two operators sharing a Lease.
@Suite("Reconciler scenarios", .serialized, .timeLimit(.minutes(5)))
struct ReconcilerScenarioTests {
    @Test("Every seed example converges to Ready: services, operated datastores and their generated Secrets")
    func seedExamplesConverge() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            let names = try OperatorHarness.exampleNames()
            #expect(names.count >= 6)
            for name in names {
                let example = try OperatorHarness.example(name)
                // External datastores read their connection from a Secret the team creates (RDS, ElastiCache…).
                for datastore in example.spec.datastores ?? [] {
                    guard let secret = datastore.external?.secretName else { continue }
                    _ = try await harness.client.create(
                        Secret(
                            metadata: ObjectMeta(name: secret, namespace: OperatorHarness.namespace),
                            stringData: ["HOST": "\(datastore.name).example.internal", "PORT": "5432"]
                        )
                    )
                }
                try await harness.create(example)
            }
            for name in names {
                let example = try OperatorHarness.example(name)
                let platformName = try #require(example.metadata.name)
                try await harness.waitUntilReady(platformName, timeout: .seconds(90))
                let platform = try await harness.platform(platformName)
                let datastores = example.spec.datastores ?? []
                #expect(platform.status?.phase == .ready, "\(name)")
                #expect(platform.status?.readyDatastores == "\(datastores.count)/\(datastores.count)", "\(name)")
                for datastore in datastores where datastore.external == nil {
                    let secret = "\(platformName)-\(datastore.name)-connection"
                    #expect(try await harness.exists(Secret.resource, secret), "\(name): \(secret)")
                    #expect(
                        try await harness.exists(StatefulSet.resource, "\(platformName)-\(datastore.name)"),
                        "\(name): \(datastore.name)"
                    )
                    let entry = platform.status?.datastores?.first { $0.name == datastore.name }
                    #expect(entry?.ready == true, "\(name): \(entry?.message ?? "")")
                    #expect(entry?.endpoint?.hasPrefix("\(platformName)-\(datastore.name).") == true, "\(name)")
                }
                #expect(platform.status?.conditions?[type: "InvalidSpec"]?.status == "False", "\(name)")
                #expect(platform.status?.conditions?[type: "Degraded"]?.status == "False", "\(name)")
            }
            await running.stop()
        }
    }

    @Test("A release whose pods never become ready is rolled back at the progress deadline and says why")
    func stuckReleaseRollsBack() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            var service = PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")
            service.rollout = Rollout()
            service.rollout?.progressDeadlineSeconds = 2
            try await harness.create(OperatorHarness.platform("shop", services: [service]))
            try await harness.waitUntilReady("shop")
            let simulation = try #require(harness.server.simulation)
            simulation.setPodBehaviour(.neverReady, matching: .image("ghcr.io/example/api:broken"))
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:broken" }
            try await poll("the release is rolled back at the progress deadline") {
                let platform = try await harness.platform("shop")
                return platform.status?.phase == .degraded
                    && platform.status?.conditions?[type: "Degraded"]?.reason == "ReleaseRolledBack"
                    && platform.status?.services?.first?.rollout?.failureReason == "ProgressDeadlineExceeded"
            }
            try await poll("the Deployment runs the previous image again") {
                try await harness.deployment("shop-api")?.spec?.template?.spec?.containers.first?.image
                    == "ghcr.io/example/api:1.0.0"
            }
            let platform = try await harness.platform("shop")
            #expect(platform.status?.conditions?[type: "Ready"]?.status == "False")
            let rollout = try #require(platform.status?.services?.first?.rollout)
            #expect(rollout.phase == .rolledBack)
            #expect(rollout.message?.contains("kubectl agri retry api") == true)
            // The old pods kept serving throughout: maxUnavailable keeps the previous revision available.
            #expect((try await harness.deployment("shop-api"))?.status?.availableReplicas ?? 0 >= 1)
            // A new revision releases again.
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:1.0.1" }
            try await harness.waitUntilReady("shop")
            await running.stop()
        }
    }

    @Test("Two operators sharing a Lease never both write, and the second takes over when the first dies")
    func leaderElection() async throws {
        try await OperatorHarness.with { harness in
            let first = try await harness.startOperator(userAgent: "agri-operator-a", leaseName: "agri-operator")
            try await poll("one operator holds the Lease") {
                let lease = try? await harness.client.get(
                    Lease.self,
                    name: "agri-operator",
                    namespace: OperatorHarness.namespace
                )
                return lease?.spec?.holderIdentity == "agri-operator-a"
            }
            let second = try await harness.startOperator(userAgent: "agri-operator-b", leaseName: "agri-operator")
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            #expect(harness.operatorWrites(userAgent: "agri-operator-b").filter { !$0.contains("leases") } == [])
            await first.stop()
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:2.0.0" }
            try await poll("the second operator rolled the new image", timeout: .seconds(60)) {
                try await harness.deployment("shop-api")?.spec?.template?.spec?.containers.first?.image
                    == "ghcr.io/example/api:2.0.0"
            }
            try await harness.waitUntilReady("shop")
            // Every write of A was answered before B sent its first one.
            let entries = harness.server.requestLog.entries.filter { $0.isWrite && $0.resource != "leases" }
            let lastOfA =
                entries.filter { $0.userAgent?.hasPrefix("agri-operator-a") == true }
                .map(\.answeredSequence).max() ?? 0
            let firstOfB = entries.filter { $0.userAgent?.hasPrefix("agri-operator-b") == true }
                .map(\.receivedSequence).min()
            let firstB = try #require(firstOfB)
            #expect(lastOfA < firstB)
            await second.stop()
        }
    }
}
