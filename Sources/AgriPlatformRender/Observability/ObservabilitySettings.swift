import AgriPlatformAPI
import KubeCore

/// The platform's monitoring settings with every default and override applied: what ``ObservabilityRender`` renders.
///
/// A service's settings are the platform's with the service's ``ServiceObservability`` laid over them; alert
/// overrides apply in order — defaults, then `spec.observability.alerts`, then the service's `alerts`.
struct ObservabilitySettings {
    /// One alert's resolved settings.
    struct Alert: Hashable {
        var enabled: Bool
        var threshold: Double
        var `for`: String
        var severity: AlertSeverity
    }

    /// One service's resolved settings.
    struct Service {
        let service: PlatformService
        let team: String?
        let requestsMetric: String
        let latencyMetric: String
        let statusCodeLabel: String
        /// The container port scraped, by name.
        let port: String
        let path: String
        let alerts: [ObservabilityAlert: Alert]

        /// The settings of `alert`.
        func alert(_ alert: ObservabilityAlert) -> Alert {
            alerts[alert] ?? ObservabilitySettings.defaults(alert)
        }
    }

    let platform: PlatformObservability
    let scrapeInterval: String
    /// The platform-wide team label, from `observability.team` or else the `team` common label.
    let team: String?
    /// Extra labels on every alert.
    let labels: [String: String]
    /// The datastore alerts' settings.
    let datastoreAlerts: [ObservabilityAlert: Alert]
    /// The services with observability on, in spec order.
    let services: [Service]
    let dashboardEnabled: Bool
    let dashboardLabel: String
    let dashboardLabelValue: String
    let dashboardFolder: String?

    /// The settings of `platform`, or `nil` when observability is off for the whole platform.
    init?(platform spec: AgriPlatformSpec) {
        let platform = spec.observability ?? PlatformObservability()
        guard platform.enabled ?? true else { return nil }
        self.platform = platform
        self.scrapeInterval = platform.scrapeInterval ?? Defaults.Observability.scrapeInterval
        let team = platform.team ?? spec.commonLabels?["team"]
        self.team = team
        self.labels = platform.labels ?? [:]
        let platformAlerts = Self.applying(platform.alerts, to: [:])
        self.datastoreAlerts = platformAlerts
        self.services = spec.services.compactMap { service -> Service? in
            let own = service.observability ?? ServiceObservability()
            guard own.enabled ?? true else { return nil }
            let ports = service.ports ?? [Defaults.port]
            let port =
                own.port
                ?? (ports.contains { $0.name == Defaults.Observability.metricsPortName }
                    ? Defaults.Observability.metricsPortName : ports.first?.name ?? Defaults.port.name)
            return Service(
                service: service,
                team: own.team ?? team,
                requestsMetric: own.metrics?.requests ?? platform.metrics?.requests
                    ?? Defaults.Observability.requestsMetric,
                latencyMetric: own.metrics?.latency ?? platform.metrics?.latency
                    ?? Defaults.Observability.latencyMetric,
                statusCodeLabel: own.metrics?.statusCodeLabel ?? platform.metrics?.statusCodeLabel
                    ?? Defaults.Observability.statusCodeLabel,
                port: port,
                path: own.path ?? Defaults.Observability.metricsPath,
                alerts: Self.applying(own.alerts, to: platformAlerts)
            )
        }
        let dashboard = platform.dashboard
        self.dashboardEnabled = dashboard?.enabled ?? true
        self.dashboardLabel = dashboard?.label ?? Defaults.Observability.dashboardLabel
        self.dashboardLabelValue = dashboard?.labelValue ?? Defaults.Observability.dashboardLabelValue
        self.dashboardFolder = dashboard?.folder
    }

    /// The settings of a datastore alert.
    func datastoreAlert(_ alert: ObservabilityAlert) -> Alert {
        datastoreAlerts[alert] ?? Self.defaults(alert)
    }

    /// An alert's defaults, enabled.
    static func defaults(_ alert: ObservabilityAlert) -> Alert {
        let settings = Defaults.Observability.settings(for: alert)
        return Alert(enabled: true, threshold: settings.threshold, for: settings.for, severity: settings.severity)
    }

    /// `base` with `overrides` applied.
    static func applying(
        _ overrides: [AlertOverride]?,
        to base: [ObservabilityAlert: Alert]
    ) -> [ObservabilityAlert: Alert] {
        var alerts = base
        for override in overrides ?? [] {
            var alert = alerts[override.name] ?? defaults(override.name)
            if let enabled = override.enabled { alert.enabled = enabled }
            if let threshold = override.threshold { alert.threshold = threshold }
            if let duration = override.for { alert.for = duration }
            if let severity = override.severity { alert.severity = severity }
            alerts[override.name] = alert
        }
        return alerts
    }
}
