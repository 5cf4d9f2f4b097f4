/// Security settings of one container, overriding the pod's (core/v1 `SecurityContext`).
///
/// See <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/>.
public struct SecurityContext: Codable, Sendable, Hashable {
    public var capabilities: Capabilities?
    public var privileged: Bool?
    /// SELinux labels, kept untyped (`SELinuxOptions`).
    public var seLinuxOptions: JSONValue?
    /// Windows-specific settings, kept untyped (`WindowsSecurityContextOptions`).
    public var windowsOptions: JSONValue?
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    /// Whether the kubelet refuses to start the container as UID 0.
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    /// Whether a process may gain more privileges than its parent (`no_new_privs` unset).
    public var allowPrivilegeEscalation: Bool?
    /// `Default` or `Unmasked`.
    public var procMount: String?
    public var seccompProfile: SeccompProfile?
    public var appArmorProfile: AppArmorProfile?

    public init(
        capabilities: Capabilities? = nil,
        privileged: Bool? = nil,
        seLinuxOptions: JSONValue? = nil,
        windowsOptions: JSONValue? = nil,
        runAsUser: Int64? = nil,
        runAsGroup: Int64? = nil,
        runAsNonRoot: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil,
        allowPrivilegeEscalation: Bool? = nil,
        procMount: String? = nil,
        seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil
    ) {
        self.capabilities = capabilities
        self.privileged = privileged
        self.seLinuxOptions = seLinuxOptions
        self.windowsOptions = windowsOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.procMount = procMount
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
    }
}

/// Linux capabilities added to or dropped from a container (core/v1 `Capabilities`), e.g. `drop: ["ALL"]`.
///
/// See <https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container>.
public struct Capabilities: Codable, Sendable, Hashable {
    public var add: [String]?
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}

/// The seccomp profile of a pod or container (core/v1 `SeccompProfile`).
///
/// See <https://kubernetes.io/docs/tutorials/security/seccomp/>.
public struct SeccompProfile: Codable, Sendable, Hashable {
    /// `RuntimeDefault`, `Localhost` or `Unconfined`.
    public var type: String
    /// The profile file relative to the kubelet's seccomp directory; only for `Localhost`.
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// The AppArmor profile of a pod or container (core/v1 `AppArmorProfile`).
///
/// See <https://kubernetes.io/docs/tutorials/security/apparmor/>.
public struct AppArmorProfile: Codable, Sendable, Hashable {
    /// `RuntimeDefault`, `Localhost` or `Unconfined`.
    public var type: String
    /// The name of a profile loaded on the node; only for `Localhost`.
    public var localhostProfile: String?

    public init(type: String, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}
