/// Prometheus scrape configuration for the endpoints of Services selected by labels
/// (monitoring.coreos.com/v1 `ServiceMonitor`).
///
/// A custom resource installed with the Prometheus Operator, not part of core Kubernetes. The operator turns it into
/// Kubernetes service discovery (`role: endpoints`) in the configuration of every Prometheus that selects it.
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor>.
public struct ServiceMonitor: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "monitoring.coreos.com",
        version: "v1",
        kind: "ServiceMonitor",
        plural: "servicemonitors",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceMonitorSpec?

    public init(metadata: ObjectMeta, spec: ServiceMonitorSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Which Services are scraped and how (monitoring.coreos.com/v1 `ServiceMonitorSpec`).
///
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitorSpec>.
public struct ServiceMonitorSpec: Codable, Sendable, Hashable {
    /// The Service label whose value becomes the `job` label; the Service's name when absent.
    public var jobLabel: String?
    /// Pod labels copied onto the scraped series.
    public var podTargetLabels: [String]?
    /// Selects the Services; required.
    public var selector: LabelSelector
    /// The namespaces the Services are looked up in; the ServiceMonitor's own when absent.
    public var namespaceSelector: MonitorNamespaceSelector?
    /// The Service ports scraped, each with its settings.
    public var endpoints: [MonitorEndpoint]?

    public init(selector: LabelSelector, endpoints: [MonitorEndpoint]? = nil) {
        self.selector = selector
        self.endpoints = endpoints
    }
}

/// The namespaces a monitor looks in (monitoring.coreos.com/v1 `NamespaceSelector`).
public struct MonitorNamespaceSelector: Codable, Sendable, Hashable {
    /// Every namespace.
    public var any: Bool?
    /// These namespaces.
    public var matchNames: [String]?

    public init(any: Bool? = nil, matchNames: [String]? = nil) {
        self.any = any
        self.matchNames = matchNames
    }
}

/// One scraped port of a ServiceMonitor or PodMonitor (monitoring.coreos.com/v1 `Endpoint` and
/// `PodMetricsEndpoint`, which share these fields).
///
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Endpoint>.
public struct MonitorEndpoint: Codable, Sendable, Hashable {
    /// The port's name (the Service port's for a ServiceMonitor, the container port's for a PodMonitor).
    public var port: String?
    /// The HTTP path; `/metrics` when absent.
    public var path: String?
    /// `http` or `https`.
    public var scheme: String?
    /// URL query parameters, e.g. `format: [prometheus]`.
    public var params: [String: [String]]?
    /// The scrape interval, a Prometheus duration; Prometheus's global one when absent.
    public var interval: String?
    /// The scrape timeout, a Prometheus duration.
    public var scrapeTimeout: String?
    /// Whether labels of the scraped series win over target labels.
    public var honorLabels: Bool?
    /// Relabelings of the target before the scrape (setting target labels such as `service`).
    public var relabelings: [RelabelConfig]?
    /// Relabelings of the scraped samples before they are stored.
    public var metricRelabelings: [RelabelConfig]?

    public init(port: String? = nil, path: String? = nil, interval: String? = nil) {
        self.port = port
        self.path = path
        self.interval = interval
    }
}

/// One relabeling step (monitoring.coreos.com/v1 `RelabelConfig`, Prometheus's `relabel_config`).
///
/// See <https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config>.
public struct RelabelConfig: Codable, Sendable, Hashable {
    /// Labels whose values, joined by ``separator``, the ``regex`` is matched against.
    public var sourceLabels: [String]?
    /// Joins the source labels' values; `;` when absent.
    public var separator: String?
    /// The label written by `replace` and `hashmod`.
    public var targetLabel: String?
    /// The regular expression; `(.*)` when absent.
    public var regex: String?
    /// The value written, with `$1`-style references; `$1` when absent.
    public var replacement: String?
    /// `replace` (default), `keep`, `drop`, `labelmap`, `labeldrop`, `labelkeep`, `hashmod`, …
    public var action: String?

    public init(
        sourceLabels: [String]? = nil,
        targetLabel: String? = nil,
        regex: String? = nil,
        replacement: String? = nil,
        action: String? = nil
    ) {
        self.sourceLabels = sourceLabels
        self.targetLabel = targetLabel
        self.regex = regex
        self.replacement = replacement
        self.action = action
    }
}
