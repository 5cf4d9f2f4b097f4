/// The observed state of one container of a pod (core/v1 `ContainerStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus>.
public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var state: ContainerState?
    /// The state of the previous run, e.g. why it was last terminated.
    public var lastState: ContainerState?
    /// Whether the readiness probe passes.
    public var ready: Bool?
    public var restartCount: Int32?
    public var image: String?
    /// The resolved image, usually with a digest.
    public var imageID: String?
    /// `<runtime>://<id>`.
    public var containerID: String?
    /// Whether the startup probe has passed (or the container has no startup probe and is running).
    public var started: Bool?
    /// Resources the node allocated to the container.
    public var allocatedResources: [String: Quantity]?
    /// The resources actually configured on the running container.
    public var resources: ResourceRequirements?
    /// The signal the runtime will use to stop the container.
    public var stopSignal: String?
    /// The mounts as the runtime reports them.
    public var volumeMounts: [VolumeMountStatus]?
    /// The user identity of the container's first process, kept untyped (`ContainerUser`).
    public var user: JSONValue?
    /// Health of allocated devices, kept untyped (`[ResourceStatus]`).
    public var allocatedResourcesStatus: JSONValue?

    public init(
        name: String,
        state: ContainerState? = nil,
        lastState: ContainerState? = nil,
        ready: Bool? = nil,
        restartCount: Int32? = nil,
        image: String? = nil,
        imageID: String? = nil,
        containerID: String? = nil,
        started: Bool? = nil,
        allocatedResources: [String: Quantity]? = nil,
        resources: ResourceRequirements? = nil,
        stopSignal: String? = nil,
        volumeMounts: [VolumeMountStatus]? = nil,
        user: JSONValue? = nil,
        allocatedResourcesStatus: JSONValue? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
        self.stopSignal = stopSignal
        self.volumeMounts = volumeMounts
        self.user = user
        self.allocatedResourcesStatus = allocatedResourcesStatus
    }
}

/// The state of a container (core/v1 `ContainerState`); at most one member is set.
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states>.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil,
        running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// A container that is not running yet (core/v1 `ContainerStateWaiting`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-state-waiting>.
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
    /// E.g. `ContainerCreating`, `CrashLoopBackOff`, `ImagePullBackOff`.
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// A running container (core/v1 `ContainerStateRunning`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-state-running>.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
    public var startedAt: Time?

    public init(startedAt: Time? = nil) {
        self.startedAt = startedAt
    }
}

/// A container that has exited (core/v1 `ContainerStateTerminated`).
///
/// See <https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-state-terminated>.
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
    public var exitCode: Int32
    public var signal: Int32?
    /// E.g. `Completed`, `Error`, `OOMKilled`.
    public var reason: String?
    public var message: String?
    public var startedAt: Time?
    public var finishedAt: Time?
    public var containerID: String?

    public init(
        exitCode: Int32,
        signal: Int32? = nil,
        reason: String? = nil,
        message: String? = nil,
        startedAt: Time? = nil,
        finishedAt: Time? = nil,
        containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}

/// A mount of a running container as the runtime reports it (core/v1 `VolumeMountStatus`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus>.
public struct VolumeMountStatus: Codable, Sendable, Hashable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?
    /// `Disabled` or `Enabled`.
    public var recursiveReadOnly: String?

    public init(name: String, mountPath: String, readOnly: Bool? = nil, recursiveReadOnly: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
    }
}
