/// One version of a custom resource: its schema, subresources and printer columns (apiextensions.k8s.io/v1
/// `CustomResourceDefinitionVersion`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct CustomResourceDefinitionVersion: Codable, Sendable, Hashable {
    /// The version as it appears in `apiVersion` and URLs, e.g. `v1alpha1`.
    public var name: String
    /// Whether the version is served over REST.
    public var served: Bool
    /// Whether objects are persisted in this version; exactly one version stores.
    public var storage: Bool
    /// Whether requests to this version get a deprecation warning.
    public var deprecated: Bool?
    /// A custom deprecation warning.
    public var deprecationWarning: String?
    public var schema: CustomResourceValidation?
    public var subresources: CustomResourceSubresources?
    /// Extra columns for `kubectl get`; `NAME` and `AGE` are always shown.
    public var additionalPrinterColumns: [CustomResourceColumnDefinition]?
    /// Fields usable in field selectors, beyond `metadata.name` and `metadata.namespace`.
    public var selectableFields: [SelectableField]?

    public init(
        name: String,
        served: Bool,
        storage: Bool,
        deprecated: Bool? = nil,
        deprecationWarning: String? = nil,
        schema: CustomResourceValidation? = nil,
        subresources: CustomResourceSubresources? = nil,
        additionalPrinterColumns: [CustomResourceColumnDefinition]? = nil,
        selectableFields: [SelectableField]? = nil
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.deprecated = deprecated
        self.deprecationWarning = deprecationWarning
        self.schema = schema
        self.subresources = subresources
        self.additionalPrinterColumns = additionalPrinterColumns
        self.selectableFields = selectableFields
    }
}

/// The validation schema of a custom resource version (apiextensions.k8s.io/v1 `CustomResourceValidation`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation>.
public struct CustomResourceValidation: Codable, Sendable, Hashable {
    /// The structural schema of the whole object.
    public var openAPIV3Schema: JSONSchemaProps?

    public init(openAPIV3Schema: JSONSchemaProps? = nil) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

/// The `status` and `scale` subresources of a custom resource (apiextensions.k8s.io/v1
/// `CustomResourceSubresources`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#subresources>.
public struct CustomResourceSubresources: Codable, Sendable, Hashable {
    /// Enables `/status`: the main endpoint then ignores `status` and `/status` ignores everything else.
    public var status: CustomResourceSubresourceStatus?
    /// Enables `/scale`, which autoscalers and `kubectl scale` use.
    public var scale: CustomResourceSubresourceScale?

    public init(status: CustomResourceSubresourceStatus? = nil, scale: CustomResourceSubresourceScale? = nil) {
        self.status = status
        self.scale = scale
    }
}

/// Enables the `status` subresource; it has no fields and encodes as `{}` (apiextensions.k8s.io/v1
/// `CustomResourceSubresourceStatus`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public struct CustomResourceSubresourceStatus: Codable, Sendable, Hashable {
    public init() {}
}

/// Maps the `scale` subresource onto fields of the custom resource (apiextensions.k8s.io/v1
/// `CustomResourceSubresourceScale`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public struct CustomResourceSubresourceScale: Codable, Sendable, Hashable {
    /// The JSON path of the desired replicas, e.g. `.spec.replicas`.
    public var specReplicasPath: String
    /// The JSON path of the observed replicas, e.g. `.status.replicas`.
    public var statusReplicasPath: String
    /// The JSON path of the serialized label selector in status, e.g. `.status.selector`; HPAs need it.
    public var labelSelectorPath: String?

    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String? = nil) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// An extra column of `kubectl get` output (apiextensions.k8s.io/v1 `CustomResourceColumnDefinition`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public struct CustomResourceColumnDefinition: Codable, Sendable, Hashable {
    /// The column header.
    public var name: String
    /// `integer`, `number`, `string`, `boolean` or `date`.
    public var type: String
    /// A format hint such as `int32` or `date-time`.
    public var format: String?
    public var description: String?
    /// 0 shows the column by default; higher priorities appear only with `-o wide`.
    public var priority: Int32?
    /// A simple JSON path into each object, e.g. `.status.phase`.
    public var jsonPath: String

    public init(
        name: String,
        type: String,
        format: String? = nil,
        description: String? = nil,
        priority: Int32? = nil,
        jsonPath: String
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
    }
}

/// A field usable in field selectors of a custom resource (apiextensions.k8s.io/v1 `SelectableField`).
///
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public struct SelectableField: Codable, Sendable, Hashable {
    /// A simple JSON path to a string, integer or boolean field, e.g. `.spec.color`.
    public var jsonPath: String

    public init(jsonPath: String) {
        self.jsonPath = jsonPath
    }
}
