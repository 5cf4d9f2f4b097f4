import Foundation
import KubeCore

extension DeploymentController {
    /// The parts of a Deployment's spec the controller acts on, with the API defaults applied.
    struct Settings {
        var replicas: Int64
        var isRecreate: Bool
        var maxSurge: Int64
        var maxUnavailable: Int64
        var minReadySeconds: Int64
        /// `nil` when `progressDeadlineSeconds` is MaxInt32 (no deadline).
        var progressDeadlineSeconds: Int64?
        var revisionHistoryLimit: Int64
        var paused: Bool

        init(_ deployment: JSONValue) {
            let spec = deployment["spec"] ?? [:]
            replicas = spec["replicas"]?.integerValue ?? 1
            isRecreate = spec[path: ["strategy", "type"]]?.stringValue == "Recreate"
            let rolling = spec[path: ["strategy", "rollingUpdate"]]
            // ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 means 1 unavailable.
            var surge = Self.scaled(rolling?["maxSurge"] ?? "25%", total: replicas, roundUp: true)
            var unavailable = Self.scaled(rolling?["maxUnavailable"] ?? "25%", total: replicas, roundUp: false)
            if surge == 0 && unavailable == 0 { unavailable = 1 }
            if isRecreate { (surge, unavailable) = (0, 0) }
            maxSurge = surge
            // MaxUnavailable(): never more than the replicas, 0 for Recreate or no replicas.
            maxUnavailable = replicas == 0 ? 0 : min(unavailable, replicas)
            minReadySeconds = spec["minReadySeconds"]?.integerValue ?? 0
            let deadline = spec["progressDeadlineSeconds"]?.integerValue ?? 600
            progressDeadlineSeconds = deadline == Int64(Int32.max) ? nil : deadline
            revisionHistoryLimit = spec["revisionHistoryLimit"]?.integerValue ?? 10
            paused = spec["paused"]?.boolValue ?? false
        }

        /// `GetScaledValueFromIntOrPercent`: an integer, or a percentage of `total` rounded up or down.
        static func scaled(_ value: JSONValue, total: Int64, roundUp: Bool) -> Int64 {
            if let integer = value.integerValue { return integer }
            guard let text = value.stringValue, text.hasSuffix("%"), let percent = Int64(text.dropLast()) else {
                return 0
            }
            let product = percent * total
            return roundUp ? (product + 99) / 100 : product / 100
        }
    }

    // MARK: Status

    /// `calculateStatus`: counts from the ReplicaSets and the `Available` condition; other conditions are kept.
    static func calculateStatus(
        deployment: JSONValue,
        all: [JSONValue],
        newReplicaSet: JSONValue?,
        conditions: [JSONValue],
        settings: Settings,
        now: String
    ) -> JSONValue {
        func sum(_ sets: [JSONValue], _ path: [String]) -> Int64 {
            sets.reduce(0) { $0 + ($1[path: path]?.integerValue ?? 0) }
        }
        let available = sum(all, ["status", "availableReplicas"])
        let total = sum(all, ["spec", "replicas"])
        var status: JSONValue = ["observedGeneration": deployment[path: ["metadata", "generation"]] ?? 1]
        let counts: [(String, Int64)] = [
            ("replicas", sum(all, ["status", "replicas"])),
            ("updatedReplicas", newReplicaSet.map { sum([$0], ["status", "replicas"]) } ?? 0),
            ("readyReplicas", sum(all, ["status", "readyReplicas"])),
            ("availableReplicas", available),
            ("unavailableReplicas", max(0, total - available)),
        ]
        for (field, value) in counts where value != 0 { status[field] = .integer(value) }
        if let collisions = deployment[path: ["status", "collisionCount"]] { status["collisionCount"] = collisions }
        var conditions = conditions
        if available >= settings.replicas - settings.maxUnavailable {
            setCondition(
                &conditions,
                make(
                    "Available",
                    "True",
                    reason: "MinimumReplicasAvailable",
                    "Deployment has minimum availability.",
                    now
                )
            )
        } else {
            setCondition(
                &conditions,
                make(
                    "Available",
                    "False",
                    reason: "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.",
                    now
                )
            )
        }
        status["conditions"] = .array(conditions)
        return status
    }

    /// `syncRolloutStatus`: the `Progressing` condition from the new status compared with the stored one.
    static func progressing(
        deployment: JSONValue,
        newStatus: JSONValue,
        newReplicaSet: JSONValue?,
        settings: Settings,
        now: Date
    ) -> JSONValue {
        var status = newStatus
        var conditions = status["conditions"]?.arrayValue ?? []
        guard settings.progressDeadlineSeconds != nil else {
            conditions.removeAll { $0["type"] == "Progressing" }
            status["conditions"] = .array(conditions)
            return status
        }
        let time = Time(now).description
        let current = condition("Progressing", in: conditions)
        let counts = Counts(status)
        let isComplete = counts.replicas == counts.updated && current?["reason"] == "NewReplicaSetAvailable"
        guard !isComplete else { return status }
        let subject =
            newReplicaSet.map { "ReplicaSet \"\(ObjectRules.name(of: $0))\"" }
            ?? "Deployment \"\(ObjectRules.name(of: deployment))\""
        let old = Counts(deployment["status"] ?? [:])
        if isDeploymentComplete(deployment, counts: counts, settings: settings) {
            setCondition(
                &conditions,
                make(
                    "Progressing",
                    "True",
                    reason: "NewReplicaSetAvailable",
                    "\(subject) has successfully progressed.",
                    time
                )
            )
        } else if counts.updated > old.updated || counts.replicas - counts.updated < old.replicas - old.updated
            || counts.ready > old.ready || counts.available > old.available
        {
            var progressing = make(
                "Progressing",
                "True",
                reason: "ReplicaSetUpdated",
                "\(subject) is progressing.",
                time
            )
            if let current {
                if current["status"] == "True" { progressing["lastTransitionTime"] = current["lastTransitionTime"] }
                conditions.removeAll { $0["type"] == "Progressing" }
            }
            setCondition(&conditions, progressing)
        } else if isTimedOut(current, settings: settings, now: now) {
            setCondition(
                &conditions,
                make(
                    "Progressing",
                    "False",
                    reason: "ProgressDeadlineExceeded",
                    "\(subject) has timed out progressing.",
                    time
                )
            )
        }
        status["conditions"] = .array(conditions)
        return status
    }

    /// `DeploymentComplete`: every replica updated and available, and the latest generation observed.
    static func isDeploymentComplete(_ deployment: JSONValue, counts: Counts, settings: Settings) -> Bool {
        let generation = deployment[path: ["metadata", "generation"]]?.integerValue ?? 1
        return counts.updated == settings.replicas && counts.replicas == settings.replicas
            && counts.available == settings.replicas && counts.observedGeneration >= generation
    }

    /// `DeploymentTimedOut`: the Progressing condition was last updated more than the deadline ago.
    static func isTimedOut(_ progressing: JSONValue?, settings: Settings, now: Date) -> Bool {
        guard let deadline = settings.progressDeadlineSeconds, let progressing else { return false }
        switch progressing["reason"]?.stringValue {
        case "NewReplicaSetAvailable": return false
        case "ProgressDeadlineExceeded": return true
        default: break
        }
        guard let from = progressing["lastUpdateTime"]?.stringValue.flatMap(Time.parse) else { return false }
        return from.addingTimeInterval(TimeInterval(deadline)) < now
    }

    /// When a sync must look at the progress deadline again, if one is running.
    static func deadlineCheck(_ status: JSONValue, settings: Settings) -> Date? {
        guard let deadline = settings.progressDeadlineSeconds,
            let progressing = condition("Progressing", in: status["conditions"]?.arrayValue ?? []),
            progressing["status"] == "True", progressing["reason"] != "NewReplicaSetAvailable",
            let from = progressing["lastUpdateTime"]?.stringValue.flatMap(Time.parse)
        else { return nil }
        return from.addingTimeInterval(TimeInterval(deadline) + 0.05)
    }

    /// The replica counts of a Deployment status.
    struct Counts {
        var replicas: Int64
        var updated: Int64
        var ready: Int64
        var available: Int64
        var observedGeneration: Int64

        init(_ status: JSONValue) {
            replicas = status["replicas"]?.integerValue ?? 0
            updated = status["updatedReplicas"]?.integerValue ?? 0
            ready = status["readyReplicas"]?.integerValue ?? 0
            available = status["availableReplicas"]?.integerValue ?? 0
            observedGeneration = status["observedGeneration"]?.integerValue ?? 0
        }
    }

    // MARK: Conditions

    static func condition(_ type: String, in conditions: [JSONValue]) -> JSONValue? {
        conditions.first { $0["type"]?.stringValue == type }
    }

    /// `NewDeploymentCondition`: both times now.
    static func make(_ type: String, _ status: String, reason: String, _ message: String, _ now: String) -> JSONValue {
        [
            "type": .string(type), "status": .string(status), "lastUpdateTime": .string(now),
            "lastTransitionTime": .string(now), "reason": .string(reason), "message": .string(message),
        ]
    }

    /// `SetDeploymentCondition`: no change when status and reason are the same; the transition time is kept while
    /// the status is; the condition moves to the end.
    static func setCondition(_ conditions: inout [JSONValue], _ new: JSONValue) {
        var new = new
        if let current = condition(new["type"]?.stringValue ?? "", in: conditions) {
            if current["status"] == new["status"] && current["reason"] == new["reason"] { return }
            if current["status"] == new["status"] { new["lastTransitionTime"] = current["lastTransitionTime"] }
        }
        conditions.removeAll { $0["type"] == new["type"] }
        conditions.append(new)
    }
}
