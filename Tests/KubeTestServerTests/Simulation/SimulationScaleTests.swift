import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Workload simulation at scale")
struct SimulationScaleTests {
    typealias F = SimulationFixtures

    @Test("200 Deployments with 1 to 3 replicas all become Available, then all roll to a new image")
    func manyDeployments() async throws {
        let server = try await F.startServer()
        let count = Int(ProcessInfo.processInfo.environment["SIMULATION_SCALE_DEPLOYMENTS"] ?? "") ?? 200
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            _ = try await server.store.create(
                SimulatedResource.deployments,
                object: F.deployment("web-\(index)", replicas: Int64(index % 3 + 1))
            )
        }
        let created = clock.now
        try await F.poll("every Deployment is available") {
            let deployments = try await F.list(server, SimulatedResource.deployments)
            return deployments.allSatisfy {
                F.condition($0, "Progressing")?["reason"] == "NewReplicaSetAvailable"
            }
        }
        let pods = try await F.list(server, SimulatedResource.pods)
        #expect(pods.count == (0..<count).reduce(0) { $0 + $1 % 3 + 1 })
        let available = clock.now
        for index in 0..<count {
            try await F.modify(server, SimulatedResource.deployments, "web-\(index)") {
                $0[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
            }
        }
        try await F.poll("every Deployment has rolled") {
            let deployments = try await F.list(server, SimulatedResource.deployments)
            return deployments.allSatisfy {
                F.condition($0, "Progressing")?["reason"] == "NewReplicaSetAvailable"
                    && $0[path: ["status", "observedGeneration"]] == 2
            }
        }
        print(
            "simulated \(count) Deployments: created in \(created - start), available after \(available - start), "
                + "rolled after \(clock.now - available)"
        )
        try await server.shutdown()
    }
}
