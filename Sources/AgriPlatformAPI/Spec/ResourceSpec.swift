/// CPU and memory for one pod.
///
/// Amounts are written as Kubernetes quantities (`250m`, `0.5`, `512Mi`, `1Gi`) or in the units of the teams' AWS
/// plans (`0.25 vCPU`, `0.5 GB`, `1024 MB`), which ``ResourceUnits`` converts: a vCPU is one core and a GB is a GiB,
/// as ECS and App Runner size them.
///
/// `cpu` and `memory` are the requests the scheduler reserves. Unless ``limits`` says otherwise the memory limit
/// equals the request (an ECS task's memory is a hard limit too) and CPU is not limited, so a busy pod borrows idle
/// CPU instead of being throttled.
public struct ResourceSpec: Codable, Sendable, Hashable {
    /// The CPU request, e.g. `500m` or `0.5 vCPU`.
    public var cpu: String?
    /// The memory request, e.g. `1Gi` or `1 GB`.
    public var memory: String?
    /// Explicit limits, when the defaults above do not fit.
    public var limits: ResourceLimits?

    /// Creates a resource request.
    public init(cpu: String? = nil, memory: String? = nil, limits: ResourceLimits? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.limits = limits
    }
}

/// Explicit CPU and memory limits, in the same units as ``ResourceSpec``.
public struct ResourceLimits: Codable, Sendable, Hashable {
    /// The CPU limit; throttles the container above it.
    public var cpu: String?
    /// The memory limit; the container is OOM-killed above it. Must not be below the request.
    public var memory: String?

    /// Creates limits.
    public init(cpu: String? = nil, memory: String? = nil) {
        self.cpu = cpu
        self.memory = memory
    }
}
