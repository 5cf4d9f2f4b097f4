import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import TestSupport
import Testing

/// The reconciler end to end on KubeTestServer with simulated Deployments, ReplicaSets, Pods and HPAs: what the
/// issue says must be true, asserted on the state of the world (and, for zero writes, on the request log).
@Suite("Reconciler end to end", .serialized, .timeLimit(.minutes(3)))
struct ReconcilerConvergenceTests {
    @Test("A platform converges to Ready with its objects owned and labelled")
    func convergesToReady() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            let created = try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            let platform = try await harness.platform("shop")
            #expect(platform.status?.phase == .ready)
            #expect(platform.status?.readyServices == "1/1")
            let service = try #require(platform.status?.services?.first)
            #expect(service.image == "ghcr.io/example/api:1.0.0")
            #expect(service.readyReplicas == 2)
            let deployment = try #require(try await harness.deployment("shop-api"))
            #expect(deployment.metadata.ownerReferences?.first?.uid == created.metadata.uid)
            #expect(deployment.metadata.ownerReferences?.first?.controller == true)
            #expect(deployment.metadata.labels?[PlatformLabels.managedBy] == "agri-operator")
            #expect(deployment.status?.availableReplicas == 2)
            #expect(try await harness.exists(Service.resource, "shop-api"))
            #expect(try await harness.exists(PodDisruptionBudget.resource, "shop-api"))
            await running.stop()
        }
    }

    @Test("An image change rolls the Deployment and the status follows")
    func imageChangeRolls() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            let before = try #require(try await harness.platform("shop").status?.services?.first?.revision)
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:2.0.0" }
            try await harness.waitUntilReady("shop")
            let platform = try await harness.platform("shop")
            let service = try #require(platform.status?.services?.first)
            #expect(service.image == "ghcr.io/example/api:2.0.0")
            #expect(service.revision != before)
            let deployment = try #require(try await harness.deployment("shop-api"))
            #expect(deployment.spec?.template?.spec?.containers.first?.image == "ghcr.io/example/api:2.0.0")
            #expect(deployment.status?.updatedReplicas == 2)
            await running.stop()
        }
    }

    @Test("A deleted child is recreated")
    func deletedChildIsRecreated() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            let original = try await harness.client.get(
                Service.self,
                name: "shop-api",
                namespace: OperatorHarness.namespace
            )
            try await harness.client.delete(Service.self, name: "shop-api", namespace: OperatorHarness.namespace)
            try await poll("the Service is recreated") {
                let service = try? await harness.client.get(
                    Service.self,
                    name: "shop-api",
                    namespace: OperatorHarness.namespace
                )
                return service != nil && service?.metadata.uid != original.metadata.uid
            }
            await running.stop()
        }
    }

    @Test("An annotation another field manager added survives reconciles")
    func foreignAnnotationSurvives() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            var options = WriteOptions()
            options.fieldManager = "argocd-controller"
            _ = try await harness.client.patch(
                Deployment.self,
                name: "shop-api",
                namespace: OperatorHarness.namespace,
                patch: .merge(["metadata": ["annotations": ["example.com/owner": "team-a"]]]),
                options: options
            )
            // A spec change makes the operator apply the Deployment again.
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:1.1.0" }
            try await harness.waitUntilReady("shop")
            let deployment = try #require(try await harness.deployment("shop-api"))
            #expect(deployment.spec?.template?.spec?.containers.first?.image == "ghcr.io/example/api:1.1.0")
            #expect(deployment.metadata.annotations?["example.com/owner"] == "team-a")
            await running.stop()
        }
    }

    @Test("Replicas chosen by the HPA are never overwritten by the operator")
    func hpaReplicasAreKept() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            var service = PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")
            service.autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 6)
            service.autoscaling?.targetCPUUtilization = 70
            try await harness.create(OperatorHarness.platform("shop", services: [service]))
            try await harness.waitUntilReady("shop")
            let simulation = try #require(harness.server.simulation)
            simulation.setHorizontalPodAutoscalerRecommendation(
                namespace: OperatorHarness.namespace,
                name: "shop-api",
                replicas: 5
            )
            try await poll("the HPA scaled the Deployment to 5") {
                try await harness.deployment("shop-api")?.spec?.replicas == 5
            }
            try await harness.update("shop") { $0.spec.services[0].image = "ghcr.io/example/api:1.1.0" }
            try await harness.waitUntilReady("shop")
            let deployment = try #require(try await harness.deployment("shop-api"))
            #expect(deployment.spec?.replicas == 5)
            #expect(deployment.spec?.template?.spec?.containers.first?.image == "ghcr.io/example/api:1.1.0")
            let ours = deployment.metadata.managedFields?.first {
                $0.manager == "agri-operator" && $0.operation == "Apply"
            }
            let owned = try #require(ours?.fieldsV1?[path: ["f:spec"]])
            #expect(owned["f:replicas"] == nil)
            #expect(try await harness.platform("shop").status?.services?.first?.replicas == 5)
            await running.stop()
        }
    }

    @Test("Removing a service prunes its objects and keeps the others")
    func removedServiceIsPruned() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(
                OperatorHarness.platform(
                    "shop",
                    services: [
                        PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0"),
                        PlatformService(name: "worker", image: "ghcr.io/example/worker:1.0.0"),
                    ]
                )
            )
            try await harness.waitUntilReady("shop")
            #expect(try await harness.exists(Deployment.resource, "shop-worker"))
            try await harness.update("shop") { $0.spec.services.removeLast() }
            try await poll("the worker's objects are gone") {
                let deployment = try await harness.exists(Deployment.resource, "shop-worker")
                let service = try await harness.exists(Service.resource, "shop-worker")
                let budget = try await harness.exists(PodDisruptionBudget.resource, "shop-worker")
                return !deployment && !service && !budget
            }
            try await harness.waitUntilReady("shop")
            #expect(try await harness.exists(Deployment.resource, "shop-api"))
            #expect(try await harness.platform("shop").status?.readyServices == "1/1")
            await running.stop()
        }
    }

    @Test("An invalid spec is reported and leaves every child untouched")
    func invalidSpecTouchesNothing() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            var web = PlatformService(name: "web", image: "ghcr.io/example/web:1.0.0")
            web.ingress = IngressSpec(host: "farm.example.com")
            try await harness.create(OperatorHarness.platform("shop", services: [web]))
            try await harness.waitUntilReady("shop")
            let before = try await childVersions(harness)
            harness.server.requestLog.reset()
            // Two services on one host: the CRD accepts it, the operator's validation does not.
            try await harness.update("shop") { platform in
                var admin = PlatformService(name: "admin", image: "ghcr.io/example/admin:1.0.0")
                admin.ingress = IngressSpec(host: "farm.example.com")
                platform.spec.services.append(admin)
                platform.spec.services[0].image = "ghcr.io/example/web:2.0.0"
            }
            try await poll("the platform reports InvalidSpec") {
                let platform = try await harness.platform("shop")
                return platform.status?.conditions?[type: "InvalidSpec"]?.status == "True"
                    && platform.status?.observedGeneration == platform.metadata.generation
            }
            let platform = try await harness.platform("shop")
            #expect(platform.status?.phase == .failed)
            let message = try #require(platform.status?.conditions?[type: "InvalidSpec"]?.message)
            #expect(message.contains("spec.services[1].ingress.host"))
            try await poll("a Warning InvalidSpec Event is recorded") {
                let events = try await harness.client.list(Event.self, namespace: OperatorHarness.namespace)
                return events.items.contains { $0.reason == "InvalidSpec" && $0.type == "Warning" }
            }
            #expect(try await childVersions(harness) == before)
            let childWrites = harness.operatorWrites().filter {
                !$0.contains("agriplatforms") && !$0.contains("events")
            }
            #expect(childWrites.isEmpty)
            await running.stop()
        }
    }

    @Test("A restarted operator and a resync issue zero writes when nothing changed")
    func restartWritesNothing() async throws {
        try await OperatorHarness.with { harness in
            let first = try await harness.startOperator()
            for name in ["alpha", "bravo", "charlie"] {
                try await harness.create(OperatorHarness.platform(name))
            }
            for name in ["alpha", "bravo", "charlie"] { try await harness.waitUntilReady(name) }
            await first.stop()
            harness.server.requestLog.reset()
            let second = try await harness.startOperator(
                userAgent: "agri-operator-restarted",
                resyncPeriod: .seconds(1)
            )
            // Wait for the restarted operator to list everything and for two resyncs to pass.
            try await poll("the restarted operator has listed AgriPlatforms") {
                harness.server.requestLog.entries.contains {
                    $0.userAgent?.hasPrefix("agri-operator-restarted") == true && $0.resource == "agriplatforms"
                }
            }
            try await Task.sleep(for: .seconds(3))
            #expect(harness.operatorWrites(userAgent: "agri-operator-restarted") == [])
            await second.stop()
        }
    }

    @Test("Pausing stops changes to children; resuming applies them")
    func pauseAndResume() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            try await harness.update("shop") { platform in
                platform.metadata.annotations = [AgriPlatform.pausedAnnotation: "true"]
                platform.spec.services[0].image = "ghcr.io/example/api:9.9.9"
            }
            try await poll("the platform reports Paused") {
                try await harness.platform("shop").status?.phase == .paused
            }
            #expect(
                try await harness.deployment("shop-api")?.spec?.template?.spec?.containers.first?.image
                    == "ghcr.io/example/api:1.0.0"
            )
            try await harness.update("shop") { $0.metadata.annotations = [:] }
            try await harness.waitUntilReady("shop")
            #expect(
                try await harness.deployment("shop-api")?.spec?.template?.spec?.containers.first?.image
                    == "ghcr.io/example/api:9.9.9"
            )
            await running.stop()
        }
    }

    /// The resourceVersion of every child the operator made, by `kind/name`.
    private func childVersions(_ harness: OperatorHarness) async throws -> [String: String] {
        var versions: [String: String] = [:]
        for resource in [
            Deployment.resource, Service.resource, ServiceAccount.resource, Ingress.resource,
            PodDisruptionBudget.resource, NetworkPolicy.resource,
        ] {
            let list: ObjectList<DynamicObject> = try await harness.client.list(
                resource,
                namespace: OperatorHarness.namespace
            )
            for object in list.items {
                versions["\(resource.kind)/\(object.name ?? "")"] = object.metadata.resourceVersion
            }
        }
        return versions
    }
}
