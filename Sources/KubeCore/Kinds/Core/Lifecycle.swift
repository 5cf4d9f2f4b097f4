/// Actions the kubelet runs after a container starts and before it stops (core/v1 `Lifecycle`).
///
/// See <https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/>.
public struct Lifecycle: Codable, Sendable, Hashable {
    /// Runs right after the container is created.
    public var postStart: LifecycleHandler?
    /// Runs before the container is terminated, counting against the grace period.
    public var preStop: LifecycleHandler?
    /// The signal sent to stop the container, e.g. `SIGTERM`.
    public var stopSignal: String?

    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil, stopSignal: String? = nil) {
        self.postStart = postStart
        self.preStop = preStop
        self.stopSignal = stopSignal
    }
}

/// One lifecycle hook action (core/v1 `LifecycleHandler`); exactly one field is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#lifecycle>.
public struct LifecycleHandler: Codable, Sendable, Hashable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var sleep: SleepAction?

    public init(
        exec: ExecAction? = nil,
        httpGet: HTTPGetAction? = nil,
        tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }
}

/// Pauses for a number of seconds, e.g. in a `preStop` hook to let endpoints drain (core/v1 `SleepAction`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#lifecycle>.
public struct SleepAction: Codable, Sendable, Hashable {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }
}
