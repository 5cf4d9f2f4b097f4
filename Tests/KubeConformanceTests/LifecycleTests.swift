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
            let gone = await env.eventually {
                await env.errorCode {
                    _ = try await env.client.get(ConfigMap.self, name: "held", namespace: env.namespace)
                } == .notFound
            }
            #expect(gone)
        }
    }

    @Test("background deletion of an owner garbage-collects its dependents")
    func backgroundGarbageCollection() async throws {
        try await Conformance.run { env in
            let owner = try await env.client.create(env.configMap("owner"))
            var dependent = env.configMap("dependent")
            dependent.metadata.ownerReferences = [Self.reference(to: owner)]
            _ = try await env.client.create(dependent)

            _ = try await env.client.delete(
                ConfigMap.self,
                name: "owner",
                namespace: env.namespace,
                options: DeleteOptions(propagationPolicy: .background)
            )
            let collected = await env.eventually {
                await env.errorCode {
                    _ = try await env.client.get(ConfigMap.self, name: "dependent", namespace: env.namespace)
                } == .notFound
            }
            #expect(collected)
        }
    }

    @Test("orphan deletion keeps dependents and removes their owner references")
    func orphanDeletion() async throws {
        try await Conformance.run { env in
            let owner = try await env.client.create(env.configMap("owner"))
            var dependent = env.configMap("orphan")
            dependent.metadata.ownerReferences = [Self.reference(to: owner)]
            _ = try await env.client.create(dependent)

            _ = try await env.client.delete(
                ConfigMap.self,
                name: "owner",
                namespace: env.namespace,
                options: DeleteOptions(propagationPolicy: .orphan)
            )
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
            let owner = try await env.client.create(env.configMap("owner"))
            var dependent = env.configMap("blocking")
            var reference = Self.reference(to: owner)
            reference.blockOwnerDeletion = true
            dependent.metadata.ownerReferences = [reference]
            _ = try await env.client.create(dependent)

            _ = try await env.client.delete(
                ConfigMap.self,
                name: "owner",
                namespace: env.namespace,
                options: DeleteOptions(propagationPolicy: .foreground)
            )
            let bothGone = await env.eventually {
                let ownerCode = await env.errorCode {
                    _ = try await env.client.get(ConfigMap.self, name: "owner", namespace: env.namespace)
                }
                let dependentCode = await env.errorCode {
                    _ = try await env.client.get(ConfigMap.self, name: "blocking", namespace: env.namespace)
                }
                if dependentCode != .notFound, ownerCode == .notFound {
                    Issue.record("the owner went before its blocking dependent")
                }
                return ownerCode == .notFound && dependentCode == .notFound
            }
            #expect(bothGone)
        }
    }

    static func reference(to owner: ConfigMap) -> OwnerReference {
        OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: owner.name, uid: owner.metadata.uid ?? "")
    }
}
