import AgriPlatformAPI
import AgriPlatformRender
import Foundation
import KubeCore
import Testing

/// The monitoring objects: when they are rendered, what the settings change, and the alerts' expressions.
@Suite("Observability render")
struct ObservabilityRenderTests {
    static let available = RenderContext(verticalPodAutoscalerAvailable: false, prometheusOperatorAvailable: true)
    static let monitoringKinds: Set<String> = ["PodMonitor", "ServiceMonitor", "PrometheusRule"]

    static func platform(
        observability: PlatformObservability? = nil,
        datastores: [Datastore]? = nil,
        service configure: (inout PlatformService) -> Void = { _ in }
    ) -> AgriPlatform {
        var platform = RenderFixtures.platform(
            [RenderFixtures.service("api", configure: configure)],
            datastores: datastores
        )
        platform.spec.observability = observability
        return platform
    }

    /// Every rule of the rendered PrometheusRule `farm`, by alert name and `service`/`datastore` label.
    static func rules(_ objects: [DynamicObject]) -> [JSONValue] {
        let rule = RenderFixtures.object(objects, kind: "PrometheusRule", name: "farm")
        return (rule?[path: ["spec", "groups"]]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }
    }

    static func rule(_ objects: [DynamicObject], _ alert: ObservabilityAlert, owner: String = "api") -> JSONValue? {
        rules(objects).first {
            $0["alert"]?.stringValue == alert.rawValue
                && ($0[path: ["labels", "service"]] ?? $0[path: ["labels", "datastore"]])?.stringValue == owner
        }
    }

    @Test("Without the Prometheus Operator nothing is rendered for observability")
    func notAvailable() throws {
        let objects = try RenderFixtures.render(Self.platform(observability: PlatformObservability(enabled: true)))
        #expect(objects.allSatisfy { !Self.monitoringKinds.contains($0.kind ?? "") })
        #expect(RenderFixtures.object(objects, kind: "ConfigMap", name: "farm-grafana-dashboard") == nil)
    }

    @Test("With the Prometheus Operator a platform gets a PodMonitor per service, one PrometheusRule and a dashboard")
    func available() throws {
        let objects = try RenderFixtures.render(Self.platform(), context: Self.available)
        let monitor = try #require(RenderFixtures.object(objects, kind: "PodMonitor", name: "farm-api"))
        #expect(monitor["apiVersion"] == "monitoring.coreos.com/v1")
        #expect(
            monitor[path: ["spec", "selector", "matchLabels"]]
                == ["app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "farm"]
        )
        let endpoint = try #require(monitor[path: ["spec", "podMetricsEndpoints"]]?.arrayValue?.first)
        #expect(endpoint["port"] == "http")
        #expect(endpoint["path"] == "/metrics")
        #expect(endpoint["interval"] == "30s")
        let targets = endpoint["relabelings"]?.arrayValue?.compactMap { $0["targetLabel"]?.stringValue }
        #expect(targets == ["service", "revision"])
        #expect(RenderFixtures.object(objects, kind: "PrometheusRule", name: "farm") != nil)
        let dashboard = try #require(RenderFixtures.object(objects, kind: "ConfigMap", name: "farm-grafana-dashboard"))
        #expect(dashboard[path: ["metadata", "labels", "grafana_dashboard"]] == "1")
        #expect(objects.last?.kind == "PrometheusRule")
    }

    @Test("observability.enabled false on the platform renders nothing; on a service, nothing for that service")
    func disabled() throws {
        let off = try RenderFixtures.render(
            Self.platform(observability: PlatformObservability(enabled: false)),
            context: Self.available
        )
        #expect(off.allSatisfy { !Self.monitoringKinds.contains($0.kind ?? "") })
        #expect(RenderFixtures.object(off, kind: "ConfigMap", name: "farm-grafana-dashboard") == nil)

        let serviceOff = try RenderFixtures.render(
            Self.platform { $0.observability = ServiceObservability(enabled: false) },
            context: Self.available
        )
        #expect(RenderFixtures.object(serviceOff, kind: "PodMonitor", name: "farm-api") == nil)
        #expect(Self.rules(serviceOff).isEmpty)
    }

    @Test("A port named metrics is scraped rather than the primary port; observability.port and path override")
    func metricsPort() throws {
        let named = try RenderFixtures.render(
            Self.platform {
                $0.ports = [ServicePortSpec(name: "http", port: 8080), ServicePortSpec(name: "metrics", port: 9090)]
            },
            context: Self.available
        )
        let endpoint = RenderFixtures.object(named, kind: "PodMonitor", name: "farm-api")?[
            path: ["spec", "podMetricsEndpoints"]
        ]?.arrayValue?.first
        #expect(endpoint?["port"] == "metrics")

        let overridden = try RenderFixtures.render(
            Self.platform {
                var settings = ServiceObservability()
                settings.port = "http"
                settings.path = "/internal/metrics"
                $0.observability = settings
                $0.ports = [ServicePortSpec(name: "http", port: 8080), ServicePortSpec(name: "metrics", port: 9090)]
            },
            context: Self.available
        )
        let custom = RenderFixtures.object(overridden, kind: "PodMonitor", name: "farm-api")?[
            path: ["spec", "podMetricsEndpoints"]
        ]?.arrayValue?.first
        #expect(custom?["port"] == "http")
        #expect(custom?["path"] == "/internal/metrics")
    }

    @Test("Default alerts carry the seeds' thresholds, durations and severities with routing labels")
    func defaults() throws {
        var platform = Self.platform()
        platform.spec.commonLabels = ["team": "kisanlink"]
        let objects = try RenderFixtures.render(platform, context: Self.available)
        let errors = try #require(Self.rule(objects, .highErrorRate))
        #expect(errors["for"] == "5m")
        #expect(errors["expr"]?.stringValue?.hasSuffix("> 5") == true)
        #expect(
            errors["labels"]
                == [
                    "namespace": "prod", "service": "api", "agriplatform": "farm", "severity": "critical",
                    "team": "kisanlink",
                ]
        )
        let clientErrors = try #require(Self.rule(objects, .highClientErrorRate))
        #expect(clientErrors["for"] == "10m")
        #expect(clientErrors[path: ["labels", "severity"]] == "warning")
        let latency = try #require(Self.rule(objects, .highLatency)?["expr"]?.stringValue)
        #expect(latency.contains("histogram_quantile(0.99,"))
        #expect(latency.contains(#"http_request_duration_seconds_bucket{namespace="prod",service="api"}"#))
        #expect(Self.rule(objects, .autoscalerAtMax) == nil, "no autoscaling, no HPA alert")
    }

    @Test("Platform overrides apply to every service, and a service's overrides win")
    func overrides() throws {
        var observability = PlatformObservability()
        observability.alerts = [
            AlertOverride(name: .highLatency, threshold: 5, severity: .critical),
            AlertOverride(name: .highMemory, enabled: false),
        ]
        let platform = Self.platform(observability: observability) {
            var settings = ServiceObservability()
            settings.alerts = [AlertOverride(name: .highLatency, for: "2m")]
            settings.metrics = ObservabilityMetrics(requests: "requests_total", statusCodeLabel: "status")
            $0.observability = settings
        }
        let objects = try RenderFixtures.render(platform, context: Self.available)
        let latency = try #require(Self.rule(objects, .highLatency))
        #expect(latency["for"] == "2m")
        #expect(latency[path: ["labels", "severity"]] == "critical")
        #expect(latency["expr"]?.stringValue?.hasSuffix("> 5") == true)
        #expect(Self.rule(objects, .highMemory) == nil)
        let errors = try #require(Self.rule(objects, .highErrorRate)?["expr"]?.stringValue)
        #expect(errors.contains(#"requests_total{namespace="prod",service="api",status=~"5.."}"#))
    }

    @Test("monitorLabels label the PodMonitors and the PrometheusRule for a Prometheus's selectors")
    func monitorLabels() throws {
        var observability = PlatformObservability()
        observability.monitorLabels = ["release": "kube-prometheus-stack"]
        let objects = try RenderFixtures.render(
            Self.platform(observability: observability, datastores: [Datastore(name: "queue", engine: .rabbitMQ)]),
            context: Self.available
        )
        for (kind, name) in [("PodMonitor", "farm-api"), ("PodMonitor", "farm-queue"), ("PrometheusRule", "farm")] {
            let object = RenderFixtures.object(objects, kind: kind, name: name)
            #expect(object?[path: ["metadata", "labels", "release"]] == "kube-prometheus-stack", "\(kind) \(name)")
        }
    }

    @Test("The HPA alert is rendered for an autoscaled service")
    func autoscalerAtMax() throws {
        let objects = try RenderFixtures.render(
            Self.platform {
                var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 5)
                autoscaling.targetCPUUtilization = 60
                $0.autoscaling = autoscaling
            },
            context: Self.available
        )
        let expr = try #require(Self.rule(objects, .autoscalerAtMax)?["expr"]?.stringValue)
        #expect(expr.contains(#"horizontalpodautoscaler="farm-api""#))
    }

    @Test(
        "Each engine gets its health alerts",
        arguments: [
            (DatastoreEngine.postgreSQL, ObservabilityAlert.postgreSQLConnectionsHigh),
            (.redis, .redisMemoryHigh),
            (.rabbitMQ, .rabbitMQResourceAlarm),
            (.rabbitMQ, .rabbitMQPartition),
            (.consul, .consulLeaderLost),
            (.mongoDB, .datastoreMemberDown),
        ]
    )
    func engineAlerts(engine: DatastoreEngine, alert: ObservabilityAlert) throws {
        let objects = try RenderFixtures.render(
            Self.platform(datastores: [Datastore(name: "db", engine: engine)]),
            context: Self.available
        )
        #expect(Self.rule(objects, alert, owner: "db") != nil)
        #expect(Self.rule(objects, .datastoreCPUHigh, owner: "db") != nil)
        #expect(Self.rule(objects, .datastoreStorageLow, owner: "db") != nil)
        let monitor = try #require(RenderFixtures.object(objects, kind: "PodMonitor", name: "farm-db"))
        #expect(Self.rule(objects, .datastoreDown, owner: "db") != nil)
        let port = monitor[path: ["spec", "podMetricsEndpoints"]]?.arrayValue?.first?["port"]?.stringValue
        let containers =
            RenderFixtures.object(objects, kind: "StatefulSet", name: "farm-db")?[
                path: ["spec", "template", "spec", "containers"]
            ]?.arrayValue ?? []
        let portNames = containers.flatMap { $0["ports"]?.arrayValue ?? [] }.compactMap { $0["name"]?.stringValue }
        #expect(port.map(portNames.contains) == true, "the PodMonitor's port \(port ?? "-") is a container port")
    }

    @Test(
        "PostgreSQL, MongoDB and Redis members get an exporter sidecar only with the Prometheus Operator",
        arguments: [
            (DatastoreEngine.postgreSQL, "prometheuscommunity/postgres-exporter", Int64(9187)),
            (.mongoDB, "percona/mongodb_exporter", 9216),
            (.redis, "oliver006/redis_exporter", 9121),
        ]
    )
    func exporters(engine: DatastoreEngine, image: String, port: Int64) throws {
        let platform = Self.platform(datastores: [Datastore(name: "db", engine: engine)])
        func sidecar(_ objects: [DynamicObject]) -> JSONValue? {
            RenderFixtures.object(objects, kind: "StatefulSet", name: "farm-db")?[
                path: ["spec", "template", "spec", "containers"]
            ]?.arrayValue?.first { $0["name"] == "metrics-exporter" }
        }
        #expect(sidecar(try RenderFixtures.render(platform)) == nil)
        var off = platform
        off.spec.observability = PlatformObservability(enabled: false)
        #expect(sidecar(try RenderFixtures.render(off, context: Self.available)) == nil)
        let exporter = try #require(sidecar(try RenderFixtures.render(platform, context: Self.available)))
        #expect(exporter["image"]?.stringValue?.hasPrefix(image + ":") == true)
        #expect(exporter["ports"] == [["name": "metrics", "containerPort": .integer(port), "protocol": "TCP"]])
        let secrets = (exporter["env"]?.arrayValue ?? []).compactMap {
            $0[path: ["valueFrom", "secretKeyRef", "name"]]?.stringValue
        }
        #expect(!secrets.isEmpty && secrets.allSatisfy { $0 == "farm-db-connection" })
    }

    @Test("Backup alerts exist only for a datastore with backups")
    func backupAlerts() throws {
        var backed = Datastore(name: "db", engine: .postgreSQL)
        backed.backup = BackupSpec(schedule: "0 3 * * *")
        let objects = try RenderFixtures.render(Self.platform(datastores: [backed]), context: Self.available)
        #expect(Self.rule(objects, .backupFailed, owner: "db") != nil)
        let late = try #require(Self.rule(objects, .backupLate, owner: "db")?["expr"]?.stringValue)
        #expect(late.contains(#"cronjob="farm-db-backup""#))
        let plain = try RenderFixtures.render(
            Self.platform(datastores: [Datastore(name: "db", engine: .postgreSQL)]),
            context: Self.available
        )
        #expect(Self.rule(plain, .backupFailed, owner: "db") == nil)
    }

    @Test("User rules join the PrometheusRule with the platform's labels")
    func customRules() throws {
        var observability = PlatformObservability(team: "ops")
        var custom = AlertRule(name: "ConstitutionalViolation", expr: "sum(violations_total) > 0", severity: .critical)
        custom.labels = ["service": "api"]
        observability.rules = [custom]
        observability.labels = ["pager": "yes"]
        let objects = try RenderFixtures.render(Self.platform(observability: observability), context: Self.available)
        let rule = try #require(Self.rules(objects).first { $0["alert"] == "ConstitutionalViolation" })
        #expect(
            rule["labels"]
                == [
                    "namespace": "prod", "agriplatform": "farm", "severity": "critical", "team": "ops", "pager": "yes",
                    "service": "api",
                ]
        )
    }

    @Test("The dashboard is valid JSON with a Prometheus query in every panel, and its label is configurable")
    func dashboard() throws {
        var observability = PlatformObservability()
        observability.dashboard = ObservabilityDashboard(label: "grafana.dashboard", labelValue: "true", folder: "Agri")
        let objects = try RenderFixtures.render(
            Self.platform(observability: observability, datastores: [Datastore(name: "queue", engine: .rabbitMQ)]),
            context: Self.available
        )
        let map = try #require(RenderFixtures.object(objects, kind: "ConfigMap", name: "farm-grafana-dashboard"))
        #expect(map[path: ["metadata", "labels", "grafana.dashboard"]] == "true")
        #expect(map[path: ["metadata", "annotations", "grafana_folder"]] == "Agri")
        let text = try #require(map[path: ["data", "farm.json"]]?.stringValue)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let panels = try #require(json?["panels"] as? [[String: Any]])
        let graphs = panels.filter { $0["type"] as? String == "timeseries" }
        #expect(graphs.count == 4 + 4)
        for panel in graphs {
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty)
            #expect(targets.allSatisfy { ($0["expr"] as? String)?.contains(#"namespace="prod""#) == true })
        }
    }

    @Test("Rendering twice gives identical objects")
    func deterministic() throws {
        var backed = Datastore(name: "db", engine: .postgreSQL)
        backed.backup = BackupSpec(schedule: "0 3 * * *")
        let platform = Self.platform(datastores: [backed, Datastore(name: "queue", engine: .rabbitMQ)])
        let first = try RenderFixtures.render(platform, context: Self.available).map(\.json)
        let second = try RenderFixtures.render(platform, context: Self.available).map(\.json)
        #expect(first == second)
    }
}
