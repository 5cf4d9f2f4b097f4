import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Simulated StatefulSet controller")
struct StatefulSetSimulationTests {
    typealias F = SimulationFixtures

    @Test("OrderedReady starts each ordinal only once the previous one is Ready, and claims outlive the StatefulSet")
    func orderedReady() async throws {
        let server = try await F.startServer(podReadyDelay: .milliseconds(200))
        let revision = await server.currentResourceVersion
        try await server.seed([F.statefulSet("db", replicas: 3)])
        var violations: [String] = []
        try await F.observe(server, SimulatedResource.pods, from: [], resourceVersion: revision) { pods in
            for ordinal in 1..<3 where pods["db-\(ordinal)"] != nil {
                if !(pods["db-\(ordinal - 1)"].map(F.isReady) ?? false) { violations.append("db-\(ordinal)") }
            }
        } until: { pods in
            pods.count == 3 && pods.values.allSatisfy(F.isReady)
        }
        #expect(violations.isEmpty)
        let pod = try #require(await F.get(server, SimulatedResource.pods, "db-1"))
        #expect(pod[path: ["metadata", "labels", "statefulset.kubernetes.io/pod-name"]] == "db-1")
        #expect(pod[path: ["metadata", "labels", "apps.kubernetes.io/pod-index"]] == "1")
        let volumes = pod[path: ["spec", "volumes"]]?.arrayValue ?? []
        #expect(volumes.contains { $0[path: ["persistentVolumeClaim", "claimName"]] == "data-db-1" })

        try await F.poll("the status counts every replica") {
            let set = await F.get(server, SimulatedResource.statefulSets, "db")
            return set?[path: ["status", "readyReplicas"]] == 3 && set?[path: ["status", "availableReplicas"]] == 3
        }
        let set = try #require(await F.get(server, SimulatedResource.statefulSets, "db"))
        let status = try #require(set["status"])
        #expect(status["replicas"] == 3)
        #expect(status["currentReplicas"] == 3)
        #expect(status["updatedReplicas"] == 3)
        #expect(status["observedGeneration"] == 1)
        #expect(status["currentRevision"] == status["updateRevision"])
        #expect(status["updateRevision"]?.stringValue?.hasPrefix("db-") == true)
        #expect(pod[path: ["metadata", "labels", "controller-revision-hash"]] == status["updateRevision"])

        let claims = try await F.list(server, SimulatedResource.persistentVolumeClaims)
        #expect(Set(claims.map(ObjectRules.name(of:))) == ["data-db-0", "data-db-1", "data-db-2"])
        #expect(claims.allSatisfy { $0[path: ["status", "phase"]] == "Bound" })

        _ = try await server.store.delete(SimulatedResource.statefulSets, namespace: "default", name: "db")
        try await F.poll("the pods are gone") { try await F.list(server, SimulatedResource.pods).isEmpty }
        #expect(try await F.list(server, SimulatedResource.persistentVolumeClaims).count == 3)
        try await server.shutdown()
    }

    @Test("A template change replaces pods from the highest ordinal down; scaling down removes the highest first")
    func rollingUpdateAndScaleDown() async throws {
        let server = try await F.startServer()
        try await server.seed([F.statefulSet("db", replicas: 3)])
        try await F.poll("three pods are ready") {
            let set = await F.get(server, SimulatedResource.statefulSets, "db")
            return set?[path: ["status", "readyReplicas"]] == 3
        }
        let revision = await server.currentResourceVersion
        let initial = try await F.list(server, SimulatedResource.pods)
        try await F.modify(server, SimulatedResource.statefulSets, "db") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "db", "image": "postgres:18"]]
        }
        var replaced: [String] = []
        try await F.observe(server, SimulatedResource.pods, from: initial, resourceVersion: revision) { pods in
            for ordinal in 0..<3 where pods["db-\(ordinal)"] == nil && replaced.last != "db-\(ordinal)" {
                replaced.append("db-\(ordinal)")
            }
        } until: { pods in
            pods.count == 3
                && pods.values.allSatisfy {
                    F.isReady($0) && $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "postgres:18"
                }
        }
        #expect(replaced == ["db-2", "db-1", "db-0"])
        try await F.poll("the update revision becomes current") {
            let status = await F.get(server, SimulatedResource.statefulSets, "db")?["status"]
            return status?["currentRevision"] == status?["updateRevision"] && status?["updatedReplicas"] == 3
        }
        try await F.modify(server, SimulatedResource.statefulSets, "db") { $0[path: ["spec", "replicas"]] = 1 }
        try await F.poll("only db-0 is left") {
            try await F.list(server, SimulatedResource.pods).map(ObjectRules.name(of:)) == ["db-0"]
        }
        #expect(try await F.list(server, SimulatedResource.persistentVolumeClaims).count == 3)
        try await server.shutdown()
    }

    @Test("Parallel pod management creates every ordinal at once")
    func parallel() async throws {
        let server = try await F.startServer(podReadyDelay: .seconds(30))
        var set = F.statefulSet("db", replicas: 3)
        set[path: ["spec", "podManagementPolicy"]] = "Parallel"
        try await server.seed([set])
        try await F.poll("three pods exist") { try await F.list(server, SimulatedResource.pods).count == 3 }
        #expect(try await F.list(server, SimulatedResource.pods).allSatisfy { !F.isReady($0) })
        try await server.shutdown()
    }

    @Test("A RollingUpdate partition keeps the ordinals below it on the current revision")
    func partition() async throws {
        let server = try await F.startServer()
        var set = F.statefulSet("db", replicas: 3)
        set[path: ["spec", "updateStrategy"]] = ["type": "RollingUpdate", "rollingUpdate": ["partition": 2]]
        try await server.seed([set])
        try await F.poll("three pods are ready") {
            await F.get(server, SimulatedResource.statefulSets, "db")?[path: ["status", "readyReplicas"]] == 3
        }
        try await F.modify(server, SimulatedResource.statefulSets, "db") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "db", "image": "postgres:18"]]
        }
        try await F.poll("db-2 runs the update revision and is ready") {
            let status = await F.get(server, SimulatedResource.statefulSets, "db")?["status"]
            return status?["updatedReplicas"] == 1 && status?["readyReplicas"] == 3
                && status?["observedGeneration"] == 2
        }
        let status = await F.get(server, SimulatedResource.statefulSets, "db")?["status"]
        #expect(status?["currentReplicas"] == 2)
        #expect(status?["currentRevision"] != status?["updateRevision"])
        for (name, image) in [("db-0", "postgres:17"), ("db-1", "postgres:17"), ("db-2", "postgres:18")] {
            let pod = await F.get(server, SimulatedResource.pods, name)
            #expect(pod?[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue == image)
        }
        try await server.shutdown()
    }
}
