import KubeCore
import Synchronization

/// The uids of pods that some stored object names in its `ownerReferences`, fed from every store event.
///
/// Deleting a pod nobody depends on needs no garbage collection, and skipping the collector (a scan of every stored
/// object) keeps rolling hundreds of Deployments fast. The set only grows: a uid that was ever an owner keeps its
/// pod on the ordinary delete path.
final class PodOwnerReferences: Sendable {
    private let uids = Mutex<Set<String>>([])

    /// Records the pod owners an event's object names.
    func observe(_ event: ObjectStore.StoredEvent) {
        guard event.type != "DELETED",
            let references = event.object[path: ["metadata", "ownerReferences"]]?.arrayValue,
            references.contains(where: { $0["kind"]?.stringValue == "Pod" })
        else { return }
        let owners = references.filter { $0["kind"]?.stringValue == "Pod" }.compactMap { $0["uid"]?.stringValue }
        uids.withLock { $0.formUnion(owners) }
    }

    func isOwner(_ uid: String) -> Bool { uids.withLock { $0.contains(uid) } }
}
