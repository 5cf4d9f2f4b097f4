/// Monitoring of the whole platform: the scrape configuration, the alert rules and the Grafana dashboard the
/// operator renders when the Prometheus Operator's APIs (`monitoring.coreos.com/v1`) are served.
///
/// On by default: with the Prometheus Operator installed, every service gets a `PodMonitor`, every operated datastore
/// with a metrics endpoint a `PodMonitor`, the platform one `PrometheusRule` holding the default alerts (see
/// ``ObservabilityAlert``) and the ``rules`` given here, and a dashboard `ConfigMap` for the Grafana sidecar. Without
/// those APIs nothing is rendered and the status says so (`status.observability`). `enabled: false` renders none of
/// it. A service's ``PlatformService/observability`` overrides these settings for that service.
public struct PlatformObservability: Codable, Sendable, Hashable {
    /// Whether monitors, rules and the dashboard are rendered; defaults to `true`.
    public var enabled: Bool?
    /// The `team` label on every alert, for Alertmanager routing, e.g. `kisanlink`; defaults to the `team` entry of
    /// ``AgriPlatformSpec/commonLabels``, and without one alerts have no `team` label.
    public var team: String?
    /// Extra labels on every alert, e.g. `pager: ops`; `namespace`, `service`, `datastore`, `agriplatform`,
    /// `severity` and `team` are set by the operator and cannot be replaced here.
    public var labels: [String: String]?
    /// The metric names the services export; each service may override them.
    public var metrics: ObservabilityMetrics?
    /// Changes to the default alerts (thresholds, `for` durations, severities, or turning one off), at most one
    /// entry per alert name.
    public var alerts: [AlertOverride]?
    /// Extra alert rules, written in PromQL, added to the platform's PrometheusRule.
    public var rules: [AlertRule]?
    /// How often Prometheus scrapes the platform's pods, a Prometheus duration; defaults to `30s`.
    public var scrapeInterval: String?
    /// The Grafana dashboard.
    public var dashboard: ObservabilityDashboard?
    /// Labels on the PodMonitors and the PrometheusRule, for a Prometheus whose `podMonitorSelector` or
    /// `ruleSelector` requires them, e.g. `release: kube-prometheus-stack`.
    public var monitorLabels: [String: String]?

    /// Creates settings where every field takes its default.
    public init(enabled: Bool? = nil, team: String? = nil) {
        self.enabled = enabled
        self.team = team
    }
}

/// One service's monitoring settings, over the platform's ``PlatformObservability``.
public struct ServiceObservability: Codable, Sendable, Hashable {
    /// Whether this service is scraped and alerted on; defaults to the platform's setting.
    public var enabled: Bool?
    /// The `team` label on this service's alerts; defaults to the platform's.
    public var team: String?
    /// The container port Prometheus scrapes, by name; defaults to a port named `metrics`, else the primary port.
    public var port: String?
    /// The HTTP path of the metrics; defaults to `/metrics`.
    public var path: String?
    /// The metric names this service exports, each over the platform's.
    public var metrics: ObservabilityMetrics?
    /// Changes to this service's default alerts, applied after the platform's.
    public var alerts: [AlertOverride]?

    /// Creates settings where every field takes the platform's value or its default.
    public init(enabled: Bool? = nil) {
        self.enabled = enabled
    }
}

/// The Prometheus metric names a service exports for its requests and their latency.
///
/// The defaults are what the Prometheus client libraries' HTTP instrumentation exports: a counter
/// `http_requests_total` labelled with the status code `code`, and a histogram `http_request_duration_seconds` in
/// seconds. The same names the release analysis uses (``RolloutAnalysis``).
public struct ObservabilityMetrics: Codable, Sendable, Hashable {
    /// The request counter; defaults to `http_requests_total`.
    public var requests: String?
    /// The request-duration histogram in seconds, without `_bucket`; defaults to `http_request_duration_seconds`.
    public var latency: String?
    /// The label of the request counter holding the HTTP status code; defaults to `code`.
    public var statusCodeLabel: String?

    /// Creates metric names; `nil` keeps a default.
    public init(requests: String? = nil, latency: String? = nil, statusCodeLabel: String? = nil) {
        self.requests = requests
        self.latency = latency
        self.statusCodeLabel = statusCodeLabel
    }
}

/// The Grafana dashboard of the platform, as a ConfigMap that the Grafana dashboard sidecar
/// (`kiwigrid/k8s-sidecar`, as the Grafana Helm chart runs it) loads.
public struct ObservabilityDashboard: Codable, Sendable, Hashable {
    /// Whether the dashboard ConfigMap is rendered; defaults to `true`.
    public var enabled: Bool?
    /// The label the sidecar selects dashboard ConfigMaps by; defaults to `grafana_dashboard`.
    public var label: String?
    /// The value of ``label``; defaults to `"1"`.
    public var labelValue: String?
    /// The Grafana folder, as the sidecar's `grafana_folder` annotation; absent leaves the sidecar's default.
    public var folder: String?

    /// Creates dashboard settings; `nil` keeps a default.
    public init(enabled: Bool? = nil, label: String? = nil, labelValue: String? = nil, folder: String? = nil) {
        self.enabled = enabled
        self.label = label
        self.labelValue = labelValue
        self.folder = folder
    }
}
