public import KubeCore

extension APIConstraints {
    /// A Prometheus duration (`30s`, `1h30m`, `0s`), as `model.ParseDuration` reads it.
    package static let prometheusDurationPattern = "^(0|([0-9]+(ms|s|m|h|d|w|y))+)$"
    /// At most this many alert overrides or extra rules.
    package static let maxAlertRules = 64
    /// At most this many characters in a PromQL expression.
    package static let maxExpressionLength = 4096
    /// Alert labels the operator sets itself.
    package static let reservedAlertLabels = ["namespace", "service", "severity", "team", "datastore", "agriplatform"]
}

extension JSONSchemaProps {
    /// A Prometheus duration such as `5m`.
    static func prometheusDuration(_ description: String) -> Self {
        string(description, maxLength: 32, pattern: APIConstraints.prometheusDurationPattern)
    }

    /// A Prometheus metric or label name.
    static func prometheusName(_ description: String, pattern: String = APIConstraints.metricNamePattern) -> Self {
        string(description, maxLength: APIConstraints.shortStringMaxLength, minLength: 1, pattern: pattern)
    }

    /// A map of Prometheus labels. Its keys' syntax is checked by ``AgriPlatform/validate()`` only: a CEL
    /// `matches()` rule is outside the subset the test server evaluates.
    static func prometheusLabels(_ description: String) -> Self {
        stringMap(description)
    }
}

extension PlatformObservability: SchemaDescribing {
    /// Platform-wide monitoring.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "Monitors, alert rules and a Grafana dashboard, rendered when the Prometheus Operator's APIs are served. "
                + "Reference: docs/observability.md.",
            properties: [
                "enabled": .boolean("Whether monitors, rules and the dashboard are rendered. Default true."),
                "team": .string("The team label on every alert, for Alertmanager routing.", maxLength: 63),
                "labels": .prometheusLabels(
                    "Extra labels on every alert; namespace, service, datastore, agriplatform, severity and team are the "
                        + "operator's."
                ),
                "metrics": ObservabilityMetrics.openAPISchema,
                "alerts": .array(
                    "Changes to the default alerts: threshold, for, severity, or enabled false; one entry per name.",
                    of: AlertOverride.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxAlertRules,
                    mapKeys: ["name"]
                ),
                "rules": .array(
                    "Extra alert rules in PromQL, added to the platform's PrometheusRule; names are unique.",
                    of: AlertRule.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxAlertRules,
                    mapKeys: ["name"]
                ),
                "scrapeInterval": .prometheusDuration("How often Prometheus scrapes the pods. Default 30s."),
                "dashboard": ObservabilityDashboard.openAPISchema,
                "monitorLabels": .stringMap(
                    "Labels on the PodMonitors and the PrometheusRule, for a Prometheus whose podMonitorSelector or "
                        + "ruleSelector requires them, e.g. release: kube-prometheus-stack."
                ),
            ]
        )
    }
}

extension ServiceObservability: SchemaDescribing {
    /// One service's monitoring.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "This service's monitoring, over spec.observability.",
            properties: [
                "enabled": .boolean("Whether this service is scraped and alerted on. Default: the platform's."),
                "team": .string("The team label on this service's alerts. Default: the platform's.", maxLength: 63),
                "port": .string(
                    "The container port scraped, by name. Default: a port named metrics, else the primary port.",
                    maxLength: APIConstraints.portNameMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.portNamePattern
                ),
                "path": .string(
                    "The HTTP path of the metrics. Default /metrics.",
                    maxLength: APIConstraints.longStringMaxLength,
                    pattern: "^/"
                ),
                "metrics": ObservabilityMetrics.openAPISchema,
                "alerts": .array(
                    "Changes to this service's default alerts, after the platform's; one entry per name.",
                    of: AlertOverride.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxAlertRules,
                    mapKeys: ["name"]
                ),
            ]
        )
    }
}

extension ObservabilityMetrics: SchemaDescribing {
    /// The metric names a service exports.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "The metric names the services export. Defaults: the Prometheus client libraries' HTTP metrics.",
            properties: [
                "requests": .prometheusName(
                    "The request counter, labelled by status code. Default http_requests_total."
                ),
                "latency": .prometheusName(
                    "The request-duration histogram in seconds, without _bucket. Default http_request_duration_seconds."
                ),
                "statusCodeLabel": .prometheusName(
                    "The request counter's status-code label. Default code.",
                    pattern: APIConstraints.prometheusLabelPattern
                ),
            ]
        )
    }
}

extension ObservabilityDashboard: SchemaDescribing {
    /// The Grafana dashboard.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "The Grafana dashboard, as a ConfigMap the Grafana dashboard sidecar loads.",
            properties: [
                "enabled": .boolean("Whether the dashboard ConfigMap is rendered. Default true."),
                "label": .string(
                    "The label the sidecar selects dashboards by. Default grafana_dashboard.",
                    maxLength: APIConstraints.shortStringMaxLength,
                    minLength: 1
                ),
                "labelValue": .string("The label's value. Default \"1\".", maxLength: 63),
                "folder": .string("The Grafana folder (the sidecar's grafana_folder annotation).", maxLength: 253),
            ]
        )
    }
}

extension AlertOverride: SchemaDescribing {
    /// A change to one default alert.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A change to one default alert.",
            properties: [
                "name": .string(
                    "The default alert, e.g. HighLatency.",
                    values: ObservabilityAlert.known.map(\.rawValue)
                ),
                "enabled": .boolean("Whether the alert is rendered. Default true."),
                "threshold": .number("The threshold in the alert's unit (percent, seconds, count or hours)."),
                "for": .prometheusDuration("How long the condition holds before the alert fires, e.g. 10m."),
                "severity": .string("critical or warning.", values: AlertSeverity.known.map(\.rawValue)),
            ],
            required: ["name"]
        )
    }
}

extension AlertRule: SchemaDescribing {
    /// A user's alert rule.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "An extra alert rule, with the platform's namespace, team and labels.",
            properties: [
                "name": .prometheusName("The alert's name, e.g. ConstitutionalViolation."),
                "expr": .string(
                    "The PromQL expression; every series it returns is an alert.",
                    maxLength: APIConstraints.maxExpressionLength,
                    minLength: 1
                ),
                "for": .prometheusDuration("How long the expression holds before the alert fires. Default 0s."),
                "severity": .string(
                    "critical or warning. Default warning.",
                    values: AlertSeverity.known.map(\.rawValue)
                ),
                "summary": .string("The summary annotation.", maxLength: APIConstraints.longStringMaxLength),
                "labels": .prometheusLabels("Extra labels, e.g. service: api."),
            ],
            required: ["name", "expr"]
        )
    }
}
