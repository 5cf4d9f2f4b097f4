/// HTTP routing from Gateway listeners to backends, with matching, filters and weighted backends
/// (gateway.networking.k8s.io/v1 `HTTPRoute`).
///
/// A custom resource installed with the Gateway API CRDs, not part of core Kubernetes.
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproute>.
public struct HTTPRoute: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "gateway.networking.k8s.io",
        version: "v1",
        kind: "HTTPRoute",
        plural: "httproutes",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: HTTPRouteSpec?
    public var status: HTTPRouteStatus?

    public init(metadata: ObjectMeta, spec: HTTPRouteSpec? = nil, status: HTTPRouteStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired routing of an HTTPRoute (gateway.networking.k8s.io/v1 `HTTPRouteSpec`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec>.
public struct HTTPRouteSpec: Codable, Sendable, Hashable {
    /// The Gateways (or listeners of them) the route attaches to.
    public var parentRefs: [ParentReference]?
    /// Host names matched against the `Host` header; wildcards like `*.example.com` are allowed.
    public var hostnames: [String]?
    /// The routing rules; absent means one rule that sends everything to no backend.
    public var rules: [HTTPRouteRule]?

    public init(parentRefs: [ParentReference]? = nil, hostnames: [String]? = nil, rules: [HTTPRouteRule]? = nil) {
        self.parentRefs = parentRefs
        self.hostnames = hostnames
        self.rules = rules
    }
}

/// The observed state of an HTTPRoute, per parent (gateway.networking.k8s.io/v1 `HTTPRouteStatus`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#httproutestatus>.
public struct HTTPRouteStatus: Codable, Sendable, Hashable {
    public var parents: [RouteParentStatus]?

    public init(parents: [RouteParentStatus]? = nil) {
        self.parents = parents
    }
}

/// The state of a route as one controller sees it for one parent (gateway.networking.k8s.io/v1
/// `RouteParentStatus`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#routeparentstatus>.
public struct RouteParentStatus: Codable, Sendable, Hashable {
    public var parentRef: ParentReference
    /// The controller that wrote this entry, e.g. `gateway.envoyproxy.io/gatewayclass-controller`.
    public var controllerName: String
    /// `Accepted`, `ResolvedRefs` and implementation-specific conditions.
    public var conditions: [Condition]?

    public init(parentRef: ParentReference, controllerName: String, conditions: [Condition]? = nil) {
        self.parentRef = parentRef
        self.controllerName = controllerName
        self.conditions = conditions
    }
}
