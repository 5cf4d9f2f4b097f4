/// Network isolation for the platform, rendered as NetworkPolicies.
///
/// When enabled (the default), each operated datastore accepts connections only from its own members and from the
/// services that list it in `uses` (the security-group rule "RDS accessible only from the ECS security group");
/// each service accepts connections from the platform's other pods, and — if it has an Ingress — from the
/// Ingress controller's namespaces.
public struct PlatformNetworkPolicy: Codable, Sendable, Hashable {
    /// Whether policies are rendered; defaults to `true`.
    public var enabled: Bool?
    /// Namespaces allowed to reach services that have an Ingress, by name (e.g. `ingress-nginx`); absent allows
    /// every namespace to reach those services' ports.
    public var ingressNamespaces: [String]?
    /// Namespaces allowed to reach every pod's metrics port, e.g. `monitoring`.
    public var monitoringNamespaces: [String]?

    /// Creates network-policy settings.
    public init(enabled: Bool? = nil, ingressNamespaces: [String]? = nil, monitoringNamespaces: [String]? = nil) {
        self.enabled = enabled
        self.ingressNamespaces = ingressNamespaces
        self.monitoringNamespaces = monitoringNamespaces
    }
}
