/// Security settings that apply to every container of a pod (core/v1 `PodSecurityContext`).
///
/// See <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>.
public struct PodSecurityContext: Codable, Sendable, Hashable {
    /// SELinux labels, kept untyped (`SELinuxOptions`).
    public var seLinuxOptions: JSONValue?
    /// Windows-specific settings, kept untyped (`WindowsSecurityContextOptions`).
    public var windowsOptions: JSONValue?
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    /// Whether the kubelet refuses to start containers as UID 0.
    public var runAsNonRoot: Bool?
    /// Extra group IDs for the first process of each container.
    public var supplementalGroups: [Int64]?
    /// `Merge` (default) or `Strict`.
    public var supplementalGroupsPolicy: String?
    /// The group that owns mounted volumes and is added to every container's groups.
    public var fsGroup: Int64?
    /// Namespaced kernel parameters.
    public var sysctls: [Sysctl]?
    /// `OnRootMismatch` or `Always`: when volume ownership is changed to `fsGroup`.
    public var fsGroupChangePolicy: String?
    public var seccompProfile: SeccompProfile?
    public var appArmorProfile: AppArmorProfile?
    /// `MountOption` or `Recursive`.
    public var seLinuxChangePolicy: String?

    public init(
        seLinuxOptions: JSONValue? = nil,
        windowsOptions: JSONValue? = nil,
        runAsUser: Int64? = nil,
        runAsGroup: Int64? = nil,
        runAsNonRoot: Bool? = nil,
        supplementalGroups: [Int64]? = nil,
        supplementalGroupsPolicy: String? = nil,
        fsGroup: Int64? = nil,
        sysctls: [Sysctl]? = nil,
        fsGroupChangePolicy: String? = nil,
        seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil,
        seLinuxChangePolicy: String? = nil
    ) {
        self.seLinuxOptions = seLinuxOptions
        self.windowsOptions = windowsOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.supplementalGroupsPolicy = supplementalGroupsPolicy
        self.fsGroup = fsGroup
        self.sysctls = sysctls
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
        self.seLinuxChangePolicy = seLinuxChangePolicy
    }
}

/// A namespaced kernel parameter set for a pod (core/v1 `Sysctl`).
///
/// See <https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/>.
public struct Sysctl: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
