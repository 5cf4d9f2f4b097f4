import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Workload simulation lifecycle")
struct SimulationLifecycleTests {
    typealias F = SimulationFixtures

    @Test("Without a simulation configuration nothing runs: a Deployment gets no ReplicaSet, pods or status")
    func off() async throws {
        let server = try await KubeTestServer.start(KubeTestServer.Configuration(tls: false))
        #expect(server.simulation == nil)
        try await server.seed([F.deployment("web")])
        // An absence cannot be awaited: give a running simulation ample time (many ticks) to have acted.
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await F.list(server, SimulatedResource.replicaSets).isEmpty)
        #expect(try await F.list(server, SimulatedResource.pods).isEmpty)
        #expect(await F.get(server, SimulatedResource.deployments, "web")?["status"] == nil)
        #expect(await server.store.perform { $0.eventObserver == nil })
        try await server.shutdown()
    }

    @Test("Shutdown stops the simulation task and removes its store observer")
    func shutdown() async throws {
        let server = try await F.startServer()
        let simulation = try #require(server.simulation)
        #expect(simulation.isRunning)
        #expect(await server.openWatchCount == 0)
        try await server.shutdown()
        #expect(!simulation.isRunning)
        #expect(await server.store.perform { $0.eventObserver == nil })
    }

    @Test("Objects stored before the simulation starts are taken in")
    func existingObjects() async throws {
        let store = ObjectStore()
        _ = try await store.create(SimulatedResource.deployments, object: F.deployment("web", replicas: 2))
        let simulation = WorkloadSimulation(configuration: WorkloadSimulation.Configuration(), store: store)
        await simulation.start()
        try await F.poll("the Deployment is available") {
            let deployment = try? await store.get(SimulatedResource.deployments, namespace: "default", name: "web")
            return deployment?[path: ["status", "availableReplicas"]] == 2
        }
        await simulation.stop()
        #expect(!simulation.isRunning)
    }

    @Test("Objects owned by a simulated pod are garbage-collected when the simulation deletes the pod")
    func podDependents() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web", replicas: 1)])
        try await F.poll("one pod is ready") {
            let pods = try await F.list(server, SimulatedResource.pods)
            return pods.count == 1 && pods.allSatisfy(F.isReady)
        }
        let pod = try #require(try await F.list(server, SimulatedResource.pods).first)
        let configMaps = try #require(BuiltInResources.types.first { $0.plural == "configmaps" })
        _ = try await server.store.create(
            configMaps,
            object: [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": [
                    "name": "per-pod", "namespace": "default",
                    "ownerReferences": [
                        [
                            "apiVersion": "v1", "kind": "Pod", "name": .string(ObjectRules.name(of: pod)),
                            "uid": .string(ObjectRules.uid(of: pod)),
                        ]
                    ],
                ],
            ]
        )
        try await F.modify(server, SimulatedResource.deployments, "web") { $0[path: ["spec", "replicas"]] = 0 }
        try await F.poll("the pod and its ConfigMap are gone") {
            let pods = try await F.list(server, SimulatedResource.pods)
            let remaining = try await F.list(server, configMaps)
            return pods.isEmpty && remaining.isEmpty
        }
        try await server.shutdown()
    }
}
