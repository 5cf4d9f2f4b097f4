import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Conformance: finalizers and garbage collection", .timeLimit(.minutes(1)))
struct LifecycleTests {
    @Test("a finalizer keeps a deleted object, with deletionTimestamp, until the finalizer is removed")
    func finalizers() async throws {
        try await Conformance.run { env in
            var held = env.configMap("held")
            held.metadata.finalizers = ["conformance.agriplatform.io/hold"]
            _ = try await env.client.create(held)
            _ = try await env.client.delete(ConfigMap.self, name: "held", namespace: env.namespace)

            var pending = try await env.client.get(ConfigMap.self, name: "held", namespace: env.namespace)
            #expect(pending.metadata.deletionTimestamp != nil)
            #expect(pending.metadata.finalizers == ["conformance.agriplatform.io/hold"])

            pending.metadata.finalizers = []
            _ = try await env.client.update(pending)
            let gone = await env.eventually { await Self.isGone(env, "held") }
            #expect(gone)
        }
    }

    @Test("background deletion of an owner garbage-collects its dependents")
    func backgroundGarbageCollection() async throws {
        try await Conformance.run { env in
            try await Self.createOwner(env, dependent: "dependent")
            try await Self.deleteOwner(env, propagationPolicy: .background)
            let collected = await env.eventually { await Self.isGone(env, "dependent") }
            #expect(collected)
        }
    }

    @Test("orphan deletion keeps dependents and removes their owner references")
    func orphanDeletion() async throws {
        try await Conformance.run { env in
            try await Self.createOwner(env, dependent: "orphan")
            try await Self.deleteOwner(env, propagationPolicy: .orphan)
            let orphaned = await env.eventually {
                let object = try? await env.client.get(ConfigMap.self, name: "orphan", namespace: env.namespace)
                return object != nil && (object?.metadata.ownerReferences ?? []).isEmpty
            }
            #expect(orphaned)
        }
    }

    @Test("foreground deletion keeps the owner until its blocking dependents are gone")
    func foregroundDeletion() async throws {
        try await Conformance.run { env in
            try await Self.createOwner(env, dependent: "blocking", blockOwnerDeletion: true)
            try await Self.deleteOwner(env, propagationPolicy: .foreground)
            let bothGone = await env.eventually {
                let ownerGone = await Self.isGone(env, "owner")
                let dependentGone = await Self.isGone(env, "blocking")
                if ownerGone, !dependentGone {
                    Issue.record("the owner went before its blocking dependent")
                }
                return ownerGone && dependentGone
            }
            #expect(bothGone)
        }
    }

    /// Creates the ConfigMap `owner` and a ConfigMap `dependent` that names it in its ownerReferences.
    static func createOwner(
        _ env: Conformance.Environment,
        dependent name: String,
        blockOwnerDeletion: Bool? = nil
    ) async throws {
        let owner = try await env.client.create(env.configMap("owner"))
        var dependent = env.configMap(name)
        dependent.metadata.ownerReferences = [
            OwnerReference(
                apiVersion: "v1",
                kind: "ConfigMap",
                name: owner.name,
                uid: owner.metadata.uid ?? "",
                blockOwnerDeletion: blockOwnerDeletion
            )
        ]
        _ = try await env.client.create(dependent)
    }

    static func deleteOwner(
        _ env: Conformance.Environment,
        propagationPolicy: DeleteOptions.PropagationPolicy
    ) async throws {
        _ = try await env.client.delete(
            ConfigMap.self,
            name: "owner",
            namespace: env.namespace,
            options: DeleteOptions(propagationPolicy: propagationPolicy)
        )
    }

    static func isGone(_ env: Conformance.Environment, _ name: String) async -> Bool {
        await env.errorCode {
            _ = try await env.client.get(ConfigMap.self, name: name, namespace: env.namespace)
        } == .notFound
    }
}
