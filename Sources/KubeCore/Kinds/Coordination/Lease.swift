/// A lock with a holder and an expiry, used for leader election and node heartbeats (coordination.k8s.io/v1
/// `Lease`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/lease-v1/>.
public struct Lease: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "coordination.k8s.io",
        version: "v1",
        kind: "Lease",
        plural: "leases",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec?

    public init(metadata: ObjectMeta, spec: LeaseSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// The holder and timing of a Lease (coordination.k8s.io/v1 `LeaseSpec`).
///
/// See <https://kubernetes.io/docs/concepts/architecture/leases/>.
public struct LeaseSpec: Codable, Sendable, Hashable {
    /// The identity of the current holder.
    public var holderIdentity: String?
    /// Seconds after `renewTime` before other candidates may take the Lease.
    public var leaseDurationSeconds: Int32?
    /// When the current holder acquired the Lease.
    public var acquireTime: MicroTime?
    /// When the holder last renewed the Lease.
    public var renewTime: MicroTime?
    /// How many times the Lease changed holders.
    public var leaseTransitions: Int32?
    /// The coordinated leader election strategy, e.g. `OldestEmulationVersion` (beta).
    public var strategy: String?
    /// The candidate the coordinator prefers as the next holder (beta).
    public var preferredHolder: String?

    public init(
        holderIdentity: String? = nil,
        leaseDurationSeconds: Int32? = nil,
        acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil,
        leaseTransitions: Int32? = nil,
        strategy: String? = nil,
        preferredHolder: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.strategy = strategy
        self.preferredHolder = preferredHolder
    }
}
