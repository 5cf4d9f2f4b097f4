import Foundation
import KubeCore

extension ObjectStore {
    /// Runs the garbage collector and namespace controller to a fixed point, synchronously after each write.
    ///
    /// - Dependents whose every owner (by `ownerReferences[].uid`) is gone are deleted (background propagation).
    /// - An owner in foreground deletion (`foregroundDeletion` finalizer) has its dependents deleted and loses the
    ///   finalizer once no dependent with `blockOwnerDeletion: true` remains.
    /// - A terminating namespace has its contents deleted and disappears once it is empty.
    /// - An object with a deletionTimestamp and no finalizers is removed.
    ///
    /// See <https://kubernetes.io/docs/concepts/architecture/garbage-collection/>.
    func collectGarbage() {
        if !needsGarbageCollection, !pendingOwnerChecks.isEmpty, !everyPendingObjectHasAnOwner() {
            needsGarbageCollection = true
        }
        pendingOwnerChecks.removeAll()
        guard needsGarbageCollection else { return }
        defer { needsGarbageCollection = false }
        var changed = true
        var rounds = 0
        while changed && rounds < 1000 {
            changed = false
            rounds += 1
            let uids = Set(storedUIDs.keys)
            for resource in objects.keys.sorted() {
                for key in (objects[resource] ?? [:]).keys.sorted() {
                    guard let object = objects[resource]?[key]?.object else { continue }
                    if step(resource: resource, key: key, object: object, uids: uids) { changed = true }
                }
            }
        }
    }

    /// Whether each object written with owner references since the last collection still has one of its owners,
    /// looked up in ``storedUIDs``.
    private func everyPendingObjectHasAnOwner() -> Bool {
        pendingOwnerChecks.allSatisfy { owners in owners.contains { storedUIDs[$0] != nil } }
    }

    /// Whether ``storedUIDs`` counts exactly the UIDs of the stored objects (for tests).
    package func storedUIDsMatchObjects() -> Bool {
        var counted: [String: Int] = [:]
        for stored in objects.values {
            for object in stored.values {
                let uid = ObjectRules.uid(of: object.object)
                if !uid.isEmpty { counted[uid, default: 0] += 1 }
            }
        }
        return counted == storedUIDs
    }

    /// One garbage-collection decision for one object; returns whether anything changed.
    private func step(resource: GroupResource, key: String, object: JSONValue, uids: Set<String>) -> Bool {
        let owners = ObjectRules.ownerUIDs(of: object)
        let deleting = ObjectRules.isBeingDeleted(object)
        if !deleting, !owners.isEmpty, owners.allSatisfy({ !uids.contains($0) }) {
            markDeleted(resource: resource, key: key, object: object)
            return true
        }
        guard deleting else { return false }
        let uid = ObjectRules.uid(of: object)
        var finalizers = ObjectRules.finalizers(of: object)
        if resource == .namespaces {
            let name = ObjectRules.name(of: object)
            var remaining = false
            var marked = false
            for (other, stored) in objects where other != .namespaces {
                for (otherKey, entry) in stored where ObjectRules.namespace(of: entry.object) == name {
                    let child = entry.object
                    remaining = true
                    if !ObjectRules.isBeingDeleted(child) {
                        markDeleted(resource: other, key: otherKey, object: child)
                        marked = true
                    }
                }
            }
            if !remaining, finalizers.isEmpty {
                remove(resource, key: key, object: object)
                return true
            }
            return marked
        }
        if finalizers.contains("foregroundDeletion") {
            var blocked = false
            var marked = false
            for (other, stored) in objects {
                for (otherKey, entry) in stored {
                    let child = entry.object
                    let references = child[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
                    guard let reference = references.first(where: { $0["uid"]?.stringValue == uid }) else { continue }
                    if reference["blockOwnerDeletion"]?.boolValue == true { blocked = true }
                    if !ObjectRules.isBeingDeleted(child) {
                        markDeleted(resource: other, key: otherKey, object: child)
                        marked = true
                    }
                }
            }
            if !blocked {
                finalizers.removeAll { $0 == "foregroundDeletion" }
                var updated = object
                updated[path: ["metadata", "finalizers"]] =
                    finalizers.isEmpty ? nil : .array(finalizers.map(JSONValue.string))
                if finalizers.isEmpty {
                    remove(resource, key: key, object: updated)
                } else {
                    commit(resource, key: key, object: updated, previous: object)
                }
                return true
            }
            return marked
        }
        if finalizers.isEmpty {
            remove(resource, key: key, object: object)
            return true
        }
        return false
    }

    /// Deletes an object with background propagation: removed at once, or marked when it has finalizers.
    private func markDeleted(resource: GroupResource, key: String, object: JSONValue) {
        if ObjectRules.finalizers(of: object).isEmpty, resource != .namespaces {
            remove(resource, key: key, object: object)
        } else {
            var updated = object
            updated[path: ["metadata", "deletionTimestamp"]] = .string(Time(now()).description)
            updated[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            commit(resource, key: key, object: updated, previous: object)
        }
        if resource == .customResourceDefinitions { reloadCustomResources() }
    }

    /// Removes owner references to `uid` from every dependent (Orphan propagation).
    func orphanDependents(of uid: String) {
        for resource in objects.keys.sorted() {
            for key in (objects[resource] ?? [:]).keys.sorted() {
                guard let object = objects[resource]?[key]?.object else { continue }
                let references = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
                let kept = references.filter { $0["uid"]?.stringValue != uid }
                guard kept.count != references.count else { continue }
                var updated = object
                updated[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
                commit(resource, key: key, object: updated, previous: object)
            }
        }
    }
}
