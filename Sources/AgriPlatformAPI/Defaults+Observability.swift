extension Defaults {
    /// Monitoring defaults (``PlatformObservability``).
    public enum Observability {
        /// How often Prometheus scrapes the platform's pods.
        public static let scrapeInterval = "30s"
        /// The HTTP path of the services' metrics.
        public static let metricsPath = "/metrics"
        /// The name of the container port scraped when a service has one; else its primary port is.
        public static let metricsPortName = "metrics"
        /// The request counter, labelled with the status code.
        public static let requestsMetric = Analysis.requestsMetric
        /// The request-duration histogram in seconds, without `_bucket`.
        public static let latencyMetric = Analysis.latencyMetric
        /// The label of the request counter holding the HTTP status code.
        public static let statusCodeLabel = Analysis.statusCodeLabel
        /// The label the Grafana sidecar selects dashboard ConfigMaps by (the Grafana Helm chart's default).
        public static let dashboardLabel = "grafana_dashboard"
        /// The value of ``dashboardLabel``.
        public static let dashboardLabelValue = "1"
        /// The window of the `rate()`s in the request alerts and the dashboard.
        public static let rateWindow = "5m"

        /// An alert's threshold, `for` duration and severity.
        public struct AlertSettings: Sendable, Hashable {
            /// The threshold, in the alert's unit (see ``ObservabilityAlert``).
            public var threshold: Double
            /// How long the condition must hold, a Prometheus duration.
            public var `for`: String
            /// The severity label.
            public var severity: AlertSeverity

            /// Creates settings.
            public init(threshold: Double, for duration: String, severity: AlertSeverity) {
                self.threshold = threshold
                self.for = duration
                self.severity = severity
            }
        }

        /// The default settings of `alert`, from the seeds' CloudWatch alarm lists where they name one
        /// (`docs/observability.md`); an alert this version does not know gets `0`, `5m`, `warning`.
        public static func settings(for alert: ObservabilityAlert) -> AlertSettings {
            switch alert {
            // Farmers Module: "ALB Unhealthy Targets > 0 for 5 minutes" (critical).
            case .replicasUnavailable: AlertSettings(threshold: 0, for: "5m", severity: .critical)
            // Farmers Module: "ECS Desired ≠ Running for 10 minutes" (critical).
            case .replicasMismatch: AlertSettings(threshold: 0, for: "10m", severity: .critical)
            case .crashLooping: AlertSettings(threshold: 3, for: "5m", severity: .warning)
            case .autoscalerAtMax: AlertSettings(threshold: 0, for: "15m", severity: .warning)
            // Farmers Module: "ALB 5xx Error Rate > 5% for 5 minutes" (critical).
            case .highErrorRate: AlertSettings(threshold: 5, for: "5m", severity: .critical)
            // Farmers Module: "ALB 4xx Error Rate > 10% for 10 minutes" (warning).
            case .highClientErrorRate: AlertSettings(threshold: 10, for: "10m", severity: .warning)
            // Farmers Module: "ALB Target Response Time > 1s (p99)" (warning).
            case .highLatency: AlertSettings(threshold: 1, for: "5m", severity: .warning)
            // Farmers Module: "ECS Memory Utilization > 80%" (warning).
            case .highMemory: AlertSettings(threshold: 80, for: "5m", severity: .warning)
            case .datastoreDown: AlertSettings(threshold: 0, for: "2m", severity: .critical)
            case .datastoreMemberDown: AlertSettings(threshold: 0, for: "5m", severity: .critical)
            // Farmers Module: "RDS CPU > 80% for 10 minutes" (critical).
            case .datastoreCPUHigh: AlertSettings(threshold: 80, for: "10m", severity: .critical)
            // Farmers Module: "RDS Free Storage < 10 GB" (critical), 10 % of its 100 GB volume.
            case .datastoreStorageLow: AlertSettings(threshold: 10, for: "5m", severity: .critical)
            // Farmers Module: "RDS Connection Count > 80 (80% of max)" (warning).
            case .postgreSQLConnectionsHigh: AlertSettings(threshold: 80, for: "5m", severity: .warning)
            case .redisMemoryHigh: AlertSettings(threshold: 90, for: "5m", severity: .warning)
            case .rabbitMQResourceAlarm: AlertSettings(threshold: 0, for: "2m", severity: .critical)
            case .rabbitMQPartition: AlertSettings(threshold: 0, for: "5m", severity: .critical)
            case .consulLeaderLost: AlertSettings(threshold: 0, for: "1m", severity: .critical)
            case .backupFailed: AlertSettings(threshold: 0, for: "1m", severity: .warning)
            case .backupLate: AlertSettings(threshold: 26, for: "10m", severity: .warning)
            default: AlertSettings(threshold: 0, for: "5m", severity: .warning)
            }
        }
    }
}
