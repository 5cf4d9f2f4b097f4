import Foundation
import KubeCore
import PropertyBased
import Testing

/// Random Deployments and StatefulSets whose optional fields are independently `nil` or set.
private enum KindGen {
    static let intOrString = zip(Gen.bool, Gen.int(in: 0...100)).map { isInt, value in
        isInt ? IntOrString.int(value) : IntOrString.string("\(value)%")
    }

    static let labels = zip(Gen.lowercaseLetter.string(of: 1...8), Gen.letterOrNumber.string(of: 0...8))
        .dictionary(ofAtMost: 0...3)

    static let policy = Gen.int(in: 0...2).map { [nil, "Retain", "Delete"][$0] }

    static let deploymentSpec = zip(
        Gen.int32(in: 0...50).optional,
        intOrString.optional,
        intOrString.optional,
        Gen.int(in: 0...2).map { [nil, "RollingUpdate", "Recreate"][$0] },
        labels.optional,
        Gen.int32(in: 0...600).optional,
        Gen.bool.optional
    ).map { replicas, maxSurge, maxUnavailable, strategyType, labels, deadline, paused in
        DeploymentSpec(
            replicas: replicas,
            selector: labels.map { LabelSelector(matchLabels: $0) },
            template: PodTemplateSpec(
                metadata: ObjectMeta(labels: labels),
                spec: PodSpec(containers: [Container(name: "app", image: "app:1")])
            ),
            strategy: DeploymentStrategy(
                type: strategyType,
                rollingUpdate: maxSurge == nil && maxUnavailable == nil
                    ? nil : RollingUpdateDeployment(maxUnavailable: maxUnavailable, maxSurge: maxSurge)
            ),
            paused: paused,
            progressDeadlineSeconds: deadline
        )
    }

    static let statefulSetSpec = zip(
        Gen.int32(in: 0...50).optional,
        Gen.int32(in: 0...5).optional,
        intOrString.optional,
        policy,
        policy,
        Gen.int(in: 0...2).map { [nil, "OrderedReady", "Parallel"][$0] },
        Gen.lowercaseLetter.string(of: 1...10).optional
    ).map { replicas, partition, maxUnavailable, whenDeleted, whenScaled, management, serviceName in
        StatefulSetSpec(
            replicas: replicas,
            volumeClaimTemplates: serviceName.map { _ in
                [
                    PersistentVolumeClaim(
                        metadata: ObjectMeta(name: "data"),
                        spec: PersistentVolumeClaimSpec(
                            resources: VolumeResourceRequirements(requests: ["storage": "1Gi"])
                        )
                    )
                ]
            },
            serviceName: serviceName,
            podManagementPolicy: management,
            updateStrategy: StatefulSetUpdateStrategy(
                rollingUpdate: RollingUpdateStatefulSetStrategy(partition: partition, maxUnavailable: maxUnavailable)
            ),
            persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy(
                whenDeleted: whenDeleted,
                whenScaled: whenScaled
            )
        )
    }
}

@Suite("Kind properties")
struct KindPropertyTests {
    @Test("Any Deployment spec round-trips, encodes no null and omits exactly its nil fields")
    func deploymentSpecs() async {
        await propertyCheck(input: KindGen.deploymentSpec) { spec in
            let deployment = Deployment(metadata: ObjectMeta(name: "d"), spec: spec)
            let data = try KubeJSON.encode(deployment)
            #expect(try KubeJSON.decode(Deployment.self, from: data) == deployment)
            let json = try JSONValue(parsing: data)
            #expect(json.nullPaths() == [])
            #expect((json[path: ["spec", "replicas"]] == nil) == (spec.replicas == nil))
            #expect((json[path: ["spec", "paused"]] == nil) == (spec.paused == nil))
            let rollingUpdate = json[path: ["spec", "strategy", "rollingUpdate"]]
            #expect((rollingUpdate?["maxSurge"] == nil) == (spec.strategy?.rollingUpdate?.maxSurge == nil))
            #expect((rollingUpdate?["maxUnavailable"] == nil) == (spec.strategy?.rollingUpdate?.maxUnavailable == nil))
        }
    }

    @Test("Any StatefulSet spec round-trips, encodes no null and omits exactly its nil fields")
    func statefulSetSpecs() async {
        await propertyCheck(input: KindGen.statefulSetSpec) { spec in
            let set = StatefulSet(metadata: ObjectMeta(name: "s"), spec: spec)
            let data = try KubeJSON.encode(set)
            #expect(try KubeJSON.decode(StatefulSet.self, from: data) == set)
            let json = try JSONValue(parsing: data)
            #expect(json.nullPaths() == [])
            #expect((json[path: ["spec", "serviceName"]] == nil) == (spec.serviceName == nil))
            #expect((json[path: ["spec", "volumeClaimTemplates"]] == nil) == (spec.volumeClaimTemplates == nil))
            let retention = json[path: ["spec", "persistentVolumeClaimRetentionPolicy"]]
            #expect(
                (retention?["whenDeleted"] == nil) == (spec.persistentVolumeClaimRetentionPolicy?.whenDeleted == nil)
            )
            #expect((retention?["whenScaled"] == nil) == (spec.persistentVolumeClaimRetentionPolicy?.whenScaled == nil))
        }
    }
}
