/// HTTP(S) routing from outside the cluster to Services (networking.k8s.io/v1 `Ingress`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/>.
public struct Ingress: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "networking.k8s.io",
        version: "v1",
        kind: "Ingress",
        plural: "ingresses",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: IngressSpec?
    public var status: IngressStatus?

    public init(metadata: ObjectMeta, spec: IngressSpec? = nil, status: IngressStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired routing of an Ingress (networking.k8s.io/v1 `IngressSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressSpec>.
public struct IngressSpec: Codable, Sendable, Hashable {
    /// The IngressClass that implements this Ingress.
    public var ingressClassName: String?
    /// Where requests that match no rule go.
    public var defaultBackend: IngressBackend?
    public var tls: [IngressTLS]?
    public var rules: [IngressRule]?

    public init(
        ingressClassName: String? = nil,
        defaultBackend: IngressBackend? = nil,
        tls: [IngressTLS]? = nil,
        rules: [IngressRule]? = nil
    ) {
        self.ingressClassName = ingressClassName
        self.defaultBackend = defaultBackend
        self.tls = tls
        self.rules = rules
    }
}

/// A Service port or another resource that receives requests (networking.k8s.io/v1 `IngressBackend`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend>.
public struct IngressBackend: Codable, Sendable, Hashable {
    public var service: IngressServiceBackend?
    /// A non-Service backend such as a storage bucket; exclusive with `service`.
    public var resource: TypedLocalObjectReference?

    public init(service: IngressServiceBackend? = nil, resource: TypedLocalObjectReference? = nil) {
        self.service = service
        self.resource = resource
    }
}

/// A Service and port in the Ingress's namespace (networking.k8s.io/v1 `IngressServiceBackend`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend>.
public struct IngressServiceBackend: Codable, Sendable, Hashable {
    public var name: String
    public var port: ServiceBackendPort?

    public init(name: String, port: ServiceBackendPort? = nil) {
        self.name = name
        self.port = port
    }
}

/// A Service port by name or number (networking.k8s.io/v1 `ServiceBackendPort`); exactly one is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend>.
public struct ServiceBackendPort: Codable, Sendable, Hashable {
    public var name: String?
    public var number: Int32?

    public init(name: String? = nil, number: Int32? = nil) {
        self.name = name
        self.number = number
    }
}

/// TLS termination for some hosts (networking.k8s.io/v1 `IngressTLS`).
///
/// See <https://kubernetes.io/docs/concepts/services-networking/ingress/#tls>.
public struct IngressTLS: Codable, Sendable, Hashable {
    public var hosts: [String]?
    /// The `kubernetes.io/tls` Secret holding the certificate and key.
    public var secretName: String?

    public init(hosts: [String]? = nil, secretName: String? = nil) {
        self.hosts = hosts
        self.secretName = secretName
    }
}

/// Routing for one host, or for every host when `host` is absent (networking.k8s.io/v1 `IngressRule`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressSpec>.
public struct IngressRule: Codable, Sendable, Hashable {
    /// A fully qualified domain name, optionally with a leading `*.` wildcard.
    public var host: String?
    public var http: HTTPIngressRuleValue?

    public init(host: String? = nil, http: HTTPIngressRuleValue? = nil) {
        self.host = host
        self.http = http
    }
}

/// The HTTP paths of an Ingress rule (networking.k8s.io/v1 `HTTPIngressRuleValue`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressSpec>.
public struct HTTPIngressRuleValue: Codable, Sendable, Hashable {
    public var paths: [HTTPIngressPath]

    public init(paths: [HTTPIngressPath]) {
        self.paths = paths
    }
}

/// A path and the backend it routes to (networking.k8s.io/v1 `HTTPIngressPath`).
///
/// See <https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types>.
public struct HTTPIngressPath: Codable, Sendable, Hashable {
    /// Must start with `/` for `Prefix` and `Exact`.
    public var path: String?
    /// `Exact`, `Prefix` or `ImplementationSpecific`.
    public var pathType: String
    public var backend: IngressBackend

    public init(path: String? = nil, pathType: String, backend: IngressBackend) {
        self.path = path
        self.pathType = pathType
        self.backend = backend
    }
}

/// The observed state of an Ingress (networking.k8s.io/v1 `IngressStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressStatus>.
public struct IngressStatus: Codable, Sendable, Hashable {
    public var loadBalancer: IngressLoadBalancerStatus?

    public init(loadBalancer: IngressLoadBalancerStatus? = nil) {
        self.loadBalancer = loadBalancer
    }
}

/// The addresses of an Ingress's load balancer (networking.k8s.io/v1 `IngressLoadBalancerStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressStatus>.
public struct IngressLoadBalancerStatus: Codable, Sendable, Hashable {
    public var ingress: [IngressLoadBalancerIngress]?

    public init(ingress: [IngressLoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One ingress point of an Ingress's load balancer (networking.k8s.io/v1 `IngressLoadBalancerIngress`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressStatus>.
public struct IngressLoadBalancerIngress: Codable, Sendable, Hashable {
    public var ip: String?
    public var hostname: String?
    public var ports: [IngressPortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ports: [IngressPortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ports = ports
    }
}

/// The state of one port of an Ingress's load balancer (networking.k8s.io/v1 `IngressPortStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressStatus>.
public struct IngressPortStatus: Codable, Sendable, Hashable {
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
