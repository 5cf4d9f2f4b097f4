/// A named volume that containers of a pod can mount (core/v1 `Volume`); exactly one source is set.
///
/// The sources an operator typically renders are typed; `projected`, `downwardAPI`, `csi` and `ephemeral` are kept
/// as untyped ``JSONValue`` because they are deep and rarely set.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/>.
public struct Volume: Codable, Sendable, Hashable {
    /// A DNS label, unique within the pod, that `VolumeMount.name` refers to.
    public var name: String
    public var configMap: ConfigMapVolumeSource?
    public var secret: SecretVolumeSource?
    public var emptyDir: EmptyDirVolumeSource?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var hostPath: HostPathVolumeSource?
    /// Several sources projected into one directory, kept untyped (`ProjectedVolumeSource`).
    public var projected: JSONValue?
    /// Pod fields as files, kept untyped (`DownwardAPIVolumeSource`).
    public var downwardAPI: JSONValue?
    /// A CSI inline volume, kept untyped (`CSIVolumeSource`).
    public var csi: JSONValue?
    /// A generic ephemeral volume with a per-pod claim, kept untyped (`EphemeralVolumeSource`).
    public var ephemeral: JSONValue?

    public init(
        name: String,
        configMap: ConfigMapVolumeSource? = nil,
        secret: SecretVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        hostPath: HostPathVolumeSource? = nil,
        projected: JSONValue? = nil,
        downwardAPI: JSONValue? = nil,
        csi: JSONValue? = nil,
        ephemeral: JSONValue? = nil
    ) {
        self.name = name
        self.configMap = configMap
        self.secret = secret
        self.emptyDir = emptyDir
        self.persistentVolumeClaim = persistentVolumeClaim
        self.hostPath = hostPath
        self.projected = projected
        self.downwardAPI = downwardAPI
        self.csi = csi
        self.ephemeral = ephemeral
    }
}

/// Populates a volume with the keys of a ConfigMap (core/v1 `ConfigMapVolumeSource`).
///
/// See <https://kubernetes.io/docs/concepts/storage/volumes/#configmap>.
public struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    public var name: String?
    /// The keys to project and their paths; absent projects every key to a file named after it.
    public var items: [KeyToPath]?
    /// File permission bits for created files, e.g. `420` (`0o644`).
    public var defaultMode: Int32?
    /// Whether the pod may start when the ConfigMap or a listed key is missing.
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// Populates a volume with the keys of a Secret (core/v1 `SecretVolumeSource`).
///
/// See <https://kubernetes.io/docs/concepts/storage/volumes/#secret>.
public struct SecretVolumeSource: Codable, Sendable, Hashable {
    public var secretName: String?
    /// The keys to project and their paths; absent projects every key to a file named after it.
    public var items: [KeyToPath]?
    /// File permission bits for created files, e.g. `420` (`0o644`).
    public var defaultMode: Int32?
    /// Whether the pod may start when the Secret or a listed key is missing.
    public var optional: Bool?

    public init(
        secretName: String? = nil,
        items: [KeyToPath]? = nil,
        defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// A scratch directory that lives as long as the pod (core/v1 `EmptyDirVolumeSource`).
///
/// With every field `nil` it encodes as `{}`, which still selects the emptyDir source.
/// See <https://kubernetes.io/docs/concepts/storage/volumes/#emptydir>.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    /// `""` for the node's default medium or `Memory` for tmpfs.
    public var medium: String?
    /// The most local storage the volume may use.
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// Mounts a PersistentVolumeClaim in the pod's namespace (core/v1 `PersistentVolumeClaimVolumeSource`).
///
/// See <https://kubernetes.io/docs/concepts/storage/volumes/#persistentvolumeclaim>.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// A file or directory on the node (core/v1 `HostPathVolumeSource`); avoid outside system workloads.
///
/// See <https://kubernetes.io/docs/concepts/storage/volumes/#hostpath>.
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
    public var path: String
    /// A check on the path, e.g. `Directory`, `DirectoryOrCreate`, `File`, `Socket`.
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}
