/// Prometheus alerting and recording rules (monitoring.coreos.com/v1 `PrometheusRule`).
///
/// A custom resource installed with the Prometheus Operator, not part of core Kubernetes. Its `spec` is a Prometheus
/// rule file (`groups:`), which the operator mounts into every Prometheus that selects it.
/// See <https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule>.
public struct PrometheusRule: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "monitoring.coreos.com",
        version: "v1",
        kind: "PrometheusRule",
        plural: "prometheusrules",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PrometheusRuleSpec?

    public init(metadata: ObjectMeta, spec: PrometheusRuleSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// The rule groups (monitoring.coreos.com/v1 `PrometheusRuleSpec`): the body of a Prometheus rule file.
///
/// See <https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/#rule_group>.
public struct PrometheusRuleSpec: Codable, Sendable, Hashable {
    public var groups: [PrometheusRuleGroup]?

    public init(groups: [PrometheusRuleGroup]? = nil) {
        self.groups = groups
    }
}

/// Rules evaluated together, in order, at one interval (monitoring.coreos.com/v1 `RuleGroup`).
public struct PrometheusRuleGroup: Codable, Sendable, Hashable {
    /// Unique within the PrometheusRule.
    public var name: String
    /// How often the rules are evaluated, a Prometheus duration; Prometheus's global evaluation interval when absent.
    public var interval: String?
    public var rules: [PrometheusRuleEntry]?

    public init(name: String, interval: String? = nil, rules: [PrometheusRuleEntry]? = nil) {
        self.name = name
        self.interval = interval
        self.rules = rules
    }
}

/// One alerting rule (``alert``) or recording rule (``record``) (monitoring.coreos.com/v1 `Rule`).
///
/// See <https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/>.
public struct PrometheusRuleEntry: Codable, Sendable, Hashable {
    /// The alert's name, for an alerting rule.
    public var alert: String?
    /// The recorded series' name, for a recording rule.
    public var record: String?
    /// The PromQL expression.
    public var expr: String
    /// How long the expression must return a series before the alert fires, a Prometheus duration.
    public var `for`: String?
    /// Labels added to the alert or the recorded series.
    public var labels: [String: String]?
    /// The alert's annotations, e.g. `summary` and `description`.
    public var annotations: [String: String]?

    public init(alert: String, expr: String, for duration: String? = nil, labels: [String: String]? = nil) {
        self.alert = alert
        self.expr = expr
        self.for = duration
        self.labels = labels
    }
}
