/// Grants a Role's (or ClusterRole's) permissions to subjects within one namespace
/// (rbac.authorization.k8s.io/v1 `RoleBinding`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/authorization-resources/role-binding-v1/>.
public struct RoleBinding: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io",
        version: "v1",
        kind: "RoleBinding",
        plural: "rolebindings",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// Who is granted the role.
    public var subjects: [RBACSubject]?
    /// The role granted; required by the API server, immutable once created.
    public var roleRef: RoleRef?

    public init(metadata: ObjectMeta, subjects: [RBACSubject]? = nil, roleRef: RoleRef? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// A user, group or ServiceAccount a binding grants a role to (rbac.authorization.k8s.io/v1 `Subject`).
public struct RBACSubject: Codable, Sendable, Hashable {
    /// `User`, `Group` or `ServiceAccount`.
    public var kind: String
    /// The subject's name.
    public var name: String
    /// The ServiceAccount's namespace.
    public var namespace: String?
    /// `rbac.authorization.k8s.io` for users and groups, `""` for ServiceAccounts.
    public var apiGroup: String?

    public init(kind: String, name: String, namespace: String? = nil, apiGroup: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.apiGroup = apiGroup
    }
}

/// The role a binding refers to (rbac.authorization.k8s.io/v1 `RoleRef`).
public struct RoleRef: Codable, Sendable, Hashable {
    /// `rbac.authorization.k8s.io`.
    public var apiGroup: String
    /// `Role` or `ClusterRole`.
    public var kind: String
    /// The role's name.
    public var name: String

    public init(apiGroup: String = "rbac.authorization.k8s.io", kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}
