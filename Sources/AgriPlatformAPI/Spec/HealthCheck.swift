/// A health check in load-balancer terms (an ALB target group's or App Runner's), which the renderer turns into
/// Kubernetes probes:
///
/// - **readiness**: `path` every `intervalSeconds`, ready after `healthyThreshold` successes, out of the Service's
///   endpoints after `unhealthyThreshold` failures — what the target group did;
/// - **liveness**: the same check, restarting the container after `unhealthyThreshold` failures (Kubernetes requires
///   a success threshold of 1 here); off when ``liveness`` is `false`;
/// - **start-up**: while the first `startupGracePeriodSeconds` pass (the ECS health check grace period, which
///   covers migrations at start-up) neither of the above runs, so a slow start is not killed.
public struct HealthCheck: Codable, Sendable, Hashable {
    /// `HTTP` (default), `TCP` or `GRPC`.
    public var type: String?
    /// The HTTP path, e.g. `/health`; required for `HTTP`.
    public var path: String?
    /// The port's name or number; defaults to the service's primary port.
    public var port: String?
    /// Seconds between checks, 1–300; defaults to 30 (the ALB default).
    public var intervalSeconds: Int32?
    /// Seconds before one check counts as failed, 1–120 and below the interval; defaults to 5.
    public var timeoutSeconds: Int32?
    /// Consecutive successes before a pod receives traffic, 1–10; defaults to 2.
    public var healthyThreshold: Int32?
    /// Consecutive failures before a pod stops receiving traffic (and is restarted), 1–10; defaults to 3.
    public var unhealthyThreshold: Int32?
    /// Seconds a new pod gets to start before the checks count, 0–3600; defaults to 0.
    public var startupGracePeriodSeconds: Int32?
    /// Whether failing checks also restart the container; defaults to `true`.
    public var liveness: Bool?

    /// Creates an HTTP health check on `path`.
    public init(path: String) {
        self.path = path
    }

    /// Creates a health check of another type, e.g. `TCP`.
    public init(type: String) {
        self.type = type
    }
}
