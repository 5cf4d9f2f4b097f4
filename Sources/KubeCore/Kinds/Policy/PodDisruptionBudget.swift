/// Limits voluntary disruptions, such as drains, of a set of pods (policy/v1 `PodDisruptionBudget`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/>.
public struct PodDisruptionBudget: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "policy",
        version: "v1",
        kind: "PodDisruptionBudget",
        plural: "poddisruptionbudgets",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodDisruptionBudgetSpec?
    public var status: PodDisruptionBudgetStatus?

    public init(
        metadata: ObjectMeta,
        spec: PodDisruptionBudgetSpec? = nil,
        status: PodDisruptionBudgetStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired disruption budget (policy/v1 `PodDisruptionBudgetSpec`); set `minAvailable` or `maxUnavailable`.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/>.
public struct PodDisruptionBudgetSpec: Codable, Sendable, Hashable {
    /// Pods that must stay available after an eviction, a count or a percentage.
    public var minAvailable: IntOrString?
    /// Pods that may be unavailable after an eviction, a count or a percentage.
    public var maxUnavailable: IntOrString?
    /// The pods covered; an empty selector selects every pod in the namespace.
    public var selector: LabelSelector?
    /// `IfHealthyBudget` (default) or `AlwaysAllow`: whether unhealthy running pods may be evicted regardless.
    public var unhealthyPodEvictionPolicy: String?

    public init(
        minAvailable: IntOrString? = nil,
        maxUnavailable: IntOrString? = nil,
        selector: LabelSelector? = nil,
        unhealthyPodEvictionPolicy: String? = nil
    ) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
        self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
    }
}

/// The observed state of a disruption budget (policy/v1 `PodDisruptionBudgetStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/pod-disruption-budget-v1/>.
public struct PodDisruptionBudgetStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    /// Pods whose eviction was approved but not yet observed, with the approval time.
    public var disruptedPods: [String: Time]?
    /// How many more pods may be disrupted now.
    public var disruptionsAllowed: Int32?
    public var currentHealthy: Int32?
    public var desiredHealthy: Int32?
    /// Pods counted by the budget.
    public var expectedPods: Int32?
    /// `DisruptionAllowed`.
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil,
        disruptedPods: [String: Time]? = nil,
        disruptionsAllowed: Int32? = nil,
        currentHealthy: Int32? = nil,
        desiredHealthy: Int32? = nil,
        expectedPods: Int32? = nil,
        conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.disruptedPods = disruptedPods
        self.disruptionsAllowed = disruptionsAllowed
        self.currentHealthy = currentHealthy
        self.desiredHealthy = desiredHealthy
        self.expectedPods = expectedPods
        self.conditions = conditions
    }
}
