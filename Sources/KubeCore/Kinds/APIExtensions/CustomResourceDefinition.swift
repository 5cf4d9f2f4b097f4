/// Adds a custom resource type to the API server (apiextensions.k8s.io/v1 `CustomResourceDefinition`).
///
/// The name must be `<plural>.<group>`.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct CustomResourceDefinition: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apiextensions.k8s.io",
        version: "v1",
        kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions",
        namespaced: false
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CustomResourceDefinitionSpec?
    public var status: CustomResourceDefinitionStatus?

    public init(
        metadata: ObjectMeta,
        spec: CustomResourceDefinitionSpec? = nil,
        status: CustomResourceDefinitionStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The group, names, scope and versions of a custom resource (apiextensions.k8s.io/v1
/// `CustomResourceDefinitionSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable {
    /// The API group, e.g. `platform.agri.io`.
    public var group: String?
    public var names: CustomResourceDefinitionNames?
    /// `Namespaced` or `Cluster`.
    public var scope: String?
    /// The served versions; exactly one has `storage: true`.
    public var versions: [CustomResourceDefinitionVersion]?
    /// How objects are converted between versions.
    public var conversion: CustomResourceConversion?
    /// Legacy: whether unknown fields are kept at the root; must be `false` or absent in apiextensions.k8s.io/v1.
    public var preserveUnknownFields: Bool?

    public init(
        group: String? = nil,
        names: CustomResourceDefinitionNames? = nil,
        scope: String? = nil,
        versions: [CustomResourceDefinitionVersion]? = nil,
        conversion: CustomResourceConversion? = nil,
        preserveUnknownFields: Bool? = nil
    ) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
        self.conversion = conversion
        self.preserveUnknownFields = preserveUnknownFields
    }
}

/// The names a custom resource is known by (apiextensions.k8s.io/v1 `CustomResourceDefinitionNames`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct CustomResourceDefinitionNames: Codable, Sendable, Hashable {
    /// The lower-case plural used in URLs, e.g. `agriplatforms`.
    public var plural: String
    /// The lower-case singular, defaulting to the lower-cased kind.
    public var singular: String?
    /// Short names for kubectl, e.g. `ap`.
    public var shortNames: [String]?
    /// The CamelCase kind, e.g. `AgriPlatform`.
    public var kind: String
    /// The kind of lists, defaulting to `<kind>List`.
    public var listKind: String?
    /// Groupings such as `all` that `kubectl get <category>` expands to.
    public var categories: [String]?

    public init(
        plural: String,
        singular: String? = nil,
        shortNames: [String]? = nil,
        kind: String,
        listKind: String? = nil,
        categories: [String]? = nil
    ) {
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.kind = kind
        self.listKind = listKind
        self.categories = categories
    }
}

/// How a custom resource is converted between versions (apiextensions.k8s.io/v1 `CustomResourceConversion`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/>.
public struct CustomResourceConversion: Codable, Sendable, Hashable {
    /// `None` (default: only `apiVersion` changes) or `Webhook`.
    public var strategy: String
    /// The conversion webhook's client config and review versions, kept untyped (`WebhookConversion`).
    public var webhook: JSONValue?

    public init(strategy: String, webhook: JSONValue? = nil) {
        self.strategy = strategy
        self.webhook = webhook
    }
}

/// The observed state of a CustomResourceDefinition (apiextensions.k8s.io/v1 `CustomResourceDefinitionStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable {
    /// `Established`, `NamesAccepted`, `NonStructuralSchema` and `Terminating`.
    public var conditions: [Condition]?
    /// The names actually served, which may lag `spec.names` while a name conflicts.
    public var acceptedNames: CustomResourceDefinitionNames?
    /// Every version objects have ever been stored in; a version can be removed from `spec.versions` only after
    /// it is removed here.
    public var storedVersions: [String]?

    public init(
        conditions: [Condition]? = nil,
        acceptedNames: CustomResourceDefinitionNames? = nil,
        storedVersions: [String]? = nil
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }
}
