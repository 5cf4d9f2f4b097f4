/// Declarative updates for stateless pods through ReplicaSets (apps/v1 `Deployment`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/>.
public struct Deployment: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps",
        version: "v1",
        kind: "Deployment",
        plural: "deployments",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec?
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta, spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a Deployment (apps/v1 `DeploymentSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/#DeploymentSpec>.
public struct DeploymentSpec: Codable, Sendable, Hashable {
    /// The desired number of pods; defaults to 1. Leave unset when an autoscaler owns it.
    public var replicas: Int32?
    /// Selects the pods this Deployment owns; must match the template's labels and is immutable.
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var strategy: DeploymentStrategy?
    /// Seconds a new pod must be ready, without crashing, to count as available.
    public var minReadySeconds: Int32?
    /// Old ReplicaSets kept for rollback; defaults to 10.
    public var revisionHistoryLimit: Int32?
    /// Whether rollouts are paused.
    public var paused: Bool?
    /// Seconds without progress before the `Progressing` condition turns `False`; defaults to 600.
    public var progressDeadlineSeconds: Int32?

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec? = nil,
        strategy: DeploymentStrategy? = nil,
        minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil,
        progressDeadlineSeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

/// How a Deployment replaces old pods with new ones (apps/v1 `DeploymentStrategy`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy>.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String?
    /// Only for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// The pace of a rolling update (apps/v1 `RollingUpdateDeployment`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment>.
public struct RollingUpdateDeployment: Codable, Sendable, Hashable {
    /// Pods that may be unavailable during the update, a count or a percentage rounded down; defaults to `25%`.
    public var maxUnavailable: IntOrString?
    /// Pods that may exist above `replicas`, a count or a percentage rounded up; defaults to `25%`.
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// The observed state of a Deployment (apps/v1 `DeploymentStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/#DeploymentStatus>.
public struct DeploymentStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` the controller last acted on; compare before trusting the counts.
    public var observedGeneration: Int64?
    /// Non-terminating pods targeted by this Deployment.
    public var replicas: Int32?
    /// Non-terminating pods with the current template.
    public var updatedReplicas: Int32?
    /// Pods whose `Ready` condition is `True`.
    public var readyReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// Pods still needed for 100% availability: `replicas` minus `availableReplicas`, at least 0.
    public var unavailableReplicas: Int32?
    /// Pods being terminated.
    public var terminatingReplicas: Int32?
    /// `Available`, `Progressing` and `ReplicaFailure`.
    public var conditions: [DeploymentCondition]?
    /// Used to avoid ReplicaSet name hash collisions.
    public var collisionCount: Int32?

    public init(
        observedGeneration: Int64? = nil,
        replicas: Int32? = nil,
        updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        conditions: [DeploymentCondition]? = nil,
        collisionCount: Int32? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }
}

/// A condition of a Deployment (apps/v1 `DeploymentCondition`), which carries `lastUpdateTime`.
///
/// See <https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status>.
public struct DeploymentCondition: Codable, Sendable, Hashable {
    /// `Available`, `Progressing` or `ReplicaFailure`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// When the condition was last updated, even without a status change.
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    /// E.g. `NewReplicaSetAvailable`, `ProgressDeadlineExceeded`, `MinimumReplicasAvailable`.
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: String,
        lastUpdateTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
