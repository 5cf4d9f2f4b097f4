/// Where a canary's Gateway API HTTPRoute attaches, for ``CanaryStrategy/trafficRouting`` `GatewayAPI`.
///
/// The operator renders one HTTPRoute `<platform>-<service>` with these parents and host names, whose single rule
/// sends traffic to the Service `<platform>-<service>` and, while a canary runs, to `<platform>-<service>-canary`
/// with the canary's weight. See <https://gateway-api.sigs.k8s.io/guides/traffic-splitting/>.
public struct CanaryGatewayAPI: Codable, Sendable, Hashable {
    /// The Gateways (or listeners of them) the route attaches to; at least one.
    public var parentRefs: [GatewayParentRef]
    /// Host names the route matches (`Host` header), e.g. `api.example.com` or `*.example.com`; absent matches
    /// every host of the listener.
    public var hostnames: [String]?

    /// Creates a route attachment.
    public init(parentRefs: [GatewayParentRef], hostnames: [String]? = nil) {
        self.parentRefs = parentRefs
        self.hostnames = hostnames
    }
}

/// A Gateway an HTTPRoute attaches to (the `Gateway` kind of Gateway API's `ParentReference`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#parentreference>.
public struct GatewayParentRef: Codable, Sendable, Hashable {
    /// The Gateway's name.
    public var name: String
    /// The Gateway's namespace; absent means the platform's own.
    public var namespace: String?
    /// One listener of the Gateway, by name; absent attaches to every listener that allows the route.
    public var sectionName: String?

    /// Creates a reference to the Gateway `name`.
    public init(name: String, namespace: String? = nil, sectionName: String? = nil) {
        self.name = name
        self.namespace = namespace
        self.sectionName = sectionName
    }
}
