/// One environment variable: a literal ``value``, or one key of a Secret or ConfigMap. Exactly one source is set.
public struct EnvVariable: Codable, Sendable, Hashable {
    /// The variable's name, e.g. `DB_HOST`; a C identifier is safest.
    public var name: String
    /// A literal value. Do not put credentials here: use ``secret``.
    public var value: String?
    /// A key of a Secret in the platform's namespace (what ECS `secrets[].valueFrom` did with Secrets Manager).
    public var secret: KeyReference?
    /// A key of a ConfigMap in the platform's namespace.
    public var configMap: KeyReference?

    /// Creates a literal variable.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Creates a variable read from a key of a Secret.
    public init(name: String, secret: KeyReference) {
        self.name = name
        self.secret = secret
    }
}

/// A key in a named Secret or ConfigMap.
public struct KeyReference: Codable, Sendable, Hashable {
    /// The Secret's or ConfigMap's name.
    public var name: String
    /// The key within it.
    public var key: String
    /// When `true` the pod starts even if the object or key is missing; defaults to `false`.
    public var optional: Bool?

    /// Creates a reference to `key` in the object called `name`.
    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}

/// A whole Secret or ConfigMap exposed as environment variables. Exactly one of ``secret`` and ``configMap``.
public struct EnvSource: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var secret: String?
    /// The ConfigMap's name.
    public var configMap: String?
    /// A prefix for every variable, e.g. `AAA_`.
    public var prefix: String?

    /// Creates an empty source; set exactly one of ``secret`` and ``configMap``.
    public init(secret: String? = nil, configMap: String? = nil, prefix: String? = nil) {
        self.secret = secret
        self.configMap = configMap
        self.prefix = prefix
    }
}
