import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Simulated HorizontalPodAutoscaler controller")
struct HorizontalPodAutoscalerSimulationTests {
    typealias F = SimulationFixtures

    static func autoscaler(min: Int64, max: Int64) -> JSONValue {
        [
            "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": ["name": "web", "namespace": "default"],
            "spec": [
                "scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web"],
                "minReplicas": .integer(min), "maxReplicas": .integer(max),
            ],
        ]
    }

    static func replicas(_ server: KubeTestServer) async -> JSONValue? {
        await F.get(server, SimulatedResource.deployments, "web")?[path: ["spec", "replicas"]]
    }

    @Test("An autoscaler clamps its target into range and follows a recommendation through the scale subresource")
    func clampsAndFollows() async throws {
        let server = try await F.startServer()
        let simulation = try #require(server.simulation)
        try await server.seed([F.deployment("web", replicas: 1), Self.autoscaler(min: 2, max: 5)])
        try await F.poll("the target is scaled up to minReplicas") { await Self.replicas(server) == 2 }
        try await F.poll("the autoscaler reports the scale") {
            let hpa = await F.get(server, SimulatedResource.horizontalPodAutoscalers, "web")
            return hpa?[path: ["status", "desiredReplicas"]] == 2 && hpa?[path: ["status", "currentReplicas"]] == 2
        }
        let deployment = try #require(await F.get(server, SimulatedResource.deployments, "web"))
        #expect(deployment[path: ["metadata", "generation"]] == 2)
        let entries = deployment[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        let scale = entries.first { $0["subresource"] == "scale" }
        #expect(scale?["manager"] == "kube-controller-manager")
        #expect(scale?["operation"] == "Update")
        #expect(scale?[path: ["fieldsV1", "f:spec", "f:replicas"]] != nil)
        let hpa = await F.get(server, SimulatedResource.horizontalPodAutoscalers, "web")
        #expect(hpa?[path: ["status", "lastScaleTime"]] != nil)
        #expect(F.condition(hpa, "ScalingActive")?["status"] == "True")
        #expect(F.condition(hpa, "AbleToScale")?["status"] == "True")

        simulation.setHorizontalPodAutoscalerRecommendation(namespace: "default", name: "web", replicas: 9)
        try await F.poll("the target is scaled to maxReplicas") { await Self.replicas(server) == 5 }
        try await F.poll("the limit is reported") {
            let hpa = await F.get(server, SimulatedResource.horizontalPodAutoscalers, "web")
            return F.condition(hpa, "ScalingLimited")?["reason"] == "TooManyReplicas"
        }
        try await F.poll("the Deployment runs 5 available pods") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return deployment?[path: ["status", "availableReplicas"]] == 5
        }

        simulation.setHorizontalPodAutoscalerRecommendation(namespace: "default", name: "web", replicas: 3)
        try await F.poll("the target follows the recommendation") { await Self.replicas(server) == 3 }
        try await F.poll("the range is reported") {
            let hpa = await F.get(server, SimulatedResource.horizontalPodAutoscalers, "web")
            return F.condition(hpa, "ScalingLimited")?["reason"] == "DesiredWithinRange"
                && hpa?[path: ["status", "desiredReplicas"]] == 3
        }
        #expect(server.requestLog.writeCount == 0)
        try await server.shutdown()
    }
}
