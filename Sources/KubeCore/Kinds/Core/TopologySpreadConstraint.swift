/// Spreads matching pods evenly across topology domains such as zones or nodes (core/v1 `TopologySpreadConstraint`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/>.
public struct TopologySpreadConstraint: Codable, Sendable, Hashable {
    /// The largest allowed difference in matching pods between two domains.
    public var maxSkew: Int32
    /// The node label whose values define the domains, e.g. `topology.kubernetes.io/zone`.
    public var topologyKey: String
    /// `DoNotSchedule` or `ScheduleAnyway`.
    public var whenUnsatisfiable: String
    /// Selects the pods counted in each domain.
    public var labelSelector: LabelSelector?
    /// The minimum number of eligible domains; fewer domains count as having zero matching pods.
    public var minDomains: Int32?
    /// `Honor` or `Ignore`: whether the pod's node affinity limits the domains considered.
    public var nodeAffinityPolicy: String?
    /// `Honor` or `Ignore`: whether node taints limit the domains considered.
    public var nodeTaintsPolicy: String?
    /// Pod label keys whose values are added to `labelSelector`, e.g. `pod-template-hash`.
    public var matchLabelKeys: [String]?

    public init(
        maxSkew: Int32,
        topologyKey: String,
        whenUnsatisfiable: String,
        labelSelector: LabelSelector? = nil,
        minDomains: Int32? = nil,
        nodeAffinityPolicy: String? = nil,
        nodeTaintsPolicy: String? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }
}
