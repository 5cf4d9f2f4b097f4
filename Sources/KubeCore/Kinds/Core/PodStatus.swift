/// The observed state of a pod (core/v1 `PodStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus>.
public struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready` and others.
    public var conditions: [PodCondition]?
    public var message: String?
    /// A CamelCase reason for the pod's state, e.g. `Evicted`.
    public var reason: String?
    public var nominatedNodeName: String?
    public var hostIP: String?
    public var hostIPs: [HostIP]?
    public var podIP: String?
    public var podIPs: [PodIP]?
    /// When the kubelet accepted the pod.
    public var startTime: Time?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    public var ephemeralContainerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?
    /// The `metadata.generation` the kubelet last observed.
    public var observedGeneration: Int64?
    /// Dynamic resource claim statuses, kept untyped (`[PodResourceClaimStatus]`).
    public var resourceClaimStatuses: JSONValue?

    public init(
        phase: String? = nil,
        conditions: [PodCondition]? = nil,
        message: String? = nil,
        reason: String? = nil,
        nominatedNodeName: String? = nil,
        hostIP: String? = nil,
        hostIPs: [HostIP]? = nil,
        podIP: String? = nil,
        podIPs: [PodIP]? = nil,
        startTime: Time? = nil,
        initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil,
        ephemeralContainerStatuses: [ContainerStatus]? = nil,
        qosClass: String? = nil,
        observedGeneration: Int64? = nil,
        resourceClaimStatuses: JSONValue? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.qosClass = qosClass
        self.observedGeneration = observedGeneration
        self.resourceClaimStatuses = resourceClaimStatuses
    }
}

/// A condition of a pod (core/v1 `PodCondition`), which unlike ``Condition`` carries `lastProbeTime`.
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions>.
public struct PodCondition: Codable, Sendable, Hashable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var observedGeneration: Int64?
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: String,
        observedGeneration: Int64? = nil,
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// One IP address of the pod's node (core/v1 `HostIP`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus>.
public struct HostIP: Codable, Sendable, Hashable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// One IP address of the pod (core/v1 `PodIP`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus>.
public struct PodIP: Codable, Sendable, Hashable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}
