import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Conformance: server-side apply", .timeLimit(.minutes(1)))
struct ServerSideApplyTests {
    @Test("apply creates an object owned by its field manager, and re-applying the same intent writes nothing")
    func createAndIdempotence() async throws {
        try await Conformance.run { env in
            let intent = env.configMap("applied", labels: ["app": "web"], data: ["a": "1"])
            let created = try await env.client.apply(intent, fieldManager: "conformance-a")
            let managers = created.metadata.managedFields?.compactMap(\.manager) ?? []
            #expect(managers == ["conformance-a"])
            #expect(created.metadata.managedFields?.first?.operation == "Apply")

            let again = try await env.client.apply(intent, fieldManager: "conformance-a")
            #expect(again.metadata.resourceVersion == created.metadata.resourceVersion)
        }
    }

    @Test("a second manager changing an owned field conflicts; force takes the field over")
    func conflictAndForce() async throws {
        try await Conformance.run { env in
            _ = try await env.client.apply(env.configMap("shared", data: ["owner": "a"]), fieldManager: "manager-a")
            do {
                _ = try await env.client.apply(env.configMap("shared", data: ["owner": "b"]), fieldManager: "manager-b")
                Issue.record("a conflicting apply succeeded")
            } catch let error as KubeError {
                #expect(error.code == .conflict)
                let causes = error.status?.details?.causes ?? []
                #expect(causes.contains { $0.reason == "FieldManagerConflict" && $0.field == ".data.owner" })
                #expect(error.message.contains("manager-a"))
            }

            let forced = try await env.client.apply(
                env.configMap("shared", data: ["owner": "b"]),
                fieldManager: "manager-b",
                force: true
            )
            #expect(forced.data == ["owner": "b"])
            let owners = forced.metadata.managedFields?.compactMap(\.manager) ?? []
            #expect(owners == ["manager-b"], "manager-a lost its only field and its entry")
        }
    }

    @Test("two managers applying the same value share the field without conflict")
    func sharedOwnership() async throws {
        try await Conformance.run { env in
            _ = try await env.client.apply(env.configMap("co", data: ["k": "same"]), fieldManager: "manager-a")
            let shared = try await env.client.apply(env.configMap("co", data: ["k": "same"]), fieldManager: "manager-b")
            let owners = Set(shared.metadata.managedFields?.compactMap(\.manager) ?? [])
            #expect(owners == ["manager-a", "manager-b"])
        }
    }

    @Test("a field a manager stops applying is removed, while other managers' fields stay")
    func removal() async throws {
        try await Conformance.run { env in
            _ = try await env.client.apply(
                env.configMap("trimmed", labels: ["a": "1", "b": "2"]),
                fieldManager: "manager-a"
            )
            _ = try await env.client.apply(env.configMap("trimmed", labels: ["c": "3"]), fieldManager: "manager-c")
            let trimmed = try await env.client.apply(
                env.configMap("trimmed", labels: ["a": "1"]),
                fieldManager: "manager-a"
            )
            #expect(trimmed.metadata.labels == ["a": "1", "c": "3"])
        }
    }

    @Test("an update by another client takes ownership of the fields it changed (HPA-style scaling)")
    func updateOwnership() async throws {
        try await Conformance.run { env in
            let intent = CRUDTests.deployment(namespace: env.namespace, replicas: 2)
            _ = try await env.client.apply(intent, fieldManager: "operator")
            _ = try await env.client.patch(
                Deployment.self,
                name: "web",
                namespace: env.namespace,
                patch: .merge(["spec": ["replicas": 5]]),
                options: WriteOptions(fieldManager: "autoscaler")
            )
            do {
                _ = try await env.client.apply(intent, fieldManager: "operator")
                Issue.record("re-applying replicas owned by the autoscaler succeeded without force")
            } catch let error as KubeError {
                #expect(error.code == .conflict)
                #expect(error.status?.details?.causes?.contains { $0.field == ".spec.replicas" } == true)
            }

            // Dropping replicas from the intent leaves the autoscaler's value alone.
            var withoutReplicas = intent
            withoutReplicas.spec?.replicas = nil
            let applied = try await env.client.apply(withoutReplicas, fieldManager: "operator")
            #expect(applied.spec?.replicas == 5)
        }
    }

    @Test("apply merges containers by name and leaves containers of other managers")
    func associativeLists() async throws {
        try await Conformance.run { env in
            var intent = CRUDTests.deployment(namespace: env.namespace)
            _ = try await env.client.apply(intent, fieldManager: "operator")
            _ = try await env.client.apply(
                DynamicObject(json: [
                    "apiVersion": "apps/v1", "kind": "Deployment",
                    "metadata": ["name": "web", "namespace": .string(env.namespace)],
                    "spec": [
                        "template": [
                            "spec": ["containers": [["name": "sidecar", "image": "busybox:1.36"]]]
                        ]
                    ],
                ]),
                resource: Deployment.resource,
                fieldManager: "injector"
            )
            intent.spec?.template?.spec?.containers[0].image = "nginx:1.28"
            let result = try await env.client.apply(intent, fieldManager: "operator")
            let containers = result.spec?.template?.spec?.containers ?? []
            #expect(containers.map(\.name) == ["web", "sidecar"])
            #expect(containers.first?.image == "nginx:1.28")
        }
    }
}

extension KubeClient {
    /// Applies an untyped object of a typed kind (the conformance tests' way of applying a partial intent).
    fileprivate func apply(
        _ object: DynamicObject,
        resource: ResourceDescriptor,
        fieldManager: String
    ) async throws -> DynamicObject {
        try await apply(resource, object, fieldManager: fieldManager)
    }
}
