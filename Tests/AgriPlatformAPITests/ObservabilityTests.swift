import Foundation
import KubeCore
import Testing

@testable import AgriPlatformAPI

/// `spec.observability` and services' `observability`: decoding, defaults and validation.
@Suite("Observability settings")
struct ObservabilityTests {
    static func spec(
        _ observability: PlatformObservability?,
        service configure: (inout PlatformService) -> Void = { _ in }
    ) -> AgriPlatformSpec {
        var service = PlatformService(name: "api", image: "ghcr.io/example/api:1")
        configure(&service)
        var spec = AgriPlatformSpec(services: [service])
        spec.observability = observability
        return spec
    }

    static func paths(_ spec: AgriPlatformSpec) -> [String] {
        spec.validate().map(\.path)
    }

    @Test("A spec without observability settings is valid")
    func absentIsValid() {
        #expect(Self.paths(Self.spec(nil)).isEmpty)
    }

    @Test("The observability block decodes from the YAML keys, including for")
    func decodes() throws {
        let json: JSONValue = [
            "enabled": true,
            "team": "kisanlink",
            "alerts": [["name": "HighLatency", "threshold": 5, "for": "10m", "severity": "critical"]],
            "rules": [["name": "ConstitutionalViolation", "expr": "violations_total > 0", "for": "0s"]],
            "dashboard": ["label": "grafana_dashboard", "labelValue": "1", "folder": "Agri"],
        ]
        let decoded = try json.decode(as: PlatformObservability.self)
        #expect(decoded.team == "kisanlink")
        #expect(decoded.alerts?.first?.name == .highLatency)
        #expect(decoded.alerts?.first?.threshold == 5)
        #expect(decoded.alerts?.first?.for == "10m")
        #expect(decoded.alerts?.first?.severity == .critical)
        #expect(decoded.rules?.first?.for == "0s")
        #expect(decoded.dashboard?.folder == "Agri")
        #expect(try JSONValue(encoding: decoded) == json)
    }

    @Test(
        "Every known alert has default settings with a valid duration and a known severity",
        arguments: ObservabilityAlert.known
    )
    func defaults(alert: ObservabilityAlert) {
        let settings = Defaults.Observability.settings(for: alert)
        #expect(NameSyntax.matches(settings.for, APIConstraints.prometheusDurationPattern))
        #expect(AlertSeverity.known.contains(settings.severity))
        #expect(settings.threshold >= 0)
    }

    @Test("Service and datastore alerts partition the known alerts")
    func partition() {
        #expect(Set(ObservabilityAlert.serviceAlerts).isDisjoint(with: ObservabilityAlert.datastoreAlerts))
        #expect(Set(ObservabilityAlert.known).count == ObservabilityAlert.known.count)
    }

    /// One invalid setting each, with the path validation must report.
    static let invalid: [(String, PlatformObservability, String)] = {
        func make(_ change: (inout PlatformObservability) -> Void) -> PlatformObservability {
            var observability = PlatformObservability()
            change(&observability)
            return observability
        }
        return [
            (
                "unknown alert", make { $0.alerts = [AlertOverride(name: ObservabilityAlert(rawValue: "Nope"))] },
                "spec.observability.alerts[0].name"
            ),
            (
                "duplicate alert",
                make { $0.alerts = [AlertOverride(name: .highLatency), AlertOverride(name: .highLatency)] },
                "spec.observability.alerts[1].name"
            ),
            (
                "negative threshold", make { $0.alerts = [AlertOverride(name: .highMemory, threshold: -1)] },
                "spec.observability.alerts[0].threshold"
            ),
            (
                "bad for", make { $0.alerts = [AlertOverride(name: .highMemory, for: "5 minutes")] },
                "spec.observability.alerts[0].for"
            ),
            (
                "bad severity",
                make { $0.alerts = [AlertOverride(name: .highMemory, severity: AlertSeverity(rawValue: "page"))] },
                "spec.observability.alerts[0].severity"
            ),
            ("bad scrape interval", make { $0.scrapeInterval = "30" }, "spec.observability.scrapeInterval"),
            (
                "rule name", make { $0.rules = [AlertRule(name: "bad-name", expr: "up == 0")] },
                "spec.observability.rules[0].name"
            ),
            ("empty expr", make { $0.rules = [AlertRule(name: "Up", expr: "")] }, "spec.observability.rules[0].expr"),
            (
                "duplicate rule",
                make { $0.rules = [AlertRule(name: "Up", expr: "up"), AlertRule(name: "Up", expr: "up")] },
                "spec.observability.rules[1].name"
            ),
            ("reserved label", make { $0.labels = ["severity": "low"] }, "spec.observability.labels[severity]"),
            ("label name", make { $0.labels = ["bad-key": "x"] }, "spec.observability.labels[bad-key]"),
            (
                "metric name", make { $0.metrics = ObservabilityMetrics(requests: "http-requests") },
                "spec.observability.metrics.requests"
            ),
            (
                "status code label", make { $0.metrics = ObservabilityMetrics(statusCodeLabel: "status:code") },
                "spec.observability.metrics.statusCodeLabel"
            ),
        ]
    }()

    @Test("Each invalid platform setting is reported at its path", arguments: invalid.indices)
    func invalidPlatform(index: Int) {
        let (name, observability, path) = Self.invalid[index]
        let paths = Self.paths(Self.spec(observability))
        #expect(paths == [path], "\(name)")
    }

    @Test("A valid block with overrides, rules, labels and a dashboard passes")
    func validBlock() {
        var observability = PlatformObservability(team: "kisanlink")
        observability.alerts = [AlertOverride(name: .highLatency, threshold: 5, for: "5m", severity: .critical)]
        observability.rules = [AlertRule(name: "ConstitutionalViolation", expr: "violations_total > 0")]
        observability.labels = ["pager": "ops"]
        observability.scrapeInterval = "15s"
        observability.dashboard = ObservabilityDashboard(label: "grafana_dashboard", labelValue: "1")
        #expect(Self.paths(Self.spec(observability)).isEmpty)
    }

    @Test("A service override names one of the service's ports and only service alerts")
    func serviceOverride() {
        let spec = Self.spec(nil) { service in
            var settings = ServiceObservability()
            settings.port = "metrics"
            settings.path = "metrics"
            settings.alerts = [AlertOverride(name: .backupLate), AlertOverride(name: .highErrorRate, threshold: 2)]
            service.observability = settings
        }
        #expect(
            Self.paths(spec) == [
                "spec.services[0].observability.alerts[0].name",
                "spec.services[0].observability.port",
                "spec.services[0].observability.path",
            ]
        )
    }

    @Test("The CRD schema describes the observability block with enums and duration patterns")
    func schema() throws {
        let schema = AgriPlatformSpec.openAPISchema
        let observability = try #require(schema.properties?["observability"])
        let alert = try #require(observability.properties?["alerts"]?.items)
        #expect(alert.properties?["name"]?.enum?.count == ObservabilityAlert.known.count)
        #expect(alert.properties?["for"]?.pattern == APIConstraints.prometheusDurationPattern)
        #expect(PlatformService.openAPISchema.properties?["observability"] != nil)
        #expect(AgriPlatformStatus.openAPISchema.properties?["observability"] != nil)
    }

    @Test(
        "The duration pattern accepts Prometheus durations and rejects others",
        arguments: [
            ("0s", true), ("0", true), ("5m", true), ("1h30m", true), ("250ms", true), ("5", false),
            ("5 m", false), ("-5m", false), ("", false), ("1.5h", false),
        ]
    )
    func durations(text: String, valid: Bool) {
        #expect(NameSyntax.matches(text, APIConstraints.prometheusDurationPattern) == valid)
    }
}
