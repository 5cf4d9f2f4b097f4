import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore

@testable import AgriPlatformReconciler

/// Platforms and observed worlds for the decide-step tests: no server, no clock.
enum DecideFixtures {
    static let uid = "platform-uid-1"
    static let now = Time(Date(timeIntervalSince1970: 1_800_000_000))

    static func platform(
        services: [PlatformService] = [PlatformService(name: "api", image: "ghcr.io/example/api:1.0.0")],
        datastores: [Datastore]? = nil,
        annotations: [String: String]? = nil,
        generation: Int64 = 1,
        status: AgriPlatformStatus? = nil
    ) -> AgriPlatform {
        AgriPlatform(
            metadata: ObjectMeta(
                name: "farm",
                namespace: "prod",
                uid: uid,
                generation: generation,
                annotations: annotations
            ),
            spec: AgriPlatformSpec(services: services, datastores: datastores),
            status: status
        )
    }

    static func render(_ platform: AgriPlatform) throws -> [DynamicObject] {
        try PlatformRenderer(context: RenderContext()).render(platform)
    }

    /// The world after every desired object was applied; Deployments report `deploymentStatus`, StatefulSets
    /// `readyMembers(desired replicas)` ready members, Jobs `jobsSucceeded`.
    static func applied(
        _ desired: [DynamicObject],
        deploymentStatus: (String) -> DeploymentStatus? = { _ in rolledOut(replicas: 2) },
        readyMembers: (Int32) -> Int32 = { $0 },
        jobsSucceeded: Bool = true,
        owner: String = uid
    ) -> [ChildKey: ObservedChild] {
        var children: [ChildKey: ObservedChild] = [:]
        for object in desired {
            let key = ChildKey(of: object.json)
            var child = ObservedChild(
                key: key,
                metadata: ObjectMeta(
                    name: key.name,
                    namespace: "prod",
                    generation: 1,
                    ownerReferences: [
                        OwnerReference(
                            apiVersion: "agriplatform.io/v1alpha1",
                            kind: "AgriPlatform",
                            name: "farm",
                            uid: owner,
                            controller: true
                        )
                    ]
                ),
                status: nil,
                specReplicas: nil,
                appliedFieldsDigest: AppliedFieldsDigest(desired: object.json)
            )
            child.metadata.annotations = object.json[path: ["metadata", "annotations"]]?.objectValue?
                .compactMapValues(\.stringValue)
            if key.kind == "Deployment" {
                let replicas = object.json[path: ["spec", "replicas"]]?.integerValue.map { Int32($0) } ?? 2
                child.specReplicas = replicas
                child.status = try? deploymentStatus(key.name).map { try JSONValue(encoding: $0) }
            }
            if key.kind == "StatefulSet" {
                let replicas = object.json[path: ["spec", "replicas"]]?.integerValue.map { Int32($0) } ?? 1
                child.specReplicas = replicas
                child.status = try? JSONValue(
                    encoding: StatefulSetStatus(
                        observedGeneration: 1,
                        replicas: replicas,
                        readyReplicas: readyMembers(replicas)
                    )
                )
            }
            if key.kind == "Job", jobsSucceeded {
                child.status = ["succeeded": 1, "conditions": [["type": "Complete", "status": "True"]]]
            }
            children[key] = child
        }
        return children
    }

    static func rolledOut(replicas: Int32) -> DeploymentStatus {
        DeploymentStatus(
            observedGeneration: 1,
            replicas: replicas,
            updatedReplicas: replicas,
            readyReplicas: replicas,
            availableReplicas: replicas
        )
    }

    static func observation(
        _ platform: AgriPlatform,
        children: [ChildKey: ObservedChild] = [:],
        secretKeys: [String: Set<String>] = [:]
    ) -> PlatformObservation {
        PlatformObservation(platform: platform, children: children, secretKeys: secretKeys)
    }

    static func status(
        _ observation: PlatformObservation,
        failures: [ChildFailure] = []
    ) -> AgriPlatformStatus {
        let plan = PlatformDecision.plan(for: observation, context: RenderContext())
        return PlatformStatusBuilder(observation: observation, plan: plan, failures: failures, now: now).status()
    }
}
