/// Permissions within one namespace (rbac.authorization.k8s.io/v1 `Role`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-v1/>.
public struct Role: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io",
        version: "v1",
        kind: "Role",
        plural: "roles",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// The permissions; an atomic list (an apply replaces it whole).
    public var rules: [PolicyRule]?

    public init(metadata: ObjectMeta, rules: [PolicyRule]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.rules = rules
    }
}

/// Verbs allowed on resources (rbac.authorization.k8s.io/v1 `PolicyRule`).
public struct PolicyRule: Codable, Sendable, Hashable {
    /// API groups; `""` is the core group.
    public var apiGroups: [String]?
    /// Resources, e.g. `endpoints` or `pods/log`.
    public var resources: [String]?
    /// Object names the rule is limited to; empty allows every name.
    public var resourceNames: [String]?
    /// Verbs, e.g. `get`, `list`, `watch`, `create`.
    public var verbs: [String]
    /// Non-resource URLs (ClusterRoles only), e.g. `/healthz`.
    public var nonResourceURLs: [String]?

    public init(
        apiGroups: [String]? = nil,
        resources: [String]? = nil,
        resourceNames: [String]? = nil,
        verbs: [String],
        nonResourceURLs: [String]? = nil
    ) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.verbs = verbs
        self.nonResourceURLs = nonResourceURLs
    }
}
