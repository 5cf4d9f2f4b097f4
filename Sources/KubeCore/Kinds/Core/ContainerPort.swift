/// A network port a container exposes (core/v1 `ContainerPort`); informational, but names are used by Services and
/// probes.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports>.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// An IANA_SVC_NAME, unique within the pod, that Services and probes can refer to.
    public var name: String?
    public var containerPort: Int32
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var hostPort: Int32?
    public var hostIP: String?

    public init(
        name: String? = nil,
        containerPort: Int32,
        protocol: String? = nil,
        hostPort: Int32? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostPort = hostPort
        self.hostIP = hostIP
    }
}
