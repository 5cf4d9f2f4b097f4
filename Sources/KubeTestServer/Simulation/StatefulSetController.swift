import Foundation
import KubeCore

/// The simulated StatefulSet controller (`pkg/controller/statefulset`): pods `<set>-<ordinal>` with stable names,
/// PersistentVolumeClaims `<template>-<set>-<ordinal>` from `volumeClaimTemplates`, ordered or parallel pod
/// management, and RollingUpdate (highest ordinal first, `partition` honoured) or OnDelete updates.
///
/// Claims are never deleted, as with the default retention policy (`Retain`). Revisions are named
/// `<set>-<hash of the template>`; no ControllerRevision objects are stored, so pods recreated below a partition get
/// the old template only while the simulation remembers it. Not modelled: `maxUnavailable`, `ordinals.start`,
/// `persistentVolumeClaimRetentionPolicy: Delete`, and replacing failed pods.
enum StatefulSetController {
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {
        guard let set = store.stored(key), !ObjectRules.isBeingDeleted(set) else { return }
        let name = key.name
        let spec = set["spec"] ?? [:]
        let replicas = Int(spec["replicas"]?.integerValue ?? 1)
        let template = spec["template"] ?? [:]
        let updateRevision = "\(name)-\(TemplateHash.podTemplateHash(of: template))"
        state.revisionTemplates["\(key.namespace)/\(updateRevision)"] = template
        let parallel = spec["podManagementPolicy"]?.stringValue == "Parallel"
        let onDelete = spec[path: ["updateStrategy", "type"]]?.stringValue == "OnDelete"
        let partition = Int(spec[path: ["updateStrategy", "rollingUpdate", "partition"]]?.integerValue ?? 0)
        var currentRevision = set[path: ["status", "currentRevision"]]?.stringValue ?? updateRevision

        var byOrdinal: [Int: JSONValue] = [:]
        for pod in state.ownedPods(of: set, in: store) where !ObjectRules.isBeingDeleted(pod) {
            if let ordinal = ordinal(of: ObjectRules.name(of: pod), set: name) { byOrdinal[ordinal] = pod }
        }
        func ready(_ ordinal: Int) -> Bool { byOrdinal[ordinal].map(PodLifecycle.isReady) ?? false }

        // Create missing pods: in order, each only once its predecessors are Ready, or all at once (Parallel).
        for ordinal in 0..<max(0, replicas) where byOrdinal[ordinal] == nil {
            if !parallel, !(0..<ordinal).allSatisfy(ready) { break }
            let revision =
                !onDelete && ordinal < partition && currentRevision != updateRevision
                    && state.revisionTemplates["\(key.namespace)/\(currentRevision)"] != nil
                ? currentRevision : updateRevision
            let podTemplate = state.revisionTemplates["\(key.namespace)/\(revision)"] ?? template
            if let pod = createPod(
                set: set,
                ordinal: ordinal,
                template: podTemplate,
                revision: revision,
                state: &state,
                in: store
            ) {
                byOrdinal[ordinal] = pod
            }
            if !parallel { break }
        }
        let allReady = (0..<max(0, replicas)).allSatisfy(ready)
        // Scale down from the highest ordinal: one at a time while the rest is Ready (OrderedReady), or all.
        let condemned = byOrdinal.keys.filter { $0 >= replicas }.sorted(by: >)
        for ordinal in condemned where parallel || allReady {
            if let pod = byOrdinal[ordinal] { SimulatedWrite.deletePod(pod, owners: state.podOwners, in: store) }
            byOrdinal[ordinal] = nil
            if !parallel { break }
        }
        // RollingUpdate: replace the highest outdated ordinal at or above the partition once every pod is Ready.
        if !onDelete, condemned.isEmpty, allReady {
            for ordinal in (min(partition, replicas)..<max(0, replicas)).reversed()
            where revision(of: byOrdinal[ordinal]) != updateRevision {
                if let pod = byOrdinal[ordinal] { SimulatedWrite.deletePod(pod, owners: state.podOwners, in: store) }
                byOrdinal[ordinal] = nil
                break
            }
        }

        let pods = Array(byOrdinal.values)
        let now = store.now()
        let minReadySeconds = spec["minReadySeconds"]?.integerValue ?? 0
        var available = 0
        for pod in pods {
            let availability = PodLifecycle.availability(pod, minReadySeconds: minReadySeconds, now: now, state: state)
            if availability.available { available += 1 }
            if let at = availability.availableAt { state.scheduleController(key, at: at) }
        }
        let readyCount = pods.filter(PodLifecycle.isReady).count
        let updated = pods.filter { revision(of: $0) == updateRevision }.count
        if !onDelete, updated == pods.count, readyCount == pods.count { currentRevision = updateRevision }
        let current = pods.filter { revision(of: $0) == currentRevision }.count
        var status: JSONValue = [
            "observedGeneration": set[path: ["metadata", "generation"]] ?? 1, "replicas": .integer(Int64(pods.count)),
            "availableReplicas": .integer(Int64(available)), "currentRevision": .string(currentRevision),
            "updateRevision": .string(updateRevision), "collisionCount": 0,
        ]
        if readyCount > 0 { status["readyReplicas"] = .integer(Int64(readyCount)) }
        if current > 0 { status["currentReplicas"] = .integer(Int64(current)) }
        if updated > 0 { status["updatedReplicas"] = .integer(Int64(updated)) }
        if status != set["status"] {
            SimulatedWrite.updateStatus(SimulatedResource.statefulSets, old: set, status: status, in: store)
        }
    }

    /// Creates the claims an ordinal lacks, then its pod.
    private static func createPod(
        set: JSONValue,
        ordinal: Int,
        template: JSONValue,
        revision: String,
        state: inout SimulationState,
        in store: isolated ObjectStore
    ) -> JSONValue? {
        let name = ObjectRules.name(of: set)
        let namespace = ObjectRules.namespace(of: set)
        let podName = "\(name)-\(ordinal)"
        var volumes: [JSONValue] = []
        for claimTemplate in set[path: ["spec", "volumeClaimTemplates"]]?.arrayValue ?? [] {
            let templateName = claimTemplate[path: ["metadata", "name"]]?.stringValue ?? "data"
            let claimName = "\(templateName)-\(podName)"
            volumes.append(["name": .string(templateName), "persistentVolumeClaim": ["claimName": .string(claimName)]])
            let claimKey = WorkloadKey(
                SimulatedResource.persistentVolumeClaims.groupResource,
                namespace: namespace,
                name: claimName
            )
            guard store.stored(claimKey) == nil else { continue }
            let spec = claimTemplate["spec"] ?? [:]
            var claim: JSONValue = [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": [
                    "name": .string(claimName), "namespace": .string(namespace),
                    "labels": set[path: ["spec", "selector", "matchLabels"]] ?? [:],
                ],
                "spec": spec,
            ]
            claim[path: ["spec", "volumeName"]] = .string(
                "pvc-" + TemplateHash.digest(namespace + claimName).prefix(32)
            )
            // Bound at once, as with an immediate-binding storage class; status is written through its subresource.
            guard let created = SimulatedWrite.create(SimulatedResource.persistentVolumeClaims, claim, in: store)
            else { continue }
            let status: JSONValue = [
                "phase": "Bound", "accessModes": spec["accessModes"] ?? ["ReadWriteOnce"],
                "capacity": ["storage": spec[path: ["resources", "requests", "storage"]] ?? "1Gi"],
            ]
            SimulatedWrite.updateStatus(
                SimulatedResource.persistentVolumeClaims,
                old: created,
                status: status,
                in: store
            )
        }
        var podTemplate = template
        podTemplate[path: ["spec", "hostname"]] = .string(podName)
        if let service = set[path: ["spec", "serviceName"]]?.stringValue, !service.isEmpty {
            podTemplate[path: ["spec", "subdomain"]] = .string(service)
        }
        return PodLifecycle.create(
            name: podName,
            template: podTemplate,
            labels: [
                "controller-revision-hash": revision, "statefulset.kubernetes.io/pod-name": podName,
                "apps.kubernetes.io/pod-index": String(ordinal),
            ],
            owner: set,
            volumes: volumes,
            state: &state,
            in: store
        )
    }

    static func ordinal(of podName: String, set: String) -> Int? {
        guard podName.hasPrefix(set + "-") else { return nil }
        return Int(podName.dropFirst(set.count + 1))
    }

    static func revision(of pod: JSONValue?) -> String? {
        pod?[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue
    }
}
