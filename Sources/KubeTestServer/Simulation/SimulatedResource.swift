import KubeCore

/// The built-in resources the workload simulation reads and writes.
enum SimulatedResource {
    static let pods = type("", "pods")
    static let persistentVolumeClaims = type("", "persistentvolumeclaims")
    static let deployments = type("apps", "deployments")
    static let replicaSets = type("apps", "replicasets")
    static let statefulSets = type("apps", "statefulsets")
    static let jobs = type("batch", "jobs")
    static let horizontalPodAutoscalers = type("autoscaling", "horizontalpodautoscalers")

    /// The resources whose events the simulation reacts to.
    static let watched: [ResourceType] = [
        deployments, replicaSets, pods, statefulSets, jobs, horizontalPodAutoscalers,
    ]

    /// The kinds that own pods, by `ownerReferences[].kind`.
    static func podOwner(kind: String) -> ResourceType? {
        switch kind {
        case "ReplicaSet": replicaSets
        case "StatefulSet": statefulSets
        case "Job": jobs
        default: nil
        }
    }

    private static func type(_ group: String, _ plural: String) -> ResourceType {
        guard let type = BuiltInResources.types.first(where: { $0.group == group && $0.plural == plural }) else {
            preconditionFailure("the built-in resources lack \(plural)")
        }
        return type
    }
}
