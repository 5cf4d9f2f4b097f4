import KubeCore

extension MergeSchema {
    /// The merge semantics of the built-in kinds (core/v1, apps/v1, batch/v1, …), from the Go types'
    /// `+listType`/`+listMapKey`/`+structType`/`+mapType` tags as published in the OpenAPI document
    /// (<https://github.com/kubernetes/kubernetes/tree/master/api/openapi-spec>).
    ///
    /// Rules match a path by its last elements, so that a pod spec is described once for Pods, pod templates
    /// (`spec.template.spec`) and CronJobs (`spec.jobTemplate.spec.template.spec`):
    /// - `containers`, `initContainers`, `ephemeralContainers`, `env`, `volumes`, `imagePullSecrets`,
    ///   `resourceClaims`, `schedulingGates`, `resources.claims` by `name`; container `ports` by
    ///   `containerPort`+`protocol` and Service `spec.ports` by `port`+`protocol` (`protocol` defaults to `TCP`);
    ///   `volumeMounts` by `mountPath`; `volumeDevices` by `devicePath`; `hostAliases` by `ip`;
    ///   `topologySpreadConstraints` by `topologyKey`+`whenUnsatisfiable`; `status.conditions` by `type`;
    ///   `metadata.ownerReferences` by `uid`; `metadata.finalizers` is a set.
    /// - Label selectors (`selector`, `podSelector`, `namespaceSelector`, `labelSelector`) are atomic objects:
    ///   upstream `LabelSelector` carries `+structType=atomic`, so `matchLabels` is owned together with the
    ///   (always atomic) `matchExpressions`. `nodeSelector` and Service `spec.selector` are `+mapType=atomic`.
    /// - Every other list (`args`, `command`, `tolerations`, `matchExpressions`, …) is atomic; every other object
    ///   (`labels`, `annotations`, `resources.limits`, `data`, …) is granular.
    package static let builtIn = MergeSchema(
        listType: { path in BuiltInRules.listType(at: path) },
        isAtomicObject: { path in BuiltInRules.isAtomicObject(at: path) },
        keyDefaults: { path in BuiltInRules.keyDefaults(at: path) }
    )
}

/// The lookup tables behind ``MergeSchema/builtIn``.
private enum BuiltInRules {
    static let containerLists: Set<String> = ["containers", "initContainers", "ephemeralContainers"]

    static let byName: Set<String> = [
        "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets",
        "resourceClaims", "schedulingGates",
    ]

    static let atomicObjects: Set<String> = ["selector", "podSelector", "namespaceSelector", "labelSelector"]

    static func listType(at path: [String]) -> ListType {
        guard let last = path.last else { return .atomic }
        let parent = path.dropLast().last
        if last == "ports" {
            if let parent, containerLists.contains(parent) { return .map(keys: ["containerPort", "protocol"]) }
            if path == ["spec", "ports"] { return .map(keys: ["port", "protocol"]) }
            return .atomic
        }
        if last == "claims" && parent == "resources" { return .map(keys: ["name"]) }
        if last == "conditions" && parent == "status" { return .map(keys: ["type"]) }
        if last == "finalizers" && parent == "metadata" { return .set }
        if last == "ownerReferences" && parent == "metadata" { return .map(keys: ["uid"]) }
        if byName.contains(last) { return .map(keys: ["name"]) }
        switch last {
        case "volumeMounts": return .map(keys: ["mountPath"])
        case "volumeDevices": return .map(keys: ["devicePath"])
        case "hostAliases": return .map(keys: ["ip"])
        case "topologySpreadConstraints": return .map(keys: ["topologyKey", "whenUnsatisfiable"])
        default: return .atomic
        }
    }

    static func isAtomicObject(at path: [String]) -> Bool {
        guard let last = path.last else { return false }
        return atomicObjects.contains(last) || last == "nodeSelector"
    }

    static func keyDefaults(at path: [String]) -> JSONObject {
        path.last == "ports" ? ["protocol": "TCP"] : [:]
    }
}
