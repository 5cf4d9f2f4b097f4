/// The default alerts the operator generates, named as in the rendered PrometheusRule.
///
/// Service alerts are rendered once per service, datastore alerts once per operated datastore whose engine they
/// apply to. Each has a default threshold, `for` duration and severity (``Defaults/Observability/settings(for:)``),
/// which ``AlertOverride`` changes. `docs/observability.md` shows each seed's CloudWatch alarm next to its alert.
///
/// An open set in the Kubernetes style: decoding keeps any value, validation reports names that are not ``known``.
public struct ObservabilityAlert: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Pods of the Deployment not available (ALB "unhealthy targets > 0"); threshold: unavailable pods.
    public static let replicasUnavailable = Self(rawValue: "ReplicasUnavailable")
    /// Desired replicas differ from available ones (ECS "desired ≠ running"); threshold: the difference.
    public static let replicasMismatch = Self(rawValue: "ReplicasMismatch")
    /// Containers restarting; threshold: restarts of one container within 15 minutes.
    public static let crashLooping = Self(rawValue: "CrashLooping")
    /// The HorizontalPodAutoscaler at its maximum; rendered only with `autoscaling`; no threshold.
    public static let autoscalerAtMax = Self(rawValue: "AutoscalerAtMax")
    /// The share of 5xx responses; threshold in percent.
    public static let highErrorRate = Self(rawValue: "HighErrorRate")
    /// The share of 4xx responses; threshold in percent.
    public static let highClientErrorRate = Self(rawValue: "HighClientErrorRate")
    /// The 99th percentile of request durations; threshold in seconds.
    public static let highLatency = Self(rawValue: "HighLatency")
    /// A container's memory working set against its limit (or request); threshold in percent.
    public static let highMemory = Self(rawValue: "HighMemory")
    /// A datastore member's exporter or metrics endpoint reports it down, or cannot be scraped; no threshold.
    public static let datastoreDown = Self(rawValue: "DatastoreDown")
    /// StatefulSet members not ready (a replica set or cluster member down); threshold: members not ready.
    public static let datastoreMemberDown = Self(rawValue: "DatastoreMemberDown")
    /// A datastore member's CPU against its request; threshold in percent.
    public static let datastoreCPUHigh = Self(rawValue: "DatastoreCPUHigh")
    /// Free space on a datastore member's volume; threshold in percent of the volume.
    public static let datastoreStorageLow = Self(rawValue: "DatastoreStorageLow")
    /// PostgreSQL connections against `max_connections`; threshold in percent.
    public static let postgreSQLConnectionsHigh = Self(rawValue: "PostgreSQLConnectionsHigh")
    /// Redis memory against `maxmemory` (when one is set); threshold in percent.
    public static let redisMemoryHigh = Self(rawValue: "RedisMemoryHigh")
    /// A RabbitMQ node's memory or disk alarm, which blocks publishers; no threshold.
    public static let rabbitMQResourceAlarm = Self(rawValue: "RabbitMQResourceAlarm")
    /// RabbitMQ nodes seeing fewer cluster peers than the cluster has (a partition or a node down); no threshold.
    public static let rabbitMQPartition = Self(rawValue: "RabbitMQPartition")
    /// Consul servers without a Raft leader; no threshold.
    public static let consulLeaderLost = Self(rawValue: "ConsulLeaderLost")
    /// The last backup Job failed; no threshold.
    public static let backupFailed = Self(rawValue: "BackupFailed")
    /// No successful backup for too long; threshold in hours.
    public static let backupLate = Self(rawValue: "BackupLate")

    /// The alerts rendered per service.
    public static let serviceAlerts: [Self] = [
        .replicasUnavailable, .replicasMismatch, .crashLooping, .autoscalerAtMax, .highErrorRate, .highClientErrorRate,
        .highLatency, .highMemory,
    ]
    /// The alerts rendered per operated datastore (each only for the engines it applies to).
    public static let datastoreAlerts: [Self] = [
        .datastoreDown, .datastoreMemberDown, .datastoreCPUHigh, .datastoreStorageLow, .postgreSQLConnectionsHigh,
        .redisMemoryHigh, .rabbitMQResourceAlarm, .rabbitMQPartition, .consulLeaderLost, .backupFailed, .backupLate,
    ]
    /// Every alert this version of the API knows.
    public static var known: [Self] { serviceAlerts + datastoreAlerts }
}

/// A change to one default alert: its threshold, `for` duration or severity, or turning it off.
public struct AlertOverride: Codable, Sendable, Hashable {
    /// The alert, e.g. `HighLatency`.
    public var name: ObservabilityAlert
    /// Whether the alert is rendered; defaults to `true`.
    public var enabled: Bool?
    /// The threshold, in the alert's unit (see ``ObservabilityAlert``), e.g. `5` for a p99 of 5 seconds.
    public var threshold: Double?
    /// How long the condition must hold before the alert fires, a Prometheus duration such as `10m`; `0s` fires at
    /// once.
    public var `for`: String?
    /// `critical` or `warning`.
    public var severity: AlertSeverity?

    /// Creates an override of `name`; `nil` keeps the default.
    public init(
        name: ObservabilityAlert,
        enabled: Bool? = nil,
        threshold: Double? = nil,
        for duration: String? = nil,
        severity: AlertSeverity? = nil
    ) {
        self.name = name
        self.enabled = enabled
        self.threshold = threshold
        self.for = duration
        self.severity = severity
    }
}

/// How urgent an alert is, as its `severity` label says: Alertmanager routes `critical` to the pager.
/// An open set: decoding keeps any value, validation reports the ones that are not ``known``.
public struct AlertSeverity: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Immediate action.
    public static let critical = Self(rawValue: "critical")
    /// Investigation.
    public static let warning = Self(rawValue: "warning")
    /// Every value this version of the API accepts.
    public static let known: [Self] = [.critical, .warning]
}

/// A user's own alert rule, added to the platform's PrometheusRule with the platform's labels.
public struct AlertRule: Codable, Sendable, Hashable {
    /// The alert's name, a Prometheus metric name such as `ConstitutionalViolation`.
    public var name: String
    /// The PromQL expression; every series it returns is an alert.
    public var expr: String
    /// How long the expression must return a series before the alert fires; defaults to `0s`.
    public var `for`: String?
    /// `critical` or `warning`; defaults to `warning`.
    public var severity: AlertSeverity?
    /// The alert's one-line summary annotation.
    public var summary: String?
    /// Extra labels, e.g. `service: api`.
    public var labels: [String: String]?

    /// Creates a rule firing on `expr`.
    public init(name: String, expr: String, for duration: String? = nil, severity: AlertSeverity? = nil) {
        self.name = name
        self.expr = expr
        self.for = duration
        self.severity = severity
    }
}
