/// Prometheus scrape configuration for pods selected by labels (monitoring.coreos.com/v1 `PodMonitor`).
///
/// A custom resource installed with the Prometheus Operator, not part of core Kubernetes. The operator turns it into
/// Kubernetes service discovery (`role: pod`): every matching pod's named container port is a target, whether or
/// not a Service selects the pod.
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor>.
public struct PodMonitor: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "monitoring.coreos.com",
        version: "v1",
        kind: "PodMonitor",
        plural: "podmonitors",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodMonitorSpec?

    public init(metadata: ObjectMeta, spec: PodMonitorSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Which pods are scraped and how (monitoring.coreos.com/v1 `PodMonitorSpec`).
///
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitorSpec>.
public struct PodMonitorSpec: Codable, Sendable, Hashable {
    /// The pod label whose value becomes the `job` label; `<namespace>/<podmonitor>` when absent.
    public var jobLabel: String?
    /// Pod labels copied onto the scraped series.
    public var podTargetLabels: [String]?
    /// Selects the pods; required.
    public var selector: LabelSelector
    /// The namespaces the pods are looked up in; the PodMonitor's own when absent.
    public var namespaceSelector: MonitorNamespaceSelector?
    /// The container ports scraped, each with its settings.
    public var podMetricsEndpoints: [MonitorEndpoint]?

    public init(selector: LabelSelector, podMetricsEndpoints: [MonitorEndpoint]? = nil) {
        self.selector = selector
        self.podMetricsEndpoints = podMetricsEndpoints
    }
}
