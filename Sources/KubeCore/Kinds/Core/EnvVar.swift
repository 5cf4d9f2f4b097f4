/// An environment variable of a container (core/v1 `EnvVar`): a literal `value` or a `valueFrom` source.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct EnvVar: Codable, Sendable, Hashable {
    public var name: String
    /// A literal value; `$(VAR)` references to earlier variables are expanded.
    public var value: String?
    /// A source for the value; cannot be used together with a non-empty `value`.
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an environment variable's value comes from (core/v1 `EnvVarSource`); exactly one field is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct EnvVarSource: Codable, Sendable, Hashable {
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil,
        secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// Selects one key of a ConfigMap (core/v1 `ConfigMapKeySelector`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct ConfigMapKeySelector: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String
    /// Whether the pod may start when the ConfigMap or key is missing.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// Selects one key of a Secret (core/v1 `SecretKeySelector`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String
    /// Whether the pod may start when the Secret or key is missing.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}
