import Foundation
import KubeCore

/// The simulated ReplicaSet controller: keeps `spec.replicas` pods from the template and reports their status.
///
/// Pods are named `<replicaset>-<5 random characters>` and owned by the ReplicaSet; scaling down deletes not-ready
/// pods first, then the newest. Status: `replicas`, `fullyLabeledReplicas`, `readyReplicas`, `availableReplicas`
/// (Ready for `minReadySeconds`) and `observedGeneration`, zero counts omitted as the API does.
enum ReplicaSetController {
    /// Syncs one ReplicaSet; returns the stored ReplicaSet after the status write, `nil` when it is gone.
    @discardableResult
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) -> JSONValue? {
        guard let replicaSet = store.stored(key) else { return nil }
        return sync(replicaSet, state: &state, in: store)
    }

    @discardableResult
    static func sync(_ replicaSet: JSONValue, state: inout SimulationState, in store: isolated ObjectStore) -> JSONValue
    {
        guard !ObjectRules.isBeingDeleted(replicaSet) else { return replicaSet }
        let name = ObjectRules.name(of: replicaSet)
        let desired = Int(replicaSet[path: ["spec", "replicas"]]?.integerValue ?? 1)
        var pods = state.ownedPods(of: replicaSet, in: store).filter(PodLifecycle.isActive)
        if pods.count < desired {
            let template = replicaSet[path: ["spec", "template"]] ?? [:]
            for _ in pods.count..<desired {
                if let pod = PodLifecycle.create(
                    name: "\(name)-\(TemplateHash.randomSuffix())",
                    template: template,
                    labels: [:],
                    owner: replicaSet,
                    state: &state,
                    in: store
                ) {
                    pods.append(pod)
                }
            }
        } else if pods.count > desired {
            let doomed = pods.sorted(by: PodLifecycle.deletionOrder).prefix(pods.count - desired)
            let names = Set(doomed.map(ObjectRules.name(of:)))
            for pod in doomed { SimulatedWrite.deletePod(pod, owners: state.podOwners, in: store) }
            pods.removeAll { names.contains(ObjectRules.name(of: $0)) }
        }
        let now = store.now()
        let minReadySeconds = replicaSet[path: ["spec", "minReadySeconds"]]?.integerValue ?? 0
        var ready = 0
        var available = 0
        for pod in pods {
            if PodLifecycle.isReady(pod) { ready += 1 }
            let availability = PodLifecycle.availability(pod, minReadySeconds: minReadySeconds, now: now, state: state)
            if availability.available { available += 1 }
            if let at = availability.availableAt {
                state.scheduleController(
                    WorkloadKey(SimulatedResource.replicaSets.groupResource, of: replicaSet),
                    at: at
                )
            }
        }
        var status: JSONValue = ["replicas": .integer(Int64(pods.count))]
        if !pods.isEmpty { status["fullyLabeledReplicas"] = .integer(Int64(pods.count)) }
        if ready > 0 { status["readyReplicas"] = .integer(Int64(ready)) }
        if available > 0 { status["availableReplicas"] = .integer(Int64(available)) }
        status["observedGeneration"] = replicaSet[path: ["metadata", "generation"]] ?? 1
        guard status != replicaSet["status"] else { return replicaSet }
        return SimulatedWrite.updateStatus(SimulatedResource.replicaSets, old: replicaSet, status: status, in: store)
    }

    /// Sets `spec.replicas` (and the Deployment controller's replica annotations) and syncs the pods at once.
    @discardableResult
    static func scale(
        _ replicaSet: JSONValue,
        to replicas: Int64,
        annotations: [String: String] = [:],
        state: inout SimulationState,
        in store: isolated ObjectStore
    ) -> JSONValue {
        var new = replicaSet
        new[path: ["spec", "replicas"]] = .integer(replicas)
        for (key, value) in annotations { new[path: ["metadata", "annotations", key]] = .string(value) }
        let stored = SimulatedWrite.update(SimulatedResource.replicaSets, old: replicaSet, new: new, in: store)
        return sync(stored, state: &state, in: store)
    }
}
