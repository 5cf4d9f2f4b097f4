/// A scope for names and policies (core/v1 `Namespace`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/>.
public struct Namespace: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        namespaced: false
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec?
    public var status: NamespaceStatus?

    public init(metadata: ObjectMeta, spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a namespace (core/v1 `NamespaceSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/#NamespaceSpec>.
public struct NamespaceSpec: Codable, Sendable, Hashable {
    /// Finalizers (`kubernetes`) that must be removed before the namespace is deleted, distinct from
    /// `metadata.finalizers`.
    public var finalizers: [String]?

    public init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// The observed state of a namespace (core/v1 `NamespaceStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/namespace-v1/#NamespaceStatus>.
public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active` or `Terminating`.
    public var phase: String?
    /// Conditions such as `NamespaceDeletionContentFailure` while terminating.
    public var conditions: [Condition]?

    public init(phase: String? = nil, conditions: [Condition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
