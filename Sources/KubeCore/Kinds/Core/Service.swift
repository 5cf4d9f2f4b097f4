/// A stable virtual address and DNS name for a set of pods (core/v1 `Service`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/>.
public struct Service: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Service",
        plural: "services",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta, spec: ServiceSpec? = nil, status: ServiceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a Service (core/v1 `ServiceSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec>.
public struct ServiceSpec: Codable, Sendable, Hashable {
    public var ports: [ServicePort]?
    /// Pod labels that select the endpoints; absent means endpoints are managed by someone else.
    public var selector: [String: String]?
    /// The virtual IP, allocated when absent; `None` makes a headless Service. Immutable.
    public var clusterIP: String?
    public var clusterIPs: [String]?
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    public var externalIPs: [String]?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?
    /// Session affinity settings, kept untyped (`SessionAffinityConfig`).
    public var sessionAffinityConfig: JSONValue?
    /// Deprecated: a requested load balancer IP.
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    /// The DNS name a `ExternalName` Service aliases.
    public var externalName: String?
    /// `Cluster` (default) or `Local`: whether external traffic may leave the receiving node.
    public var externalTrafficPolicy: String?
    /// `Cluster` (default) or `Local`, for traffic from inside the cluster.
    public var internalTrafficPolicy: String?
    public var healthCheckNodePort: Int32?
    /// Whether not-ready pods get DNS records and endpoints, as StatefulSet peers often need.
    public var publishNotReadyAddresses: Bool?
    /// `IPv4` and/or `IPv6`.
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    public var allocateLoadBalancerNodePorts: Bool?
    public var loadBalancerClass: String?
    /// A routing preference such as `PreferClose`.
    public var trafficDistribution: String?

    public init(
        ports: [ServicePort]? = nil,
        selector: [String: String]? = nil,
        clusterIP: String? = nil,
        clusterIPs: [String]? = nil,
        type: String? = nil,
        externalIPs: [String]? = nil,
        sessionAffinity: String? = nil,
        sessionAffinityConfig: JSONValue? = nil,
        loadBalancerIP: String? = nil,
        loadBalancerSourceRanges: [String]? = nil,
        externalName: String? = nil,
        externalTrafficPolicy: String? = nil,
        internalTrafficPolicy: String? = nil,
        healthCheckNodePort: Int32? = nil,
        publishNotReadyAddresses: Bool? = nil,
        ipFamilies: [String]? = nil,
        ipFamilyPolicy: String? = nil,
        allocateLoadBalancerNodePorts: Bool? = nil,
        loadBalancerClass: String? = nil,
        trafficDistribution: String? = nil
    ) {
        self.ports = ports
        self.selector = selector
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.type = type
        self.externalIPs = externalIPs
        self.sessionAffinity = sessionAffinity
        self.sessionAffinityConfig = sessionAffinityConfig
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.externalName = externalName
        self.externalTrafficPolicy = externalTrafficPolicy
        self.internalTrafficPolicy = internalTrafficPolicy
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.loadBalancerClass = loadBalancerClass
        self.trafficDistribution = trafficDistribution
    }
}

/// The observed state of a Service (core/v1 `ServiceStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceStatus>.
public struct ServiceStatus: Codable, Sendable, Hashable {
    public var loadBalancer: LoadBalancerStatus?
    public var conditions: [Condition]?

    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// The addresses of a Service's load balancer (core/v1 `LoadBalancerStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceStatus>.
public struct LoadBalancerStatus: Codable, Sendable, Hashable {
    public var ingress: [LoadBalancerIngress]?

    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One load balancer ingress point (core/v1 `LoadBalancerIngress`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceStatus>.
public struct LoadBalancerIngress: Codable, Sendable, Hashable {
    public var ip: String?
    public var hostname: String?
    /// `VIP` or `Proxy`.
    public var ipMode: String?
    public var ports: [PortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil, ports: [PortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }
}

/// The state of one load balancer port (core/v1 `PortStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceStatus>.
public struct PortStatus: Codable, Sendable, Hashable {
    public var port: Int32
    public var `protocol`: String
    /// A CamelCase error reason, absent when the port is fine.
    public var error: String?

    public init(port: Int32, protocol: String, error: String? = nil) {
        self.port = port
        self.protocol = `protocol`
        self.error = error
    }
}
