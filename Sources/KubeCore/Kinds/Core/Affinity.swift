/// Scheduling constraints relative to node labels and to other pods (core/v1 `Affinity`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity>.
public struct Affinity: Codable, Sendable, Hashable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAntiAffinity?

    public init(
        nodeAffinity: NodeAffinity? = nil,
        podAffinity: PodAffinity? = nil,
        podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// Constraints on the labels of the node a pod runs on (core/v1 `NodeAffinity`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity>.
public struct NodeAffinity: Codable, Sendable, Hashable {
    /// A hard requirement: the pod is not scheduled onto a node that does not match.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Soft preferences, summed by weight for every node.
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// A set of node selector terms, any one of which must match (core/v1 `NodeSelector`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#NodeSelector>.
public struct NodeSelector: Codable, Sendable, Hashable {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm]) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

/// Requirements on node labels and fields, all of which must match (core/v1 `NodeSelectorTerm`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#NodeSelector>.
public struct NodeSelectorTerm: Codable, Sendable, Hashable {
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on node fields such as `metadata.name`.
    public var matchFields: [NodeSelectorRequirement]?

    public init(
        matchExpressions: [NodeSelectorRequirement]? = nil,
        matchFields: [NodeSelectorRequirement]? = nil
    ) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// A key, an operator and values (core/v1 `NodeSelectorRequirement`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#NodeSelector>.
public struct NodeSelectorRequirement: Codable, Sendable, Hashable {
    public var key: String
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// A weighted soft node preference (core/v1 `PreferredSchedulingTerm`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity-weight>.
public struct PreferredSchedulingTerm: Codable, Sendable, Hashable {
    /// From 1 to 100.
    public var weight: Int32
    public var preference: NodeSelectorTerm

    public init(weight: Int32, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}

/// Rules that co-locate a pod with other pods in the same topology domain (core/v1 `PodAffinity`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity>.
public struct PodAffinity: Codable, Sendable, Hashable {
    /// Hard requirements, all of which must hold at scheduling time.
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft preferences, summed by weight for every node.
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// Rules that keep a pod away from other pods in the same topology domain (core/v1 `PodAntiAffinity`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity>.
public struct PodAntiAffinity: Codable, Sendable, Hashable {
    /// Hard requirements, all of which must hold at scheduling time.
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    /// Soft preferences, summed by weight for every node.
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// The pods a (anti-)affinity rule refers to and the topology domain it applies in (core/v1 `PodAffinityTerm`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodAffinityTerm>.
public struct PodAffinityTerm: Codable, Sendable, Hashable {
    public var labelSelector: LabelSelector?
    /// Namespaces to look in; absent with no `namespaceSelector` means the pod's own namespace.
    public var namespaces: [String]?
    /// The node label whose value defines a domain, e.g. `kubernetes.io/hostname`.
    public var topologyKey: String
    /// Selects namespaces to look in; an empty selector means every namespace.
    public var namespaceSelector: LabelSelector?
    /// Pod label keys whose values are added to `labelSelector` with `In`.
    public var matchLabelKeys: [String]?
    /// Pod label keys whose values are added to `labelSelector` with `NotIn`.
    public var mismatchLabelKeys: [String]?

    public init(
        labelSelector: LabelSelector? = nil,
        namespaces: [String]? = nil,
        topologyKey: String,
        namespaceSelector: LabelSelector? = nil,
        matchLabelKeys: [String]? = nil,
        mismatchLabelKeys: [String]? = nil
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }
}

/// A weighted soft pod (anti-)affinity preference (core/v1 `WeightedPodAffinityTerm`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#affinity>.
public struct WeightedPodAffinityTerm: Codable, Sendable, Hashable {
    /// From 1 to 100.
    public var weight: Int32
    public var podAffinityTerm: PodAffinityTerm

    public init(weight: Int32, podAffinityTerm: PodAffinityTerm) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }
}
