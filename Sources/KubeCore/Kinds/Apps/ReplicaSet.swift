/// A set of identical pods kept at a count; Deployments create one per pod template (apps/v1 `ReplicaSet`).
///
/// A Deployment's old ReplicaSets keep their pod template (scaled to 0, up to `revisionHistoryLimit` of them), which
/// is what a rollback reads. See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/replica-set-v1/>.
public struct ReplicaSet: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps",
        version: "v1",
        kind: "ReplicaSet",
        plural: "replicasets",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec?
    public var status: ReplicaSetStatus?

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec? = nil, status: ReplicaSetStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a ReplicaSet (apps/v1 `ReplicaSetSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/replica-set-v1/#ReplicaSetSpec>.
public struct ReplicaSetSpec: Codable, Sendable, Hashable {
    /// The desired number of pods; defaults to 1.
    public var replicas: Int32?
    /// Seconds a new pod must be ready, without crashing, to count as available.
    public var minReadySeconds: Int32?
    /// Selects the pods this ReplicaSet counts; must match the template's labels. A Deployment adds
    /// `pod-template-hash`.
    public var selector: LabelSelector
    /// The pods it creates; a Deployment's ReplicaSet carries the Deployment's template at the time it was created.
    public var template: PodTemplateSpec?

    public init(
        replicas: Int32? = nil,
        minReadySeconds: Int32? = nil,
        selector: LabelSelector,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a ReplicaSet (apps/v1 `ReplicaSetStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/replica-set-v1/#ReplicaSetStatus>.
public struct ReplicaSetStatus: Codable, Sendable, Hashable {
    /// Non-terminating pods it owns.
    public var replicas: Int32
    /// Pods whose labels match the template's.
    public var fullyLabeledReplicas: Int32?
    /// Pods whose `Ready` condition is `True`.
    public var readyReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// Pods being terminated.
    public var terminatingReplicas: Int32?
    /// The `metadata.generation` the controller last acted on.
    public var observedGeneration: Int64?
    /// E.g. `ReplicaFailure`.
    public var conditions: [Condition]?

    public init(
        replicas: Int32,
        fullyLabeledReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        observedGeneration: Int64? = nil,
        conditions: [Condition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}
