import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

/// What a release relies on from the Deployment controller: a stable and a candidate Deployment whose selectors
/// overlap each keep to their own ReplicaSets and pods (controller references, not selectors, decide), and old
/// ReplicaSets keep their pod template so a rollback can read it back.
@Suite("Simulated Deployments during a release")
struct ReleaseSimulationTests {
    typealias F = SimulationFixtures

    static let selector: [String: String] = ["app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "farm"]

    /// A Deployment shaped as the renderer shapes the stable (`track == nil`) or candidate one.
    static func deployment(_ name: String, revision: String, track: String? = nil, replicas: Int64) -> JSONValue {
        var selector = Self.selector
        if let track { selector["agriplatform.io/track"] = track }
        var podLabels = selector
        podLabels["agriplatform.io/revision"] = revision
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": .string(name), "namespace": "default",
                "annotations": ["agriplatform.io/revision": .string(revision)],
            ],
            "spec": [
                "replicas": .integer(replicas),
                "selector": ["matchLabels": .object(JSONObject(strings: selector))],
                "template": [
                    "metadata": [
                        "labels": .object(JSONObject(strings: podLabels)),
                        "annotations": ["agriplatform.io/revision": .string(revision)],
                    ],
                    "spec": ["containers": [["name": "api", "image": .string("ghcr.io/example/api:\(revision)")]]],
                ],
            ],
        ]
    }

    static func isComplete(_ server: KubeTestServer, _ name: String, replicas: Int64) async -> Bool {
        let deployment = await F.get(server, SimulatedResource.deployments, name)
        return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
            && deployment?[path: ["status", "availableReplicas"]]?.integerValue ?? 0 == replicas
            && deployment?[path: ["status", "replicas"]]?.integerValue ?? 0 == replicas
    }

    /// The pods whose controller is a ReplicaSet of the Deployment `name`, by ReplicaSet.
    static func pods(
        _ server: KubeTestServer,
        of name: String
    ) async throws -> (sets: [JSONValue], pods: [JSONValue]) {
        let deployment = try #require(await F.get(server, SimulatedResource.deployments, name))
        let sets = try await F.list(server, SimulatedResource.replicaSets).filter {
            ObjectRules.ownerUIDs(of: $0).contains(ObjectRules.uid(of: deployment))
        }
        var pods: [JSONValue] = []
        for set in sets { pods += try await F.pods(server, ownedBy: ObjectRules.uid(of: set)) }
        return (sets, pods.filter { $0[path: ["metadata", "deletionTimestamp"]] == nil })
    }

    @Test("A stable and a canary Deployment with overlapping selectors each manage only their own pods")
    func overlappingSelectors() async throws {
        let server = try await F.startServer()
        try await server.seed([Self.deployment("farm-api", revision: "r1", replicas: 3)])
        try await F.poll("the stable Deployment is complete") { await Self.isComplete(server, "farm-api", replicas: 3) }
        let stableBefore = try await Self.pods(server, of: "farm-api")

        try await server.seed([Self.deployment("farm-api-canary", revision: "r2", track: "canary", replicas: 1)])
        try await F.poll("the canary Deployment is complete") {
            await Self.isComplete(server, "farm-api-canary", replicas: 1)
        }
        let stable = try await Self.pods(server, of: "farm-api")
        let canary = try await Self.pods(server, of: "farm-api-canary")
        #expect(stable.sets.count == 1)
        #expect(canary.sets.count == 1)
        #expect(Set(stable.pods.map(ObjectRules.name(of:))) == Set(stableBefore.pods.map(ObjectRules.name(of:))))
        #expect(stable.pods.allSatisfy { $0[path: ["metadata", "labels", "agriplatform.io/revision"]] == "r1" })
        #expect(canary.pods.count == 1)
        #expect(canary.pods.allSatisfy { $0[path: ["metadata", "labels", "agriplatform.io/track"]] == "canary" })
        #expect(try await F.list(server, SimulatedResource.pods).count == 4)
        let stableDeployment = await F.get(server, SimulatedResource.deployments, "farm-api")
        #expect(stableDeployment?[path: ["status", "replicas"]] == 3)
        #expect(stableDeployment?[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "1")

        // Promotion: the stable Deployment moves to r2 while the canary still runs; then the canary scales to 0.
        try await F.modify(server, SimulatedResource.deployments, "farm-api") {
            $0[path: ["spec", "template"]] =
                Self.deployment("farm-api", revision: "r2", replicas: 3)[
                    path: ["spec", "template"]
                ]
            $0[path: ["metadata", "annotations", "agriplatform.io/revision"]] = "r2"
        }
        try await F.poll("the stable Deployment runs r2") {
            let pods = try await Self.pods(server, of: "farm-api").pods
            return await Self.isComplete(server, "farm-api", replicas: 3) && pods.count == 3
                && pods.allSatisfy { $0[path: ["metadata", "labels", "agriplatform.io/revision"]] == "r2" }
        }
        #expect(try await Self.pods(server, of: "farm-api-canary").pods.count == 1)
        try await F.modify(server, SimulatedResource.deployments, "farm-api-canary") {
            $0[path: ["spec", "replicas"]] = 0
        }
        try await F.poll("the canary has no pods") { try await Self.pods(server, of: "farm-api-canary").pods.isEmpty }
        let promoted = try await Self.pods(server, of: "farm-api")
        #expect(promoted.pods.count == 3)
        #expect(await Self.isComplete(server, "farm-api", replicas: 3))
        try await server.shutdown()
    }

    @Test("Old ReplicaSets keep their pod template and revision, found by the service's label selector")
    func oldReplicaSetsKeepTemplates() async throws {
        let server = try await F.startServer()
        let first = Self.deployment("farm-api", revision: "r1", replicas: 2)
        try await server.seed([first])
        try await F.poll("r1 is complete") { await Self.isComplete(server, "farm-api", replicas: 2) }
        for (number, revision) in [(2, "r2"), (3, "r3")] {
            try await F.modify(server, SimulatedResource.deployments, "farm-api") {
                $0[path: ["spec", "template"]] =
                    Self.deployment("farm-api", revision: revision, replicas: 2)[
                        path: ["spec", "template"]
                    ]
                $0[path: ["metadata", "annotations", "agriplatform.io/revision"]] = .string(revision)
            }
            try await F.poll("\(revision) is complete") {
                let deployment = await F.get(server, SimulatedResource.deployments, "farm-api")
                return await Self.isComplete(server, "farm-api", replicas: 2)
                    && deployment?[path: ["status", "observedGeneration"]]
                        == deployment?[path: ["metadata", "generation"]]
                    && deployment?[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]
                        == .string(String(number))
            }
        }
        let selector = try SelectorQuery(
            labelSelector: "app.kubernetes.io/name=api,app.kubernetes.io/instance=farm"
        )
        let sets = try await server.store.list(SimulatedResource.replicaSets, namespace: "default", labels: selector)
            .items
        #expect(sets.count == 3)
        let byRevision = Dictionary(
            uniqueKeysWithValues: sets.compactMap { set in
                set[path: ["spec", "template", "metadata", "labels", "agriplatform.io/revision"]]?.stringValue
                    .map { ($0, set) }
            }
        )
        #expect(Set(byRevision.keys) == ["r1", "r2", "r3"])
        let old = try #require(byRevision["r1"])
        let decoded = try old.decode(as: ReplicaSet.self)
        #expect(decoded.spec?.replicas == 0)
        #expect(decoded.spec?.template?.metadata?.annotations?["agriplatform.io/revision"] == "r1")
        #expect(decoded.spec?.template?.spec?.containers.first?.image == "ghcr.io/example/api:r1")
        var template = try #require(old[path: ["spec", "template"]])
        template[path: ["metadata", "labels", "pod-template-hash"]] = nil
        #expect(template == first[path: ["spec", "template"]])
        #expect(byRevision["r3"]?[path: ["spec", "replicas"]] == 2)
        try await server.shutdown()
    }
}
