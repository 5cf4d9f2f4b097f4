/// Imports every key of a ConfigMap or Secret as environment variables (core/v1 `EnvFromSource`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct EnvFromSource: Codable, Sendable, Hashable {
    /// A prefix prepended to every imported key.
    public var prefix: String?
    public var configMapRef: ConfigMapEnvSource?
    public var secretRef: SecretEnvSource?

    public init(prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil, secretRef: SecretEnvSource? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// The ConfigMap whose keys ``EnvFromSource`` imports (core/v1 `ConfigMapEnvSource`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct ConfigMapEnvSource: Codable, Sendable, Hashable {
    public var name: String?
    /// Whether the pod may start when the ConfigMap is missing.
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// The Secret whose keys ``EnvFromSource`` imports (core/v1 `SecretEnvSource`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct SecretEnvSource: Codable, Sendable, Hashable {
    public var name: String?
    /// Whether the pod may start when the Secret is missing.
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
