/// Exposure of a service outside the cluster through an Ingress (the ALB listener rule and ACM certificate, or
/// App Runner's public URL and custom domain).
public struct IngressSpec: Codable, Sendable, Hashable {
    /// The host name, e.g. `api.ava-olo.com`.
    public var host: String
    /// The path prefix routed to the service; defaults to `/`.
    public var path: String?
    /// `Prefix` (default), `Exact` or `ImplementationSpecific`.
    public var pathType: String?
    /// The IngressClass, e.g. `nginx` or `alb`; defaults to the cluster's default class.
    public var className: String?
    /// TLS termination; defaults to enabled.
    public var tls: IngressTLS?
    /// Annotations for the Ingress controller, e.g. WAF or rate-limit settings.
    public var annotations: [String: String]?

    /// Creates an Ingress for `host`.
    public init(host: String) {
        self.host = host
    }
}

/// TLS for an ``IngressSpec``: a certificate Secret, optionally issued by cert-manager.
public struct IngressTLS: Codable, Sendable, Hashable {
    /// Whether TLS terminates at the Ingress; defaults to `true`.
    public var enabled: Bool?
    /// The `kubernetes.io/tls` Secret holding the certificate; defaults to `<platform>-<service>-tls`.
    public var secretName: String?
    /// A cert-manager ClusterIssuer that issues the certificate (sets `cert-manager.io/cluster-issuer`).
    public var clusterIssuer: String?

    /// Creates TLS settings.
    public init(enabled: Bool? = nil, secretName: String? = nil, clusterIssuer: String? = nil) {
        self.enabled = enabled
        self.secretName = secretName
        self.clusterIssuer = clusterIssuer
    }
}
