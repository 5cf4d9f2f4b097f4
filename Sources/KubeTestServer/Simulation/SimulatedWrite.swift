import Foundation
import KubeCore

/// How the simulated controllers write: straight into the store (never through HTTP, so nothing reaches the request
/// log), with the same revision, `generation` and no-op rules as API writes, and a `managedFields` entry for manager
/// `kube-controller-manager`, operation `Update`, like the real kube-controller-manager.
enum SimulatedWrite {
    /// The field manager the real controllers get from their user agent.
    static let manager = "kube-controller-manager"

    /// Creates an object as ``ObjectStore/create(_:object:dryRun:)`` does; `nil` when the name is taken or the
    /// namespace is missing or terminating.
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
        let namespace = ObjectRules.namespace(of: tracked)
        let key = ObjectRules.key(namespace: namespace, name: ObjectRules.name(of: tracked))
        guard let owner = store.objects[.namespaces]?[ObjectRules.key(namespace: nil, name: namespace)]?.object,
            !ObjectRules.isBeingDeleted(owner), store.objects[type.groupResource]?[key] == nil
        else { return nil }
        let prepared = ObjectRules.prepareCreate(
            type,
            object: tracked,
            uid: UUID().uuidString.lowercased(),
            now: store.now()
        )
        let stored = store.commit(type.groupResource, key: key, object: prepared, previous: nil)
        // The owner was read in this same isolated step, so the collector's owner check (a scan of every stored
        // UID) cannot find it missing; skipping it keeps a simulated create O(1) instead of O(objects).
        store.pendingOwnerChecks.removeAll()
        store.afterWrite(type.groupResource)
        return stored
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
        if subresource == "status" {
            if shape(of: old["status"]) != shape(of: prepared["status"]) || !hasStatusEntry(old) {
                prepared = recordingStatusEntry(in: prepared, type: type, now: Time(store.now()))
            }
        } else {
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
        }
        prepared[path: ["metadata", "resourceVersion"]] = old[path: ["metadata", "resourceVersion"]]
        if ObjectRules.isNoOp(old: old, new: prepared) { return old }
        let key = ObjectRules.key(namespace: ObjectRules.namespace(of: old), name: ObjectRules.name(of: old))
        let stored = store.commit(type.groupResource, key: key, object: prepared, previous: old)
        store.afterWrite(type.groupResource)
        return stored
    }

    /// Which status fields exist: the top-level members and the keys (`type`, `name`) of list items. A status
    /// write that keeps the shape changes no field ownership, so it skips the (costly) managed-fields comparison
    /// and keeps the existing entry, whose `time` then stays at the write that last took fields. (The entry lists
    /// the fields present when the shape last changed.)
    static func shape(of status: JSONValue?) -> [String] {
        guard let members = status?.objectValue else { return [] }
        var shape: [String] = []
        for (key, value) in members {
            shape.append(key)
            for item in value.arrayValue ?? [] {
                if let id = item["type"]?.stringValue ?? item["name"]?.stringValue { shape.append("\(key)/\(id)") }
            }
        }
        return shape.sorted()
    }

    /// The object with the controller's `status` entry in `managedFields` (created or replaced) listing every
    /// status field: what `FieldManager.update` records when no other manager owns status fields, without
    /// decoding the other entries.
    static func recordingStatusEntry(in object: JSONValue, type: ResourceType, now: Time) -> JSONValue {
        var result = object
        let fields = FieldSet(of: ["status": object["status"] ?? [:]], schema: .builtIn)
        let entry: JSONValue = [
            "manager": .string(manager), "operation": "Update", "apiVersion": .string(type.apiVersion),
            "time": .string(now.description), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
            "subresource": "status",
        ]
        var entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        entries.removeAll { $0["manager"]?.stringValue == manager && $0["subresource"] == "status" }
        entries.append(entry)
        result[path: ["metadata", "managedFields"]] = .array(entries)
        return result
    }

    /// Whether the simulation already owns status fields of the object.
    static func hasStatusEntry(_ object: JSONValue) -> Bool {
        let entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        return entries.contains { $0["manager"]?.stringValue == manager && $0["subresource"] == "status" }
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

    /// Deletes a pod. One that no object names as owner and that has no finalizers is removed without running the
    /// garbage collector, which would find nothing to do after scanning every stored object; others go through
    /// ``delete(_:namespace:name:in:)``.
    static func deletePod(_ pod: JSONValue, owners: PodOwnerReferences, in store: isolated ObjectStore) {
        let type = SimulatedResource.pods
        let key = WorkloadKey(type.groupResource, of: pod)
        guard let stored = store.stored(key), ObjectRules.uid(of: stored) == ObjectRules.uid(of: pod),
            ObjectRules.finalizers(of: stored).isEmpty, !owners.isOwner(ObjectRules.uid(of: stored))
        else {
            delete(type, namespace: key.namespace, name: key.name, in: store)
            return
        }
        let collectionWasNeeded = store.needsGarbageCollection
        store.remove(type.groupResource, key: key.storageKey, object: stored)
        store.needsGarbageCollection = collectionWasNeeded
    }

    /// Deletes an object with background propagation (dependents go through garbage collection).
    static func delete(_ type: ResourceType, namespace: String, name: String, in store: isolated ObjectStore) {
        _ = try? store.delete(type, namespace: namespace, name: name)
    }
}
