import Foundation
import KubeCore

/// What the simulated kubelet does with a pod: creation from a template, the status it reports for the pod's
/// ``PodBehaviour``, and the timed transitions (becoming Ready, restarting, a job pod finishing).
enum PodLifecycle {
    static let nodeName = "kube-test-server-node"

    /// What the containers of a pod are doing.
    enum ContainerState: Equatable {
        case running(ready: Bool)
        case crashLooping
        case terminated(exitCode: Int64, reason: String)
    }

    /// Creates a pod from a template, controlled by `owner`, and starts driving it.
    /// - Returns: The stored pod, `nil` when the store rejected it.
    @discardableResult
    static func create(
        name: String,
        template: JSONValue,
        labels extraLabels: [String: String],
        owner: JSONValue,
        volumes: [JSONValue] = [],
        isJobPod: Bool = false,
        state: inout SimulationState,
        in store: isolated ObjectStore
    ) -> JSONValue? {
        let namespace = ObjectRules.namespace(of: owner)
        var metadata = template["metadata"] ?? [:]
        var labels = metadata["labels"]?.objectValue ?? [:]
        for (key, value) in extraLabels { labels[key] = .string(value) }
        metadata["labels"] = labels.isEmpty ? JSONValue?.none : .object(labels)
        metadata["name"] = .string(name)
        metadata["namespace"] = .string(namespace)
        metadata["ownerReferences"] = [ownerReference(to: owner)]
        metadata["creationTimestamp"] = nil
        var spec = template["spec"] ?? [:]
        spec["nodeName"] = .string(nodeName)
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
        if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
        if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
        if !volumes.isEmpty { spec["volumes"] = .array((spec["volumes"]?.arrayValue ?? []) + volumes) }
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
        let now = store.now()
        let startTime = Time(now).description
        pod["status"] = status(
            of: pod,
            phase: "Running",
            containers: .running(ready: false),
            restarts: 0,
            startTime: startTime,
            podIP: state.makePodIP(),
            now: startTime
        )
        guard let stored = SimulatedWrite.create(SimulatedResource.pods, pod, in: store) else { return nil }
        let uid = ObjectRules.uid(of: stored)
        state.recordCreated(stored, owner: owner, type: SimulatedResource.pods)
        state.trackedPods[uid] = SimulationState.TrackedPod(
            key: WorkloadKey(SimulatedResource.pods.groupResource, of: stored),
            started: now,
            lastRestart: now,
            isJobPod: isJobPod
        )
        state.schedulePod(uid, at: now)
        return stored
    }

    /// The controller owner reference to `owner`.
    static func ownerReference(to owner: JSONValue) -> JSONValue {
        [
            "apiVersion": owner["apiVersion"] ?? .null, "kind": owner["kind"] ?? .null,
            "name": owner[path: ["metadata", "name"]] ?? .null, "uid": owner[path: ["metadata", "uid"]] ?? .null,
            "controller": true, "blockOwnerDeletion": true,
        ]
    }

    /// Moves a tracked pod along its lifecycle and schedules its next transition.
    static func advance(_ uid: String, state: inout SimulationState, in store: isolated ObjectStore) {
        guard let tracked = state.trackedPods[uid] else { return }
        guard let pod = store.stored(tracked.key), ObjectRules.uid(of: pod) == uid, isActive(pod) else {
            state.trackedPods[uid] = nil
            return
        }
        let configuration = state.configuration
        let now = store.now()
        let behaviour = state.behaviour(for: pod)
        let readyAt = tracked.started.addingTimeInterval(configuration.podReadyDelay.timeInterval)
        var phase = "Running"
        let containers: ContainerState
        var updated = tracked
        if tracked.isJobPod {
            if now >= readyAt {
                let failed = behaviour == .failJob
                phase = failed ? "Failed" : "Succeeded"
                containers = .terminated(exitCode: failed ? 1 : 0, reason: failed ? "Error" : "Completed")
            } else {
                containers = .running(ready: true)
                state.schedulePod(uid, at: readyAt)
            }
        } else {
            switch behaviour {
            case .healthy, .failJob:
                if now >= readyAt {
                    containers = .running(ready: true)
                } else {
                    containers = .running(ready: false)
                    state.schedulePod(uid, at: readyAt)
                }
            case .neverReady:
                containers = .running(ready: false)
            case .crashLoop:
                let interval = configuration.crashLoopRestartInterval.timeInterval
                if now >= tracked.lastRestart.addingTimeInterval(interval) {
                    updated.restarts += 1
                    updated.lastRestart = now
                }
                containers = .crashLooping
                state.schedulePod(uid, at: updated.lastRestart.addingTimeInterval(interval))
            }
        }
        let ready = containers == .running(ready: true)
        if ready, updated.readySince == nil { updated.readySince = now }
        if !ready { updated.readySince = nil }
        state.trackedPods[uid] = updated
        let newStatus = status(
            of: pod,
            phase: phase,
            containers: containers,
            restarts: updated.restarts,
            startTime: pod[path: ["status", "startTime"]]?.stringValue ?? Time(tracked.started).description,
            podIP: pod[path: ["status", "podIP"]]?.stringValue ?? state.makePodIP(),
            now: Time(now).description,
            old: pod["status"]
        )
        if newStatus != pod["status"] {
            SimulatedWrite.updateStatus(SimulatedResource.pods, old: pod, status: newStatus, in: store)
        }
        if !isActive(["status": ["phase": .string(phase)]]) { state.trackedPods[uid] = nil }
    }

    // MARK: Status

    /// The pod status the kubelet would report.
    static func status(
        of pod: JSONValue,
        phase: String,
        containers state: ContainerState,
        restarts: Int64,
        startTime: String,
        podIP: String,
        now: String,
        old: JSONValue? = nil
    ) -> JSONValue {
        let specContainers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        let names = specContainers.compactMap { $0["name"]?.stringValue }
        let podName = ObjectRules.name(of: pod)
        let terminated: Bool
        if case .terminated = state { terminated = true } else { terminated = false }
        let ready = state == .running(ready: true)
        func condition(_ type: String, _ value: Bool, reason: String? = nil, message: String? = nil) -> JSONValue {
            let status = value ? "True" : "False"
            let previous = old?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
            let since = previous?["status"]?.stringValue == status ? previous?["lastTransitionTime"] : nil
            var condition: JSONValue = [
                "type": .string(type), "status": .string(status), "lastProbeTime": .null,
                "lastTransitionTime": since ?? .string(now),
            ]
            if let reason { condition["reason"] = .string(reason) }
            if let message { condition["message"] = .string(message) }
            return condition
        }
        let unready = "containers with unready status: [\(names.joined(separator: " "))]"
        var conditions: [JSONValue] = [condition("PodReadyToStartContainers", !terminated)]
        if terminated {
            conditions += [
                condition("Initialized", true, reason: "PodCompleted"),
                condition("Ready", false, reason: "PodCompleted"),
                condition("ContainersReady", false, reason: "PodCompleted"),
            ]
        } else {
            conditions += [
                condition("Initialized", true),
                ready
                    ? condition("Ready", true)
                    : condition("Ready", false, reason: "ContainersNotReady", message: unready),
                ready
                    ? condition("ContainersReady", true)
                    : condition("ContainersReady", false, reason: "ContainersNotReady", message: unready),
            ]
        }
        conditions.append(condition("PodScheduled", true))
        let statuses: [JSONValue] = specContainers.map { container in
            let name = container["name"]?.stringValue ?? ""
            let image = container["image"]?.stringValue ?? ""
            var status: JSONValue = [
                "name": .string(name), "image": .string(image),
                "imageID": .string("\(image)@sha256:\(TemplateHash.digest(image))"),
                "containerID": .string("containerd://" + TemplateHash.digest(ObjectRules.uid(of: pod) + name)),
                "ready": .bool(ready), "restartCount": .integer(restarts),
                "started": .bool(state == .running(ready: true) || state == .running(ready: false)),
            ]
            switch state {
            case .running:
                status["state"] = ["running": ["startedAt": .string(startTime)]]
            case .crashLooping:
                status["state"] = [
                    "waiting": [
                        "reason": "CrashLoopBackOff",
                        "message": .string(
                            "back-off 10s restarting failed container=\(name) "
                                + "pod=\(podName)_\(ObjectRules.namespace(of: pod))(\(ObjectRules.uid(of: pod)))"
                        ),
                    ]
                ]
                let previous = old?["containerStatuses"]?.arrayValue?.first { $0["name"]?.stringValue == name }
                let sameCount = previous?["restartCount"]?.integerValue == restarts
                let finished = sameCount ? previous?[path: ["lastState", "terminated", "finishedAt"]] : nil
                status["lastState"] = [
                    "terminated": [
                        "exitCode": 1, "reason": "Error", "startedAt": .string(startTime),
                        "finishedAt": finished ?? .string(now),
                    ]
                ]
            case .terminated(let exitCode, let reason):
                let previous = old?["containerStatuses"]?.arrayValue?.first { $0["name"]?.stringValue == name }
                status["state"] = [
                    "terminated": [
                        "exitCode": .integer(exitCode), "reason": .string(reason), "startedAt": .string(startTime),
                        "finishedAt": previous?[path: ["state", "terminated", "finishedAt"]] ?? .string(now),
                    ]
                ]
            }
            return status
        }
        return [
            "phase": .string(phase), "conditions": .array(conditions), "containerStatuses": .array(statuses),
            "hostIP": "10.0.0.1", "hostIPs": [["ip": "10.0.0.1"]], "podIP": .string(podIP),
            "podIPs": [["ip": .string(podIP)]], "startTime": .string(startTime), "qosClass": "BestEffort",
        ]
    }

    // MARK: Reading pods

    /// Not terminal and not being deleted.
    static func isActive(_ pod: JSONValue) -> Bool {
        let phase = pod[path: ["status", "phase"]]?.stringValue
        return phase != "Succeeded" && phase != "Failed" && !ObjectRules.isBeingDeleted(pod)
    }

    static func isReady(_ pod: JSONValue) -> Bool {
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        return conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" }
    }

    /// When the pod became Ready: the simulation's precise time, else the condition's `lastTransitionTime`.
    static func readySince(_ pod: JSONValue, state: SimulationState) -> Date? {
        guard isReady(pod) else { return nil }
        if let since = state.trackedPods[ObjectRules.uid(of: pod)]?.readySince { return since }
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let ready = conditions.first { $0["type"] == "Ready" }
        return ready?["lastTransitionTime"]?.stringValue.flatMap(Time.parse) ?? .distantPast
    }

    /// Ready for at least `minReadySeconds`; otherwise, when it will be (for a later sync).
    static func availability(
        _ pod: JSONValue,
        minReadySeconds: Int64,
        now: Date,
        state: SimulationState
    ) -> (available: Bool, availableAt: Date?) {
        guard let since = readySince(pod, state: state) else { return (false, nil) }
        let at = since.addingTimeInterval(TimeInterval(minReadySeconds))
        return minReadySeconds <= 0 || at <= now ? (true, nil) : (false, at)
    }

    /// Orders pods for deletion when scaling down, as the ReplicaSet controller ranks them: not ready before
    /// ready, then the most recently created first.
    static func deletionOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        let (leftReady, rightReady) = (isReady(lhs), isReady(rhs))
        if leftReady != rightReady { return !leftReady }
        let leftTime = lhs[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        let rightTime = rhs[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        if leftTime != rightTime { return leftTime > rightTime }
        return ObjectRules.name(of: lhs) > ObjectRules.name(of: rhs)
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
