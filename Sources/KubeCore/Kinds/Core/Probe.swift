/// A health check the kubelet runs against a container (core/v1 `Probe`); exactly one handler is set.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct Probe: Codable, Sendable, Hashable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var grpc: GRPCAction?
    /// Seconds after the container starts before the first probe.
    public var initialDelaySeconds: Int32?
    /// Seconds after which one probe attempt times out; defaults to 1.
    public var timeoutSeconds: Int32?
    /// Seconds between probes; defaults to 10.
    public var periodSeconds: Int32?
    /// Consecutive successes after a failure needed to count as healthy; must be 1 for liveness and startup.
    public var successThreshold: Int32?
    /// Consecutive failures needed to count as unhealthy; defaults to 3.
    public var failureThreshold: Int32?
    /// A grace period overriding the pod's `terminationGracePeriodSeconds` when this probe kills the container.
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil,
        httpGet: HTTPGetAction? = nil,
        tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil,
        initialDelaySeconds: Int32? = nil,
        timeoutSeconds: Int32? = nil,
        periodSeconds: Int32? = nil,
        successThreshold: Int32? = nil,
        failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// Runs a command inside the container; exit status 0 means healthy (core/v1 `ExecAction`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct ExecAction: Codable, Sendable, Hashable {
    /// The command line, run without a shell.
    public var command: [String]?

    public init(command: [String]? = nil) {
        self.command = command
    }
}

/// An HTTP GET request; a status from 200 to 399 means healthy (core/v1 `HTTPGetAction`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct HTTPGetAction: Codable, Sendable, Hashable {
    public var path: String?
    /// The port number or container port name.
    public var port: IntOrString
    /// The host to connect to; defaults to the pod IP.
    public var host: String?
    /// `HTTP` or `HTTPS`; defaults to `HTTP`.
    public var scheme: String?
    public var httpHeaders: [HTTPHeader]?

    public init(
        path: String? = nil,
        port: IntOrString,
        host: String? = nil,
        scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// An HTTP header name and value (core/v1 `HTTPHeader`; Gateway API's `HTTPHeader` has the same shape).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct HTTPHeader: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Opens a TCP connection; success means healthy (core/v1 `TCPSocketAction`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct TCPSocketAction: Codable, Sendable, Hashable {
    /// The port number or container port name.
    public var port: IntOrString
    /// The host to connect to; defaults to the pod IP.
    public var host: String?

    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// Calls the gRPC health checking protocol (core/v1 `GRPCAction`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe>.
public struct GRPCAction: Codable, Sendable, Hashable {
    public var port: Int32
    /// The service name sent in the `HealthCheckRequest`; empty means the server's overall health.
    public var service: String?

    public init(port: Int32, service: String? = nil) {
        self.port = port
        self.service = service
    }
}
