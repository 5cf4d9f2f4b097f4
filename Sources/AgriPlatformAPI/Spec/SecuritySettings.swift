/// Container security beyond the defaults, which are: run as non-root, no privilege escalation, all capabilities
/// dropped, seccomp `RuntimeDefault`, read-only root file system with a writable `/tmp`.
public struct SecuritySettings: Codable, Sendable, Hashable {
    /// The user ID to run as when the image does not name a numeric non-root user.
    public var runAsUser: Int64?
    /// The group ID for the pod's volumes.
    public var fsGroup: Int64?
    /// Set to `false` for images that write outside `/tmp`; defaults to `true`.
    public var readOnlyRootFilesystem: Bool?

    /// Creates settings.
    public init(runAsUser: Int64? = nil, fsGroup: Int64? = nil, readOnlyRootFilesystem: Bool? = nil) {
        self.runAsUser = runAsUser
        self.fsGroup = fsGroup
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
    }
}
