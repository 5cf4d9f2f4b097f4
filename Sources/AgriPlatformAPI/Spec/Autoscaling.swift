/// Horizontal autoscaling (ECS Application Auto Scaling, App Runner auto scaling), rendered as an autoscaling/v2
/// HorizontalPodAutoscaler that owns the Deployment's replica count.
///
/// At least one target is required. CPU and memory targets are percentages of the pod's *requests*, as ECS target
/// tracking is of the task's reservation. Request-rate and concurrency targets are per-pod custom metrics and need
/// a metrics adapter (for example prometheus-adapter) serving them under ``metricName``-style names.
public struct Autoscaling: Codable, Sendable, Hashable {
    /// The fewest pods, at least 1.
    public var minReplicas: Int32
    /// The most pods, at least ``minReplicas``.
    public var maxReplicas: Int32
    /// Target average CPU use as a percentage of the request, 1–100.
    public var targetCPUUtilization: Int32?
    /// Target average memory use as a percentage of the request, 1–100.
    public var targetMemoryUtilization: Int32?
    /// Target request rate per pod (ALB `RequestCountPerTarget`).
    public var requestRate: RequestRateTarget?
    /// Target concurrent requests per pod (App Runner's concurrency setting).
    public var concurrentRequests: MetricTarget?
    /// Seconds the HPA waits with load above target before adding pods; defaults to 0 (as Kubernetes and ECS
    /// scale-out cool-down).
    public var scaleOutStabilizationSeconds: Int32?
    /// Seconds load must stay below target before pods are removed, 0–3600; defaults to 300.
    public var scaleInStabilizationSeconds: Int32?

    /// Creates autoscaling between `minReplicas` and `maxReplicas`; set at least one target.
    public init(minReplicas: Int32, maxReplicas: Int32) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
    }
}

/// A request-rate target per pod, per second or per minute as the AWS plans state it.
public struct RequestRateTarget: Codable, Sendable, Hashable {
    /// Requests per pod per ``per``, at least 1.
    public var targetPerPod: Int32
    /// `Second` (default) or `Minute`.
    public var per: String?
    /// The per-pod metric served by the metrics adapter; defaults to `http_requests_per_second`.
    public var metricName: String?

    /// Creates a target of `targetPerPod` requests per second (or per ``per``).
    public init(targetPerPod: Int32, per: String? = nil) {
        self.targetPerPod = targetPerPod
        self.per = per
    }
}

/// A target average value for a per-pod metric.
public struct MetricTarget: Codable, Sendable, Hashable {
    /// The target average per pod, at least 1.
    public var targetPerPod: Int32
    /// The per-pod metric served by the metrics adapter; for concurrency it defaults to `http_requests_in_flight`.
    public var metricName: String?

    /// Creates a target average of `targetPerPod`.
    public init(targetPerPod: Int32) {
        self.targetPerPod = targetPerPod
    }
}
