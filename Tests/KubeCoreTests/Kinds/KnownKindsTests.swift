import Foundation
import KubeCore
import Testing

/// One instance of every kind built with only `metadata`: the memberwise inits default every other field to `nil`.
private let minimalInstances: [any KubernetesObject] = [
    ConfigMap(metadata: ObjectMeta(name: "x")),
    CronJob(metadata: ObjectMeta(name: "x")),
    CustomResourceDefinition(metadata: ObjectMeta(name: "x")),
    Deployment(metadata: ObjectMeta(name: "x")),
    ReplicaSet(metadata: ObjectMeta(name: "x")),
    Event(metadata: ObjectMeta(name: "x")),
    HTTPRoute(metadata: ObjectMeta(name: "x")),
    HorizontalPodAutoscaler(metadata: ObjectMeta(name: "x")),
    Ingress(metadata: ObjectMeta(name: "x")),
    Job(metadata: ObjectMeta(name: "x")),
    Lease(metadata: ObjectMeta(name: "x")),
    Namespace(metadata: ObjectMeta(name: "x")),
    NetworkPolicy(metadata: ObjectMeta(name: "x")),
    PersistentVolumeClaim(metadata: ObjectMeta(name: "x")),
    Pod(metadata: ObjectMeta(name: "x")),
    PodMonitor(metadata: ObjectMeta(name: "x")),
    PrometheusRule(metadata: ObjectMeta(name: "x")),
    ServiceMonitor(metadata: ObjectMeta(name: "x")),
    PodDisruptionBudget(metadata: ObjectMeta(name: "x")),
    Role(metadata: ObjectMeta(name: "x")),
    RoleBinding(metadata: ObjectMeta(name: "x")),
    Secret(metadata: ObjectMeta(name: "x")),
    Service(metadata: ObjectMeta(name: "x")),
    ServiceAccount(metadata: ObjectMeta(name: "x")),
    StatefulSet(metadata: ObjectMeta(name: "x")),
    VerticalPodAutoscaler(metadata: ObjectMeta(name: "x")),
]

/// The minimal instance of `kind`, if the list above has one.
private func minimalInstance(of kind: any KubernetesObject.Type) -> (any KubernetesObject)? {
    minimalInstances.first { ObjectIdentifier(type(of: $0)) == ObjectIdentifier(kind) }
}

@Suite("Known kinds")
struct KnownKindsTests {
    /// Each kind with its expected collection path in namespace `ns` (or cluster-wide for cluster-scoped kinds).
    static let expectedPaths: [(any KubernetesObject.Type, String)] = [
        (ConfigMap.self, "/api/v1/namespaces/ns/configmaps"),
        (Namespace.self, "/api/v1/namespaces"),
        (PersistentVolumeClaim.self, "/api/v1/namespaces/ns/persistentvolumeclaims"),
        (Pod.self, "/api/v1/namespaces/ns/pods"),
        (Secret.self, "/api/v1/namespaces/ns/secrets"),
        (Service.self, "/api/v1/namespaces/ns/services"),
        (ServiceAccount.self, "/api/v1/namespaces/ns/serviceaccounts"),
        (CustomResourceDefinition.self, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"),
        (Deployment.self, "/apis/apps/v1/namespaces/ns/deployments"),
        (ReplicaSet.self, "/apis/apps/v1/namespaces/ns/replicasets"),
        (StatefulSet.self, "/apis/apps/v1/namespaces/ns/statefulsets"),
        (HorizontalPodAutoscaler.self, "/apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers"),
        (VerticalPodAutoscaler.self, "/apis/autoscaling.k8s.io/v1/namespaces/ns/verticalpodautoscalers"),
        (CronJob.self, "/apis/batch/v1/namespaces/ns/cronjobs"),
        (Job.self, "/apis/batch/v1/namespaces/ns/jobs"),
        (Lease.self, "/apis/coordination.k8s.io/v1/namespaces/ns/leases"),
        (Event.self, "/apis/events.k8s.io/v1/namespaces/ns/events"),
        (HTTPRoute.self, "/apis/gateway.networking.k8s.io/v1/namespaces/ns/httproutes"),
        (PodMonitor.self, "/apis/monitoring.coreos.com/v1/namespaces/ns/podmonitors"),
        (PrometheusRule.self, "/apis/monitoring.coreos.com/v1/namespaces/ns/prometheusrules"),
        (ServiceMonitor.self, "/apis/monitoring.coreos.com/v1/namespaces/ns/servicemonitors"),
        (Ingress.self, "/apis/networking.k8s.io/v1/namespaces/ns/ingresses"),
        (NetworkPolicy.self, "/apis/networking.k8s.io/v1/namespaces/ns/networkpolicies"),
        (PodDisruptionBudget.self, "/apis/policy/v1/namespaces/ns/poddisruptionbudgets"),
        (Role.self, "/apis/rbac.authorization.k8s.io/v1/namespaces/ns/roles"),
        (RoleBinding.self, "/apis/rbac.authorization.k8s.io/v1/namespaces/ns/rolebindings"),
    ]

    @Test("The path table covers every known kind exactly once")
    func tableCoversKnownKinds() {
        let known = KnownKinds.all.map { $0.resource.groupVersionKind }
        let tabled = Self.expectedPaths.map { $0.0.resource.groupVersionKind }
        #expect(Set(known).count == known.count)
        #expect(Set(tabled) == Set(known))
        #expect(tabled.count == known.count)
    }

    @Test("A kind's resource descriptor addresses its collection and objects", arguments: expectedPaths)
    func descriptorPaths(kind: any KubernetesObject.Type, collectionPath: String) {
        let resource = kind.resource
        let namespace: String? = resource.namespaced ? "ns" : nil
        #expect(resource.collectionPath(namespace: namespace) == collectionPath)
        #expect(resource.objectPath(name: "x", namespace: namespace) == collectionPath + "/x")
        #expect(resource.plural == resource.plural.lowercased())
        #expect(resource.kind.first?.isUppercase == true)
    }

    @Test("A minimal instance encodes apiVersion, kind and metadata only", arguments: KnownKinds.all.indices)
    func minimalInstanceEncoding(index: Int) throws {
        let kind = KnownKinds.all[index]
        let object = try #require(minimalInstance(of: kind), "add \(kind) to minimalInstances")
        #expect(object.apiVersion == kind.resource.apiVersion)
        #expect(object.kind == kind.resource.kind)

        let json = try JSONValue(encoding: object)
        let expected: JSONValue = [
            "apiVersion": .string(kind.resource.apiVersion),
            "kind": .string(kind.resource.kind),
            "metadata": ["name": "x"],
        ]
        #expect(json == expected)
        #expect(json.nullPaths(includingEmpty: true).isEmpty)
        let text = String(decoding: try KubeJSON.encode(object), as: UTF8.self)
        #expect(!text.contains("null"))
    }

    @Test("Decoding an object without type metadata leaves apiVersion and kind nil", arguments: KnownKinds.all.indices)
    func decodingWithoutTypeMetadata(index: Int) throws {
        let kind = KnownKinds.all[index]
        let object = try KubeJSON.decode(kind, from: Data(#"{"metadata":{"name":"x"}}"#.utf8))
        #expect(object.apiVersion == nil)
        #expect(object.kind == nil)
        #expect(object.metadata.name == "x")
        #expect(try JSONValue(encoding: object) == ["metadata": ["name": "x"]])
    }
}
