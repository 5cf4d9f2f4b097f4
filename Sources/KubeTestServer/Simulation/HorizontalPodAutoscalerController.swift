import Foundation
import KubeCore

/// The simulated HorizontalPodAutoscaler controller (`pkg/controller/podautoscaler`, autoscaling/v2) for targets
/// that are Deployments or StatefulSets.
///
/// The desired count is the recommendation set with
/// ``WorkloadSimulation/setHorizontalPodAutoscalerRecommendation(namespace:name:replicas:)`` (standing in for
/// metrics), or else the target's current `spec.replicas` (so the count only moves into range), clamped to
/// `minReplicas` (default 1) … `maxReplicas`.
/// Like the real controller it writes the target's replicas through the `scale` subresource, so the target's
/// `managedFields` gain an entry for `kube-controller-manager` with subresource `scale`. Not modelled: metrics,
/// `behavior` (stabilization windows and scaling policies: the desired count is applied at once), and targets
/// of other kinds.
enum HorizontalPodAutoscalerController {
    static func targetKey(of autoscaler: JSONValue) -> WorkloadKey? {
        let reference = autoscaler[path: ["spec", "scaleTargetRef"]]
        guard let name = reference?["name"]?.stringValue else { return nil }
        let namespace = ObjectRules.namespace(of: autoscaler)
        switch reference?["kind"]?.stringValue {
        case "Deployment":
            return WorkloadKey(SimulatedResource.deployments.groupResource, namespace: namespace, name: name)
        case "StatefulSet":
            return WorkloadKey(SimulatedResource.statefulSets.groupResource, namespace: namespace, name: name)
        default: return nil
        }
    }

    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {
        guard let autoscaler = store.stored(key), !ObjectRules.isBeingDeleted(autoscaler) else { return }
        let time = Time(store.now()).description
        let minimum = autoscaler[path: ["spec", "minReplicas"]]?.integerValue ?? 1
        let maximum = autoscaler[path: ["spec", "maxReplicas"]]?.integerValue ?? minimum
        var status = autoscaler["status"] ?? [:]
        var conditions = status["conditions"]?.arrayValue ?? []
        guard let targetKey = targetKey(of: autoscaler), let target = store.stored(targetKey) else {
            let reference = autoscaler[path: ["spec", "scaleTargetRef"]]
            let kind = reference?["kind"]?.stringValue ?? ""
            let resource =
                kind == "StatefulSet" ? "statefulsets.apps" : kind == "Deployment" ? "deployments.apps" : kind
            let message =
                "the HPA controller was unable to get the target's current scale: \(resource) "
                + "\"\(reference?["name"]?.stringValue ?? "")\" not found"
            setCondition(&conditions, make("AbleToScale", "False", reason: "FailedGetScale", message, time))
            status["conditions"] = .array(conditions)
            write(status, to: autoscaler, in: store)
            return
        }
        let current = target[path: ["spec", "replicas"]]?.integerValue ?? 1
        // `currentReplicas` is omitted when 0 (omitempty); a nil literal here must remove the member, not store null.
        status["currentReplicas"] = current == 0 ? JSONValue?.none : .integer(current)
        if current == 0 && minimum != 0 {
            status["desiredReplicas"] = 0
            setCondition(
                &conditions,
                make(
                    "ScalingActive",
                    "False",
                    reason: "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero",
                    time
                )
            )
            status["conditions"] = .array(conditions)
            write(status, to: autoscaler, in: store)
            return
        }
        let wanted = state.recommendations[key].map(Int64.init) ?? current
        let desired = min(max(wanted, minimum), maximum)
        setCondition(
            &conditions,
            make(
                "ScalingActive",
                "True",
                reason: "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from the simulated recommendation",
                time
            )
        )
        if wanted > maximum {
            setCondition(
                &conditions,
                make(
                    "ScalingLimited",
                    "True",
                    reason: "TooManyReplicas",
                    "the desired replica count is more than the maximum replica count",
                    time
                )
            )
        } else if wanted < minimum {
            setCondition(
                &conditions,
                make(
                    "ScalingLimited",
                    "True",
                    reason: "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count",
                    time
                )
            )
        } else {
            setCondition(
                &conditions,
                make(
                    "ScalingLimited",
                    "False",
                    reason: "DesiredWithinRange",
                    "the desired count is within the acceptable range",
                    time
                )
            )
        }
        if desired != current, let type = type(of: targetKey) {
            var scaled = target
            scaled[path: ["spec", "replicas"]] = .integer(desired)
            SimulatedWrite.update(type, old: target, new: scaled, subresource: "scale", in: store)
            status["lastScaleTime"] = .string(time)
            setCondition(
                &conditions,
                make(
                    "AbleToScale",
                    "True",
                    reason: "SucceededRescale",
                    "the HPA controller was able to update the target scale to \(desired)",
                    time
                )
            )
        } else {
            setCondition(
                &conditions,
                make("AbleToScale", "True", reason: "ReadyForNewScale", "recommended size matches current size", time)
            )
        }
        status["desiredReplicas"] = .integer(desired)
        status["conditions"] = .array(sorted(conditions))
        write(status, to: autoscaler, in: store)
    }

    private static func type(of key: WorkloadKey) -> ResourceType? {
        [SimulatedResource.deployments, SimulatedResource.statefulSets].first { $0.groupResource == key.resource }
    }

    private static func write(_ status: JSONValue, to autoscaler: JSONValue, in store: isolated ObjectStore) {
        guard status != autoscaler["status"] else { return }
        SimulatedWrite.updateStatus(
            SimulatedResource.horizontalPodAutoscalers,
            old: autoscaler,
            status: status,
            in: store
        )
    }

    /// AbleToScale, ScalingActive, ScalingLimited: the order the controller reports them in.
    private static func sorted(_ conditions: [JSONValue]) -> [JSONValue] {
        let order = ["AbleToScale", "ScalingActive", "ScalingLimited"]
        return conditions.sorted {
            (order.firstIndex(of: $0["type"]?.stringValue ?? "") ?? 9)
                < (order.firstIndex(of: $1["type"]?.stringValue ?? "") ?? 9)
        }
    }

    private static func make(
        _ type: String,
        _ status: String,
        reason: String,
        _ message: String,
        _ now: String
    ) -> JSONValue {
        [
            "type": .string(type), "status": .string(status), "lastTransitionTime": .string(now),
            "reason": .string(reason), "message": .string(message),
        ]
    }

    /// Replaces a condition, keeping `lastTransitionTime` while the status stays the same.
    private static func setCondition(_ conditions: inout [JSONValue], _ new: JSONValue) {
        var new = new
        if let index = conditions.firstIndex(where: { $0["type"] == new["type"] }) {
            if conditions[index]["status"] == new["status"] {
                new["lastTransitionTime"] = conditions[index]["lastTransitionTime"]
            }
            conditions[index] = new
        } else {
            conditions.append(new)
        }
    }
}
