import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// An example controller: for every ConfigMap labelled `mirror=true`, keep a copy named `<name>-mirror` that the
/// source owns (so the garbage collector deletes it with the source), written with server-side apply.
enum ConfigMapMirror {
    static let fieldManager = "configmap-mirror"

    static func controller(client: KubeClient, namespace: String? = nil) -> Controller<ConfigMap> {
        ControllerBuilder("configmap-mirror", for: ConfigMap.self, client: client)
            .namespace(namespace)
            .labelSelector("mirror=true")
            .owns(ConfigMap.self, transform: Store.dropManagedFields)
            .build(reconcile: reconcile)
    }

    @Sendable
    static func reconcile(
        _ request: ReconcileRequest,
        _ context: Controller<ConfigMap>.Context
    ) async throws -> ReconcileResult {
        // Observe: the source from the cache; a deleted source's mirror goes with it (garbage collection).
        guard let source = context.store.get(request.key), source.metadata.deletionTimestamp == nil else {
            return .done
        }
        // Decide: a pure function of the source.
        let desired = mirror(of: source)
        if let current = context.store(for: ConfigMap.self)?.get(ObjectKey(desired)),
            current.data == desired.data, current.metadata.ownerReferences == desired.metadata.ownerReferences
        {
            return .done
        }
        // Act: apply our intent and tell the caches about the write.
        context.logger.info("applying mirror", metadata: ["mirror": "\(desired.name)"])
        context.recordWrite(try await context.client.apply(desired, fieldManager: fieldManager, force: true))
        return .done
    }

    /// The mirror of `source`: same data, owned by it, not itself labelled `mirror=true`.
    static func mirror(of source: ConfigMap) -> ConfigMap {
        let owner = OwnerReference(
            apiVersion: "v1",
            kind: "ConfigMap",
            name: source.name,
            uid: source.metadata.uid ?? "",
            controller: true,
            blockOwnerDeletion: true
        )
        let metadata = ObjectMeta(
            name: "\(source.name)-mirror",
            namespace: source.metadata.namespace,
            labels: ["mirror-of": source.name],
            ownerReferences: [owner]
        )
        return ConfigMap(metadata: metadata, data: source.data)
    }
}
