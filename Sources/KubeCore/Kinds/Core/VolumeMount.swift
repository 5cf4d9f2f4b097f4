/// Mounts a pod volume into a container's filesystem (core/v1 `VolumeMount`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes-1>.
public struct VolumeMount: Codable, Sendable, Hashable {
    /// The name of a volume in `PodSpec.volumes`.
    public var name: String
    /// The absolute path inside the container; must not contain `:`.
    public var mountPath: String
    /// A path within the volume to mount instead of its root.
    public var subPath: String?
    /// Like `subPath`, with `$(VAR)` references expanded from the container environment.
    public var subPathExpr: String?
    public var readOnly: Bool?
    /// `Disabled`, `IfPossible` or `Enabled`: whether a read-only mount is recursively read-only.
    public var recursiveReadOnly: String?
    /// `None`, `HostToContainer` or `Bidirectional`.
    public var mountPropagation: String?

    public init(
        name: String,
        mountPath: String,
        subPath: String? = nil,
        subPathExpr: String? = nil,
        readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil,
        mountPropagation: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.subPathExpr = subPathExpr
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.mountPropagation = mountPropagation
    }
}
