import Foundation
import KubeCore

/// How the simulated controllers write: straight into the store (never through HTTP, so nothing reaches the request
/// log), with the same revision, `generation` and no-op rules as API writes, and a `managedFields` entry for manager
/// `kube-controller-manager`, operation `Update`, like the real kube-controller-manager.
enum SimulatedWrite {
    /// The field manager the real controllers get from their user agent.
    static let manager = "kube-controller-manager"

    /// Creates an object; `nil` when the store rejects it (name taken, namespace gone).
    @discardableResult
    static func create(_ type: ResourceType, _ object: JSONValue, in store: isolated ObjectStore) -> JSONValue? {
        let tracked = FieldManager.update(
            old: nil,
            new: object,
            manager: manager,
            apiVersion: type.apiVersion,
            subresource: nil,
            schema: .builtIn,
            hasStatusSubresource: type.hasStatus,
            now: Time(store.now())
        )
        return try? store.create(type, object: tracked)
    }

    /// Replaces the stored `old` with `new` through the main resource (`subresource` `nil`), the `status`
    /// subresource, or the `scale` subresource (which changes `spec.replicas` only).
    ///
    /// Unlike ``ObjectStore/update(_:namespace:name:subresource:allowCreate:dryRun:transform:)``, the `status` write
    /// keeps the controller's `managedFields` entry (subresource `status`). A write that changes nothing is skipped.
    /// - Returns: The stored object (`old` when nothing changed).
    @discardableResult
    static func update(
        _ type: ResourceType,
        old: JSONValue,
        new: JSONValue,
        subresource: String? = nil,
        in store: isolated ObjectStore
    ) -> JSONValue {
        var prepared = ObjectRules.prepareUpdate(
            type,
            old: old,
            new: new,
            subresource: subresource == "status" ? "status" : nil
        )
        prepared = FieldManager.update(
            old: old,
            new: prepared,
            manager: manager,
            apiVersion: type.apiVersion,
            subresource: subresource,
            schema: .builtIn,
            hasStatusSubresource: type.hasStatus,
            now: Time(store.now())
        )
        prepared[path: ["metadata", "resourceVersion"]] = old[path: ["metadata", "resourceVersion"]]
        if ObjectRules.isNoOp(old: old, new: prepared) { return old }
        let key = ObjectRules.key(namespace: ObjectRules.namespace(of: old), name: ObjectRules.name(of: old))
        let stored = store.commit(type.groupResource, key: key, object: prepared, previous: old)
        store.afterWrite(type.groupResource)
        return stored
    }

    /// Writes `status` through the status subresource.
    @discardableResult
    static func updateStatus(
        _ type: ResourceType,
        old: JSONValue,
        status: JSONValue,
        in store: isolated ObjectStore
    ) -> JSONValue {
        var new = old
        new["status"] = status
        return update(type, old: old, new: new, subresource: "status", in: store)
    }

    /// Deletes an object with background propagation (dependents go through garbage collection).
    static func delete(_ type: ResourceType, namespace: String, name: String, in store: isolated ObjectStore) {
        _ = try? store.delete(type, namespace: namespace, name: name)
    }
}
