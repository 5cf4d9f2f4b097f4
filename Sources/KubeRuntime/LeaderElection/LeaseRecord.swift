public import KubeCore

/// What the leader election loop knows of a `coordination.k8s.io/v1` Lease: its spec plus the resourceVersion it was
/// read at (client-go's `LeaderElectionRecord`).
public struct LeaseRecord: Sendable, Hashable {
    /// The current holder; `nil` or empty when nobody holds the lease.
    public var holderIdentity: String?
    /// How long the holder's claim lasts after each renewal, in seconds.
    public var leaseDurationSeconds: Int32?
    /// When the holder acquired the lease (the holder's wall clock; informational only).
    public var acquireTime: MicroTime?
    /// When the holder last renewed (the holder's wall clock; informational only, never compared to ours).
    public var renewTime: MicroTime?
    /// How many times the lease changed holders.
    public var leaseTransitions: Int32
    /// The resourceVersion the record was read or written at.
    public var resourceVersion: String?

    public init(
        holderIdentity: String?,
        leaseDurationSeconds: Int32?,
        acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil,
        leaseTransitions: Int32 = 0,
        resourceVersion: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.resourceVersion = resourceVersion
    }

    /// Reads the record of a Lease object.
    public init(_ lease: Lease) {
        let spec = lease.spec ?? LeaseSpec()
        self.init(
            holderIdentity: spec.holderIdentity,
            leaseDurationSeconds: spec.leaseDurationSeconds,
            acquireTime: spec.acquireTime,
            renewTime: spec.renewTime,
            leaseTransitions: spec.leaseTransitions ?? 0,
            resourceVersion: lease.metadata.resourceVersion
        )
    }

    /// The Lease spec holding this record.
    public var spec: LeaseSpec {
        LeaseSpec(
            holderIdentity: holderIdentity,
            leaseDurationSeconds: leaseDurationSeconds,
            acquireTime: acquireTime,
            renewTime: renewTime,
            leaseTransitions: leaseTransitions
        )
    }

    /// The record without its resourceVersion: two reads that differ only there show the same holder state.
    var content: LeaseRecord {
        var copy = self
        copy.resourceVersion = nil
        return copy
    }
}
