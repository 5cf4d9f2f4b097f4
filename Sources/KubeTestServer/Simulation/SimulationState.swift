import Foundation
import KubeCore

/// What the workload simulation remembers between steps: the hooks, indexes from owner to dependents, the pods it
/// drives, the work due later and the objects to sync next.
///
/// Indexes are candidate lists fed by store events and by the simulation's own writes; every read verifies the
/// candidates against the store (``ownedPods(of:in:)``), so a stale entry costs a lookup, never a wrong decision.
struct SimulationState {
    /// A pod the simulation created and drives through its lifecycle.
    struct TrackedPod {
        var key: WorkloadKey
        /// When its containers started (precise; `status.startTime` has second resolution).
        var started: Date
        var restarts: Int64 = 0
        var lastRestart: Date
        /// When it last became Ready, for `minReadySeconds`.
        var readySince: Date?
        var isJobPod: Bool
    }

    let configuration: WorkloadSimulation.Configuration
    /// Pods that other objects depend on (filled by the store observer, outside this state's lock).
    let podOwners: PodOwnerReferences
    var behaviours: [(match: PodMatch, behaviour: PodBehaviour)] = []
    var behavioursChanged = false
    var recommendations: [WorkloadKey: Int32] = [:]
    /// Controllers (Deployments, ReplicaSets, StatefulSets, Jobs, HorizontalPodAutoscalers) to sync next.
    var dirty: Set<WorkloadKey> = []
    /// Owner uid → names of pods (in the owner's namespace) it may control.
    var podsByOwner: [String: Set<String>] = [:]
    /// Deployment uid → names of ReplicaSets it may control.
    var replicaSetsByOwner: [String: Set<String>] = [:]
    var autoscalersByTarget: [WorkloadKey: Set<WorkloadKey>] = [:]
    var autoscalerTargets: [WorkloadKey: WorkloadKey] = [:]
    /// Pod uid → lifecycle.
    var trackedPods: [String: TrackedPod] = [:]
    /// Pod uid → when its lifecycle should advance next.
    var podDue: [String: Date] = [:]
    /// Controller → when it should sync again (readiness ageing into availability, progress deadlines).
    var controllerDue: [WorkloadKey: Date] = [:]
    /// `namespace/revision` → pod template of a StatefulSet revision seen by the simulation.
    var revisionTemplates: [String: JSONValue] = [:]
    private var nextPodIP = 0

    init(configuration: WorkloadSimulation.Configuration, podOwners: PodOwnerReferences) {
        self.configuration = configuration
        self.podOwners = podOwners
    }

    // MARK: Events

    /// Updates indexes and marks the controllers an event concerns.
    mutating func intake(_ event: ObjectStore.StoredEvent) {
        let object = event.object
        let deleted = event.type == "DELETED"
        let key = WorkloadKey(event.resource, of: object)
        let uid = ObjectRules.uid(of: object)
        switch event.resource {
        case SimulatedResource.pods.groupResource:
            if deleted {
                trackedPods[uid] = nil
                podDue[uid] = nil
            }
            if let owner = Self.controller(of: object), let type = SimulatedResource.podOwner(kind: owner.kind) {
                if !deleted { podsByOwner[owner.uid, default: []].insert(key.name) }
                dirty.insert(WorkloadKey(type.groupResource, namespace: key.namespace, name: owner.name))
            }
        case SimulatedResource.replicaSets.groupResource:
            if deleted {
                podsByOwner[uid] = nil
                controllerDue[key] = nil
            } else {
                dirty.insert(key)
            }
            if let owner = Self.controller(of: object), owner.kind == "Deployment" {
                if !deleted { replicaSetsByOwner[owner.uid, default: []].insert(key.name) }
                dirty.insert(
                    WorkloadKey(SimulatedResource.deployments.groupResource, namespace: key.namespace, name: owner.name)
                )
            }
        case SimulatedResource.deployments.groupResource, SimulatedResource.statefulSets.groupResource:
            if deleted {
                replicaSetsByOwner[uid] = nil
                podsByOwner[uid] = nil
                controllerDue[key] = nil
            } else {
                dirty.insert(key)
            }
            dirty.formUnion(autoscalersByTarget[key] ?? [])
        case SimulatedResource.jobs.groupResource:
            if deleted {
                podsByOwner[uid] = nil
                controllerDue[key] = nil
            } else {
                dirty.insert(key)
            }
        case SimulatedResource.horizontalPodAutoscalers.groupResource:
            if let old = autoscalerTargets.removeValue(forKey: key) { autoscalersByTarget[old]?.remove(key) }
            if deleted {
                recommendations[key] = nil
            } else {
                if let target = HorizontalPodAutoscalerController.targetKey(of: object) {
                    autoscalerTargets[key] = target
                    autoscalersByTarget[target, default: []].insert(key)
                }
                dirty.insert(key)
            }
        default: break
        }
    }

    /// The `controller: true` owner reference of an object.
    static func controller(of object: JSONValue) -> (kind: String, name: String, uid: String)? {
        let references = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        guard let reference = references.first(where: { $0["controller"]?.boolValue == true }),
            let kind = reference["kind"]?.stringValue, let name = reference["name"]?.stringValue,
            let uid = reference["uid"]?.stringValue
        else { return nil }
        return (kind, name, uid)
    }

    // MARK: Owned objects

    /// The live pods whose controller is `owner` (pruning stale index entries).
    mutating func ownedPods(of owner: JSONValue, in store: isolated ObjectStore) -> [JSONValue] {
        Self.owned(SimulatedResource.pods, by: owner, index: &podsByOwner, in: store)
    }

    /// The live ReplicaSets whose controller is the Deployment `owner`.
    mutating func ownedReplicaSets(of owner: JSONValue, in store: isolated ObjectStore) -> [JSONValue] {
        Self.owned(SimulatedResource.replicaSets, by: owner, index: &replicaSetsByOwner, in: store)
    }

    /// Static, so that the caller's `&index` (a property of `self`) is not also reachable through a copy of
    /// `self`: as an instance method, the copy kept the dictionary shared and every call copied it whole (a
    /// quadratic cost the benchmark's profile found at 1 000 platforms).
    private static func owned(
        _ type: ResourceType,
        by owner: JSONValue,
        index: inout [String: Set<String>],
        in store: isolated ObjectStore
    ) -> [JSONValue] {
        let uid = ObjectRules.uid(of: owner)
        let namespace = ObjectRules.namespace(of: owner)
        guard let names = index[uid] else { return [] }
        var result: [JSONValue] = []
        var kept: Set<String> = []
        for name in names.sorted() {
            guard let object = store.stored(WorkloadKey(type.groupResource, namespace: namespace, name: name)),
                Self.controller(of: object)?.uid == uid
            else { continue }
            kept.insert(name)
            result.append(object)
        }
        index[uid] = kept
        return result
    }

    /// Records a dependent the simulation just created, before its event arrives.
    mutating func recordCreated(_ object: JSONValue, owner: JSONValue, type: ResourceType) {
        let name = ObjectRules.name(of: object)
        if type.groupResource == SimulatedResource.replicaSets.groupResource {
            replicaSetsByOwner[ObjectRules.uid(of: owner), default: []].insert(name)
        } else {
            podsByOwner[ObjectRules.uid(of: owner), default: []].insert(name)
        }
    }

    // MARK: Hooks

    /// The behaviour of a pod: the last matching ``WorkloadSimulation/setPodBehaviour(_:matching:)`` call wins.
    func behaviour(for pod: JSONValue) -> PodBehaviour {
        for entry in behaviours.reversed() where Self.matches(entry.match, pod: pod) { return entry.behaviour }
        return .healthy
    }

    static func matches(_ match: PodMatch, pod: JSONValue) -> Bool {
        let labels = pod[path: ["metadata", "labels"]]
        switch match {
        case .image(let image):
            let containers =
                (pod[path: ["spec", "containers"]]?.arrayValue ?? [])
                + (pod[path: ["spec", "initContainers"]]?.arrayValue ?? [])
            return containers.contains { $0["image"]?.stringValue == image }
        case .podTemplateHash(let hash):
            return labels?["pod-template-hash"]?.stringValue == hash
        case .labels(let wanted):
            return wanted.allSatisfy { labels?[$0.key]?.stringValue == $0.value }
        }
    }

    // MARK: Time

    mutating func schedulePod(_ uid: String, at date: Date) {
        if let existing = podDue[uid], existing <= date { return }
        podDue[uid] = date
    }

    mutating func scheduleController(_ key: WorkloadKey, at date: Date) {
        if let existing = controllerDue[key], existing <= date { return }
        controllerDue[key] = date
    }

    /// Removes and returns the work due at `now`.
    mutating func takeDue(now: Date) -> (pods: [String], controllers: [WorkloadKey]) {
        let pods = podDue.filter { $0.value <= now }.map(\.key)
        for uid in pods { podDue[uid] = nil }
        let controllers = controllerDue.filter { $0.value <= now }.map(\.key)
        for key in controllers { controllerDue[key] = nil }
        return (pods, controllers)
    }

    /// A fresh pod IP in 10.244.0.0/16.
    mutating func makePodIP() -> String {
        nextPodIP += 1
        return "10.244.\((nextPodIP / 250) % 250).\(nextPodIP % 250 + 2)"
    }
}
