/// Allowed traffic to and from a set of pods (networking.k8s.io/v1 `NetworkPolicy`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/>.
public struct NetworkPolicy: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "networking.k8s.io",
        version: "v1",
        kind: "NetworkPolicy",
        plural: "networkpolicies",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NetworkPolicySpec?

    public init(metadata: ObjectMeta, spec: NetworkPolicySpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// The pods a policy isolates and the traffic it allows (networking.k8s.io/v1 `NetworkPolicySpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec>.
public struct NetworkPolicySpec: Codable, Sendable, Hashable {
    /// The pods the policy applies to; an empty selector selects every pod in the namespace.
    public var podSelector: LabelSelector?
    /// Allowed incoming traffic; the union of all rules. An empty list allows nothing.
    public var ingress: [NetworkPolicyIngressRule]?
    /// Allowed outgoing traffic; the union of all rules. An empty list allows nothing.
    public var egress: [NetworkPolicyEgressRule]?
    /// `Ingress` and/or `Egress`: the directions the policy isolates.
    public var policyTypes: [String]?

    public init(
        podSelector: LabelSelector? = nil,
        ingress: [NetworkPolicyIngressRule]? = nil,
        egress: [NetworkPolicyEgressRule]? = nil,
        policyTypes: [String]? = nil
    ) {
        self.podSelector = podSelector
        self.ingress = ingress
        self.egress = egress
        self.policyTypes = policyTypes
    }
}

/// Traffic allowed in from some peers on some ports (networking.k8s.io/v1 `NetworkPolicyIngressRule`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec>.
public struct NetworkPolicyIngressRule: Codable, Sendable, Hashable {
    /// Absent or empty allows every port.
    public var ports: [NetworkPolicyPort]?
    /// Absent or empty allows every source.
    public var from: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.from = from
    }
}

/// Traffic allowed out to some peers on some ports (networking.k8s.io/v1 `NetworkPolicyEgressRule`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec>.
public struct NetworkPolicyEgressRule: Codable, Sendable, Hashable {
    /// Absent or empty allows every port.
    public var ports: [NetworkPolicyPort]?
    /// Absent or empty allows every destination.
    public var to: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, to: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.to = to
    }
}

/// A port or port range (networking.k8s.io/v1 `NetworkPolicyPort`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec>.
public struct NetworkPolicyPort: Codable, Sendable, Hashable {
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// A port number or named container port; absent means every port.
    public var port: IntOrString?
    /// The last port of a range starting at a numeric `port`.
    public var endPort: Int32?

    public init(protocol: String? = nil, port: IntOrString? = nil, endPort: Int32? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}

/// A set of pods, namespaces or IP addresses (networking.k8s.io/v1 `NetworkPolicyPeer`).
///
/// `podSelector` and `namespaceSelector` together select those pods in those namespaces.
/// See <https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors>.
public struct NetworkPolicyPeer: Codable, Sendable, Hashable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    /// Not combinable with the selectors.
    public var ipBlock: IPBlock?

    public init(podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

/// A CIDR range minus some sub-ranges (networking.k8s.io/v1 `IPBlock`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec>.
public struct IPBlock: Codable, Sendable, Hashable {
    /// E.g. `10.0.0.0/8`.
    public var cidr: String
    /// Sub-ranges of `cidr` to exclude.
    public var except: [String]?

    public init(cidr: String, except: [String]? = nil) {
        self.cidr = cidr
        self.except = except
    }
}
