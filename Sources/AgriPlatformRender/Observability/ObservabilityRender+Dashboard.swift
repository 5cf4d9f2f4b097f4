import AgriPlatformAPI
import KubeCore

/// The platform's Grafana dashboard, as a ConfigMap the Grafana dashboard sidecar loads: labelled
/// `grafana_dashboard: "1"` (or `observability.dashboard.label`/`labelValue`), with the dashboard JSON under
/// `<platform>.json` and, when `observability.dashboard.folder` is set, the sidecar's `grafana_folder` annotation.
///
/// Per service: requests per second by status code, the 5xx and 4xx shares, p50/p99 latency, and pods desired,
/// available and updated per Deployment (stable, canary and preview: the rollout's state). Per operated datastore:
/// members ready, CPU against the request, free volume space, and the engine's own health (PostgreSQL connections,
/// Redis memory, RabbitMQ alarms and cluster links, Consul leader). Every query selects by namespace, and the data
/// source is a `datasource` variable of type Prometheus.
extension ObservabilityRender {
    /// The dashboard ConfigMap.
    func dashboardConfigMap() -> JSONValue {
        var labels = scope.labels(name: scope.name, component: nil)
        labels[settings.dashboardLabel] = settings.dashboardLabelValue
        var annotations: [String: String] = [:]
        if let folder = settings.dashboardFolder { annotations["grafana_folder"] = folder }
        var object = scope.object(
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: scope.metadata(name: "\(scope.name)-grafana-dashboard", labels: labels, annotations: annotations),
            spec: nil
        )
        object["data"] = ["\(scope.name).json": .string(Self.jsonText(dashboard()))]
        return object
    }

    /// The dashboard model (Grafana's JSON, schema version 39).
    func dashboard() -> JSONValue {
        var layout = PanelLayout()
        for service in settings.services {
            layout.row("Service \(service.service.name)")
            for (title, unit, targets) in servicePanels(service) {
                layout.panel(title, unit: unit, targets: targets)
            }
        }
        for datastore in scope.platform.spec.datastores ?? [] where datastore.external == nil {
            layout.row("Datastore \(datastore.name) (\(datastore.engine.rawValue))")
            for (title, unit, targets) in datastorePanels(datastore) {
                layout.panel(title, unit: unit, targets: targets)
            }
        }
        var hash = FNV1a64()
        hash.combine("\(scope.namespace)/\(scope.name)")
        return [
            "title": .string("AgriPlatform \(scope.namespace)/\(scope.name)"),
            "uid": .string("agp-\(hash.hexDigits)"),
            "tags": ["agriplatform", .string(scope.name)],
            "schemaVersion": 39,
            "editable": false,
            "refresh": "1m",
            "time": ["from": "now-6h", "to": "now"],
            "templating": [
                "list": [
                    [
                        "name": "datasource",
                        "label": "Prometheus",
                        "type": "datasource",
                        "query": "prometheus",
                    ]
                ]
            ],
            "panels": .array(layout.panels),
        ]
    }

    /// A panel: its title, unit and `(legend, query)` targets.
    typealias Panel = (title: String, unit: String, targets: [(legend: String, expr: String)])

    /// The panels of one service.
    func servicePanels(_ service: ObservabilitySettings.Service) -> [Panel] {
        let name = service.service.name
        let deployment = "\(scope.name)-\(name)"
        let http = #"namespace="\#(scope.namespace)",service="\#(name)""#
        let requests = service.requestsMetric
        let code = service.statusCodeLabel
        let window = Defaults.Observability.rateWindow
        let deployments = #"namespace="\#(scope.namespace)",deployment=~"\#(deployment)(-canary|-preview)?""#
        return [
            (
                "Requests per second", "reqps",
                [("{{\(code)}}", "sum by (\(code)) (rate(\(requests){\(http)}[\(window)]))")]
            ),
            (
                "Errors (% of requests)", "percent",
                [
                    (
                        "5xx",
                        #"100 * sum(rate(\#(requests){\#(http),\#(code)=~"5.."}[\#(window)])) / "#
                            + "sum(rate(\(requests){\(http)}[\(window)]))"
                    ),
                    (
                        "4xx",
                        #"100 * sum(rate(\#(requests){\#(http),\#(code)=~"4.."}[\#(window)])) / "#
                            + "sum(rate(\(requests){\(http)}[\(window)]))"
                    ),
                ]
            ),
            (
                "Latency", "s",
                [
                    (
                        "p50",
                        "histogram_quantile(0.5, sum by (le) (rate(\(service.latencyMetric)_bucket{\(http)}[\(window)])))"
                    ),
                    (
                        "p99",
                        "histogram_quantile(0.99, sum by (le) (rate(\(service.latencyMetric)_bucket{\(http)}[\(window)])))"
                    ),
                ]
            ),
            (
                "Pods per Deployment (rollout)", "short",
                [
                    ("{{deployment}} desired", "max by (deployment) (kube_deployment_spec_replicas{\(deployments)})"),
                    (
                        "{{deployment}} available",
                        "max by (deployment) (kube_deployment_status_replicas_available{\(deployments)})"
                    ),
                    (
                        "{{deployment}} updated",
                        "max by (deployment) (kube_deployment_status_replicas_updated{\(deployments)})"
                    ),
                ]
            ),
        ]
    }

    /// The panels of one operated datastore.
    func datastorePanels(_ datastore: Datastore) -> [Panel] {
        let identity = DatastoreIdentity(scope: scope, datastore: datastore)
        let statefulSet = identity.fullName
        let members = #"namespace="\#(scope.namespace)",pod=~"\#(statefulSet)-[0-9]+""#
        let container =
            EngineProfile.profile(for: identity).map { #"\#(members),container="\#($0.containerName)""# }
            ?? members
        let workload = #"namespace="\#(scope.namespace)",statefulset="\#(statefulSet)""#
        let claims = #"namespace="\#(scope.namespace)",persistentvolumeclaim=~"data-\#(statefulSet)-[0-9]+""#
        var panels: [Panel] = [
            (
                "Members", "short",
                [
                    ("desired", "max(kube_statefulset_replicas{\(workload)})"),
                    ("ready", "max(kube_statefulset_status_replicas_ready{\(workload)})"),
                ]
            ),
            (
                "CPU (% of request)", "percent",
                [
                    (
                        "{{pod}}",
                        "100 * sum by (pod) (rate(container_cpu_usage_seconds_total{\(container)}[5m])) / "
                            + #"sum by (pod) (kube_pod_container_resource_requests{\#(container),resource="cpu"})"#
                    )
                ]
            ),
            (
                "Free volume space", "percent",
                [
                    (
                        "{{persistentvolumeclaim}}",
                        "100 * kubelet_volume_stats_available_bytes{\(claims)} / "
                            + "kubelet_volume_stats_capacity_bytes{\(claims)}"
                    )
                ]
            ),
        ]
        switch datastore.engine {
        case .postgreSQL:
            panels.append(
                (
                    "Connections (% of max_connections)", "percent",
                    [
                        (
                            "{{pod}}",
                            "100 * sum by (pod) (pg_stat_database_numbackends{\(members)}) / "
                                + "max by (pod) (pg_settings_max_connections{\(members)})"
                        )
                    ]
                )
            )
        case .redis:
            panels.append(("Memory used", "bytes", [("{{pod}}", "max by (pod) (redis_memory_used_bytes{\(members)})")]))
        case .rabbitMQ:
            panels.append(
                (
                    "Alarms and cluster links", "short",
                    [
                        ("memory alarm {{pod}}", "max by (pod) (rabbitmq_alarms_memory_used_watermark{\(members)})"),
                        ("disk alarm {{pod}}", "max by (pod) (rabbitmq_alarms_free_disk_space_watermark{\(members)})"),
                        ("links up", "count(erlang_vm_dist_node_state{\(members)} == 3)"),
                    ]
                )
            )
        case .consul:
            panels.append(("Leader", "short", [("{{pod}}", "max by (pod) (consul_server_isLeader{\(members)})")]))
        default:
            break
        }
        return panels
    }

    /// Grafana panels placed three to a row on the 24-column grid, each section under a row panel.
    struct PanelLayout {
        private(set) var panels: [JSONValue] = []
        private var nextID: Int64 = 1
        private var x: Int64 = 0
        private var y: Int64 = 0

        mutating func row(_ title: String) {
            if x > 0 {
                x = 0
                y += 8
            }
            panels.append([
                "id": .integer(nextID),
                "type": "row",
                "title": .string(title),
                "collapsed": false,
                "gridPos": ["h": 1, "w": 24, "x": 0, "y": .integer(y)],
                "panels": [],
            ])
            nextID += 1
            y += 1
        }

        mutating func panel(_ title: String, unit: String, targets: [(legend: String, expr: String)]) {
            let refs = ["A", "B", "C", "D", "E", "F"]
            panels.append([
                "id": .integer(nextID),
                "type": "timeseries",
                "title": .string(title),
                "datasource": ["type": "prometheus", "uid": "${datasource}"],
                "gridPos": ["h": 8, "w": 8, "x": .integer(x), "y": .integer(y)],
                "fieldConfig": ["defaults": ["unit": .string(unit)], "overrides": []],
                "targets": .array(
                    targets.enumerated().map { index, target in
                        [
                            "refId": .string(refs[index % refs.count]),
                            "expr": .string(target.expr),
                            "legendFormat": .string(target.legend),
                            "datasource": ["type": "prometheus", "uid": "${datasource}"],
                        ]
                    }
                ),
            ])
            nextID += 1
            x += 8
            if x >= 24 {
                x = 0
                y += 8
            }
        }
    }

    /// `value` as indented JSON with sorted keys: deterministic without Foundation.
    static func jsonText(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return number.isFinite ? "\(number)" : "null"
        case .string(let text): return quoted(text)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + jsonText($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let lines = members.keys.sorted().map { key in
                inner + quoted(key) + ": " + jsonText(members[key] ?? .null, indent: inner)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
