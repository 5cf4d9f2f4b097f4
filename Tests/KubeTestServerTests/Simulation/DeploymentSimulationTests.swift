import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Simulated Deployment controller")
struct DeploymentSimulationTests {
    typealias F = SimulationFixtures

    @Test("A Deployment with 3 replicas gets a ReplicaSet and 3 ready pods and becomes Available")
    func becomesAvailable() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web")])
        try await F.poll("the Deployment is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        let deployment = try #require(await F.get(server, SimulatedResource.deployments, "web"))
        let status = try #require(deployment["status"])
        #expect(status["observedGeneration"] == 1)
        #expect(status["replicas"] == 3)
        #expect(status["updatedReplicas"] == 3)
        #expect(status["readyReplicas"] == 3)
        #expect(status["availableReplicas"] == 3)
        #expect(status["unavailableReplicas"] == nil)
        #expect(F.condition(deployment, "Available")?["status"] == "True")
        #expect(F.condition(deployment, "Available")?["reason"] == "MinimumReplicasAvailable")
        #expect(F.condition(deployment, "Progressing")?["status"] == "True")
        #expect(deployment[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "1")
        #expect(deployment[path: ["metadata", "generation"]] == 1)

        let sets = try await F.list(server, SimulatedResource.replicaSets)
        #expect(sets.count == 1)
        let replicaSet = try #require(sets.first)
        let hash = try #require(replicaSet[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        #expect(ObjectRules.name(of: replicaSet) == "web-\(hash)")
        #expect(replicaSet[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "1")
        #expect(
            replicaSet[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["uid"]?.stringValue
                == ObjectRules.uid(of: deployment)
        )
        #expect(replicaSet[path: ["spec", "selector", "matchLabels", "pod-template-hash"]]?.stringValue == hash)

        let pods = try await F.pods(server, ownedBy: ObjectRules.uid(of: replicaSet))
        #expect(pods.count == 3)
        for pod in pods {
            #expect(ObjectRules.name(of: pod).hasPrefix("web-\(hash)-"))
            #expect(pod[path: ["metadata", "labels", "app"]] == "web")
            #expect(pod[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue == hash)
            #expect(pod[path: ["status", "phase"]] == "Running")
            #expect(F.isReady(pod))
            let types = pod[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(Set(["PodScheduled", "Initialized", "ContainersReady", "Ready"]).isSubset(of: Set(types)))
            let container = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first
            #expect(container?["ready"] == true)
            #expect(container?["restartCount"] == 0)
            #expect(container?[path: ["state", "running"]] != nil)
        }
        let managers = deployment[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        #expect(
            managers.contains {
                $0["manager"] == "kube-controller-manager" && $0["operation"] == "Update"
                    && $0["subresource"] == "status"
            }
        )
        #expect(server.requestLog.writeCount == 0)
        try await server.shutdown()
    }

    /// Rolling-update bounds: `maxSurge`, `maxUnavailable`, and the bounds the real controller derives for 4 replicas.
    static let strategies: [(surge: JSONValue, unavailable: JSONValue, maxPods: Int, minReady: Int)] = [
        (1, 1, 5, 3),
        ("50%", "0%", 6, 4),
        (0, 1, 4, 3),
        ("25%", "25%", 5, 3),
    ]

    @Test("An image change rolls without ever exceeding maxSurge or maxUnavailable", arguments: strategies)
    func rollingUpdateBounds(
        strategy: (surge: JSONValue, unavailable: JSONValue, maxPods: Int, minReady: Int)
    ) async throws {
        let server = try await F.startServer()
        let rolling: JSONValue = [
            "type": "RollingUpdate",
            "rollingUpdate": ["maxSurge": strategy.surge, "maxUnavailable": strategy.unavailable],
        ]
        try await server.seed([F.deployment("web", replicas: 4, strategy: rolling)])
        try await F.poll("the first rollout is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return deployment?[path: ["status", "availableReplicas"]] == 4
                && F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        let initial = try await F.list(server, SimulatedResource.pods)
        let revision = await server.currentResourceVersion
        try await F.modify(server, SimulatedResource.deployments, "web") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
        }
        var maxPods = 0
        var minReady = Int.max
        try await F.observe(server, SimulatedResource.pods, from: initial, resourceVersion: revision) { pods in
            maxPods = max(maxPods, pods.count)
            minReady = min(minReady, pods.values.filter(F.isReady).count)
        } until: { pods in
            pods.count == 4
                && pods.values.allSatisfy {
                    F.isReady($0) && $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.28"
                }
        }
        #expect(maxPods <= strategy.maxPods)
        #expect(minReady >= strategy.minReady)
        try await F.poll("the second rollout is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
                && deployment?[path: ["status", "updatedReplicas"]] == 4
                && deployment?[path: ["status", "replicas"]] == 4
        }
        let deployment = await F.get(server, SimulatedResource.deployments, "web")
        #expect(deployment?[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "2")
        #expect(deployment?[path: ["status", "observedGeneration"]] == 2)
        let sets = try await F.list(server, SimulatedResource.replicaSets)
        #expect(sets.count == 2)
        #expect(sets.filter { $0[path: ["spec", "replicas"]] == 0 }.count == 1)
        try await server.shutdown()
    }

    @Test("A revision that never becomes ready keeps the old pods and ends in ProgressDeadlineExceeded")
    func progressDeadlineExceeded() async throws {
        let server = try await F.startServer()
        let simulation = try #require(server.simulation)
        simulation.setPodBehaviour(.neverReady, matching: .image("nginx:broken"))
        try await server.seed([F.deployment("web", replicas: 2, progressDeadlineSeconds: 1)])
        try await F.poll("the first rollout is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        try await F.modify(server, SimulatedResource.deployments, "web") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:broken"]]
        }
        try await F.poll("the rollout times out") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "ProgressDeadlineExceeded"
        }
        let deployment = try #require(await F.get(server, SimulatedResource.deployments, "web"))
        let progressing = F.condition(deployment, "Progressing")
        #expect(progressing?["status"] == "False")
        #expect(progressing?["message"]?.stringValue?.hasSuffix("has timed out progressing.") == true)
        #expect(F.condition(deployment, "Available")?["status"] == "True")
        #expect(deployment[path: ["status", "availableReplicas"]] == 2)
        let pods = try await F.list(server, SimulatedResource.pods)
        let broken = pods.filter { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:broken" }
        let old = pods.filter { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.27" }
        #expect(old.count == 2)
        #expect(old.allSatisfy(F.isReady))
        #expect(!broken.isEmpty)
        #expect(!broken.contains(where: F.isReady))
        #expect(broken.allSatisfy { $0[path: ["status", "phase"]] == "Running" })
        try await server.shutdown()
    }

    @Test("Crash-looping pods report restarts and CrashLoopBackOff, and recover when the behaviour is cleared")
    func crashLoop() async throws {
        let server = try await F.startServer()
        let simulation = try #require(server.simulation)
        simulation.setPodBehaviour(.crashLoop, matching: .labels(["app": "crash"]))
        try await server.seed([F.deployment("crash", replicas: 1)])
        try await F.poll("the pod has restarted") {
            let pods = try await F.list(server, SimulatedResource.pods)
            let restarts = pods.first?[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]
            return (restarts?.integerValue ?? 0) > 1
        }
        let pod = try #require(try await F.list(server, SimulatedResource.pods).first)
        let container = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first
        #expect(container?[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
        #expect(container?["ready"] == false)
        #expect(container?[path: ["lastState", "terminated", "exitCode"]] == 1)
        #expect(!F.isReady(pod))
        try await F.poll("the Deployment reports missing availability") {
            let deployment = await F.get(server, SimulatedResource.deployments, "crash")
            return F.condition(deployment, "Available")?["reason"] == "MinimumReplicasUnavailable"
        }
        simulation.clearPodBehaviours()
        try await F.poll("the existing pod recovers") {
            let pods = try await F.list(server, SimulatedResource.pods)
            return pods.count == 1 && pods.allSatisfy(F.isReady)
        }
        try await F.poll("the Deployment becomes Available") {
            let deployment = await F.get(server, SimulatedResource.deployments, "crash")
            return F.condition(deployment, "Available")?["status"] == "True"
        }
        try await server.shutdown()
    }

    @Test("Recreate scales the old ReplicaSet to zero before the new one starts")
    func recreate() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web", replicas: 2, strategy: ["type": "Recreate"])])
        try await F.poll("the first rollout is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        let initial = try await F.list(server, SimulatedResource.pods)
        let revision = await server.currentResourceVersion
        try await F.modify(server, SimulatedResource.deployments, "web") {
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
        }
        var mixed = false
        try await F.observe(server, SimulatedResource.pods, from: initial, resourceVersion: revision) { pods in
            let images = Set(pods.values.compactMap { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] })
            if images.count > 1 { mixed = true }
        } until: { pods in
            pods.count == 2
                && pods.values.allSatisfy {
                    F.isReady($0) && $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.28"
                }
        }
        #expect(!mixed)
        try await server.shutdown()
    }

    @Test("Deleting a Deployment removes its ReplicaSets and pods; spec.replicas absent means 1")
    func deletion() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web", replicas: nil)])
        try await F.poll("one pod is ready") {
            let pods = try await F.list(server, SimulatedResource.pods)
            return pods.count == 1 && pods.allSatisfy(F.isReady)
        }
        _ = try await server.store.delete(SimulatedResource.deployments, namespace: "default", name: "web")
        try await F.poll("the ReplicaSets and pods are gone") {
            let sets = try await F.list(server, SimulatedResource.replicaSets)
            let pods = try await F.list(server, SimulatedResource.pods)
            return sets.isEmpty && pods.isEmpty
        }
        try await server.shutdown()
    }

    @Test("A paused Deployment does not roll out a new template")
    func paused() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web", replicas: 1)])
        try await F.poll("the first rollout is complete") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
        }
        try await F.modify(server, SimulatedResource.deployments, "web") {
            $0[path: ["spec", "paused"]] = true
            $0[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
        }
        try await F.poll("the Deployment reports the pause") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "DeploymentPaused"
                && deployment?[path: ["status", "observedGeneration"]] == 2
        }
        #expect(try await F.list(server, SimulatedResource.replicaSets).count == 1)
        try await F.modify(server, SimulatedResource.deployments, "web") { $0[path: ["spec", "paused"]] = false }
        try await F.poll("the resumed rollout completes") {
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return F.condition(deployment, "Progressing")?["reason"] == "NewReplicaSetAvailable"
                && deployment?[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "2"
        }
        try await server.shutdown()
    }

    @Test("A pod-template-hash behaviour turns the existing pods of that revision unready")
    func behaviourByTemplateHash() async throws {
        let server = try await F.startServer()
        try await server.seed([F.deployment("web", replicas: 2)])
        try await F.poll("two pods are ready") {
            let pods = try await F.list(server, SimulatedResource.pods)
            return pods.count == 2 && pods.allSatisfy(F.isReady)
        }
        let pod = try #require(try await F.list(server, SimulatedResource.pods).first)
        let hash = try #require(pod[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        try #require(server.simulation).setPodBehaviour(.neverReady, matching: .podTemplateHash(hash))
        try await F.poll("the pods become unready and the Deployment unavailable") {
            let pods = try await F.list(server, SimulatedResource.pods)
            let deployment = await F.get(server, SimulatedResource.deployments, "web")
            return pods.count == 2 && !pods.contains(where: F.isReady)
                && F.condition(deployment, "Available")?["status"] == "False"
        }
        try await server.shutdown()
    }
}
