/// Recommends, and optionally applies, container resource requests (autoscaling.k8s.io/v1 `VerticalPodAutoscaler`).
///
/// A custom resource installed with the Kubernetes autoscaler's VPA components, not part of core Kubernetes.
/// See <https://github.com/kubernetes/autoscaler/tree/master/vertical-pod-autoscaler>.
public struct VerticalPodAutoscaler: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "autoscaling.k8s.io",
        version: "v1",
        kind: "VerticalPodAutoscaler",
        plural: "verticalpodautoscalers",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: VerticalPodAutoscalerSpec?
    public var status: VerticalPodAutoscalerStatus?

    public init(
        metadata: ObjectMeta,
        spec: VerticalPodAutoscalerSpec? = nil,
        status: VerticalPodAutoscalerStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired behaviour of a VPA (autoscaling.k8s.io/v1 `VerticalPodAutoscalerSpec`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct VerticalPodAutoscalerSpec: Codable, Sendable, Hashable {
    /// The controller (Deployment, StatefulSet, …) whose pods are sized.
    public var targetRef: CrossVersionObjectReference?
    public var updatePolicy: PodUpdatePolicy?
    public var resourcePolicy: PodResourcePolicy?
    /// The recommenders to use; absent means the default recommender.
    public var recommenders: [VerticalPodAutoscalerRecommenderSelector]?

    public init(
        targetRef: CrossVersionObjectReference? = nil,
        updatePolicy: PodUpdatePolicy? = nil,
        resourcePolicy: PodResourcePolicy? = nil,
        recommenders: [VerticalPodAutoscalerRecommenderSelector]? = nil
    ) {
        self.targetRef = targetRef
        self.updatePolicy = updatePolicy
        self.resourcePolicy = resourcePolicy
        self.recommenders = recommenders
    }
}

/// Whether and how recommendations are applied to pods (autoscaling.k8s.io/v1 `PodUpdatePolicy`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct PodUpdatePolicy: Codable, Sendable, Hashable {
    /// `Off`, `Initial`, `Recreate`, `InPlaceOrRecreate` or `Auto` (default).
    public var updateMode: String?
    /// The fewest live replicas required before the updater evicts a pod.
    public var minReplicas: Int32?
    /// Conditions on resource changes that allow eviction, kept untyped (`[EvictionRequirement]`).
    public var evictionRequirements: JSONValue?

    public init(updateMode: String? = nil, minReplicas: Int32? = nil, evictionRequirements: JSONValue? = nil) {
        self.updateMode = updateMode
        self.minReplicas = minReplicas
        self.evictionRequirements = evictionRequirements
    }
}

/// Per-container limits on recommendations (autoscaling.k8s.io/v1 `PodResourcePolicy`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct PodResourcePolicy: Codable, Sendable, Hashable {
    public var containerPolicies: [ContainerResourcePolicy]?

    public init(containerPolicies: [ContainerResourcePolicy]? = nil) {
        self.containerPolicies = containerPolicies
    }
}

/// Limits on the recommendations for one container (autoscaling.k8s.io/v1 `ContainerResourcePolicy`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct ContainerResourcePolicy: Codable, Sendable, Hashable {
    /// The container name, or `*` for every container without its own policy.
    public var containerName: String?
    /// `Auto` (default) or `Off`.
    public var mode: String?
    /// The smallest recommendation per resource.
    public var minAllowed: [String: Quantity]?
    /// The largest recommendation per resource.
    public var maxAllowed: [String: Quantity]?
    /// The resources recommended for; defaults to `cpu` and `memory`.
    public var controlledResources: [String]?
    /// `RequestsAndLimits` (default) or `RequestsOnly`.
    public var controlledValues: String?

    public init(
        containerName: String? = nil,
        mode: String? = nil,
        minAllowed: [String: Quantity]? = nil,
        maxAllowed: [String: Quantity]? = nil,
        controlledResources: [String]? = nil,
        controlledValues: String? = nil
    ) {
        self.containerName = containerName
        self.mode = mode
        self.minAllowed = minAllowed
        self.maxAllowed = maxAllowed
        self.controlledResources = controlledResources
        self.controlledValues = controlledValues
    }
}

/// Names a recommender (autoscaling.k8s.io/v1 `VerticalPodAutoscalerRecommenderSelector`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct VerticalPodAutoscalerRecommenderSelector: Codable, Sendable, Hashable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}

/// The observed state of a VPA (autoscaling.k8s.io/v1 `VerticalPodAutoscalerStatus`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct VerticalPodAutoscalerStatus: Codable, Sendable, Hashable {
    public var recommendation: RecommendedPodResources?
    /// `RecommendationProvided`, `LowConfidence`, `NoPodsMatched`, `FetchingHistory` and `ConfigUnsupported`.
    public var conditions: [Condition]?

    public init(recommendation: RecommendedPodResources? = nil, conditions: [Condition]? = nil) {
        self.recommendation = recommendation
        self.conditions = conditions
    }
}

/// The recommended resources of a pod (autoscaling.k8s.io/v1 `RecommendedPodResources`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct RecommendedPodResources: Codable, Sendable, Hashable {
    public var containerRecommendations: [RecommendedContainerResources]?

    public init(containerRecommendations: [RecommendedContainerResources]? = nil) {
        self.containerRecommendations = containerRecommendations
    }
}

/// The recommended resources of one container (autoscaling.k8s.io/v1 `RecommendedContainerResources`).
///
/// See <https://github.com/kubernetes/autoscaler/blob/master/vertical-pod-autoscaler/docs/api.md>.
public struct RecommendedContainerResources: Codable, Sendable, Hashable {
    public var containerName: String?
    /// The recommended requests, within the policy's bounds.
    public var target: [String: Quantity]?
    /// The minimum requests that are still reasonable.
    public var lowerBound: [String: Quantity]?
    /// The maximum requests that are still reasonable.
    public var upperBound: [String: Quantity]?
    /// The recommendation before the policy's `minAllowed`/`maxAllowed` were applied.
    public var uncappedTarget: [String: Quantity]?

    public init(
        containerName: String? = nil,
        target: [String: Quantity]? = nil,
        lowerBound: [String: Quantity]? = nil,
        upperBound: [String: Quantity]? = nil,
        uncappedTarget: [String: Quantity]? = nil
    ) {
        self.containerName = containerName
        self.target = target
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.uncappedTarget = uncappedTarget
    }
}
