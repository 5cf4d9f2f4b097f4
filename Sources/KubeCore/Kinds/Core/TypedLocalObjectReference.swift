/// A reference to an object of a given kind in the same namespace (core/v1 `TypedLocalObjectReference`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/typed-local-object-reference/>.
public struct TypedLocalObjectReference: Codable, Sendable, Hashable {
    /// The API group of the referenced kind; absent for the core group.
    public var apiGroup: String?
    public var kind: String
    public var name: String

    public init(apiGroup: String? = nil, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// A reference to an object of a given kind, possibly in another namespace (core/v1 `TypedObjectReference`), as used
/// by `PersistentVolumeClaimSpec.dataSourceRef`.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct TypedObjectReference: Codable, Sendable, Hashable {
    /// The API group of the referenced kind; absent for the core group.
    public var apiGroup: String?
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(apiGroup: String? = nil, kind: String, name: String, namespace: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}
