import AgriPlatformAPI
import KubeCore

/// The platform's monitoring objects, rendered only when the cluster serves the Prometheus Operator's APIs
/// (``RenderContext/prometheusOperatorAvailable``) and `spec.observability.enabled` is not `false`:
///
/// - a `PodMonitor` `<platform>-<service>` per service with observability on: its pods' metrics port (a port named
///   `metrics`, else the primary port, or `observability.port`), with the `service` and `revision` target labels the
///   release analysis and the alerts select by;
/// - a `PodMonitor` `<platform>-<datastore>` per operated datastore: the exporter sidecar's `metrics` port for
///   PostgreSQL, MongoDB and Redis (`EngineProfile+Exporters.swift`), RabbitMQ's `rabbitmq_prometheus` on 15692,
///   Consul's `/v1/agent/metrics`;
/// - the `PrometheusRule` `<platform>` (see `ObservabilityRender+Rules.swift`);
/// - the Grafana dashboard ConfigMap `<platform>-grafana-dashboard` (see `ObservabilityRender+Dashboard.swift`).
struct ObservabilityRender {
    let scope: PlatformScope
    let settings: ObservabilitySettings

    /// The objects of `scope`'s platform; empty when the Prometheus Operator is missing or observability is off.
    static func objects(scope: PlatformScope) -> [JSONValue] {
        guard scope.context.prometheusOperatorAvailable,
            let settings = ObservabilitySettings(platform: scope.platform.spec)
        else { return [] }
        return ObservabilityRender(scope: scope, settings: settings).objects()
    }

    func objects() -> [JSONValue] {
        var objects: [JSONValue] = []
        for service in settings.services {
            objects.append(servicePodMonitor(service))
        }
        for datastore in scope.platform.spec.datastores ?? [] where datastore.external == nil {
            if let monitor = datastorePodMonitor(datastore) { objects.append(monitor) }
        }
        let groups = ruleGroups()
        if !groups.isEmpty {
            objects.append(
                scope.object(
                    apiVersion: PrometheusRule.resource.apiVersion,
                    kind: PrometheusRule.resource.kind,
                    metadata: scope.metadata(
                        name: scope.name,
                        labels: monitorLabels(scope.labels(name: scope.name, component: nil))
                    ),
                    spec: ["groups": .array(groups)]
                )
            )
        }
        if settings.dashboardEnabled {
            objects.append(dashboardConfigMap())
        }
        return objects
    }

    /// `labels` with `observability.monitorLabels` added (they never replace the recommended labels).
    func monitorLabels(_ labels: [String: String]) -> [String: String] {
        labels.merging(settings.platform.monitorLabels ?? [:]) { own, _ in own }
    }

    /// The PodMonitor of a service's pods (every revision's: stable, canary and preview alike).
    func servicePodMonitor(_ service: ObservabilitySettings.Service) -> JSONValue {
        let name = service.service.name
        let endpoint: JSONValue = [
            "port": .string(service.port),
            "path": .string(service.path),
            "interval": .string(settings.scrapeInterval),
            "relabelings": [
                [
                    "sourceLabels": ["__meta_kubernetes_pod_label_app_kubernetes_io_name"],
                    "targetLabel": "service",
                ],
                [
                    "sourceLabels": ["__meta_kubernetes_pod_label_agriplatform_io_revision"],
                    "targetLabel": "revision",
                ],
            ],
        ]
        return scope.object(
            apiVersion: PodMonitor.resource.apiVersion,
            kind: PodMonitor.resource.kind,
            metadata: scope.metadata(
                name: "\(scope.name)-\(name)",
                labels: monitorLabels(scope.labels(name: name, component: PlatformLabels.Component.service))
            ),
            spec: [
                "selector": ["matchLabels": .strings(scope.selector(name: name))],
                "podMetricsEndpoints": [endpoint],
            ]
        )
    }

    /// The PodMonitor of a datastore's members, or `nil` when its engine has no metrics endpoint.
    func datastorePodMonitor(_ datastore: Datastore) -> JSONValue? {
        guard let endpoint = Self.metricsEndpoint(datastore.engine) else { return nil }
        var podEndpoint: JSONObject = [
            "port": .string(endpoint.port),
            "path": .string(endpoint.path),
            "interval": .string(settings.scrapeInterval),
        ]
        if !endpoint.params.isEmpty {
            podEndpoint["params"] = .object(
                JSONObject(endpoint.params.lazy.map { ($0.key, [JSONValue.string($0.value)]) })
            )
        }
        return scope.object(
            apiVersion: PodMonitor.resource.apiVersion,
            kind: PodMonitor.resource.kind,
            metadata: scope.metadata(
                name: "\(scope.name)-\(datastore.name)",
                labels: monitorLabels(scope.labels(name: datastore.name, component: PlatformLabels.Component.datastore))
            ),
            spec: [
                "selector": ["matchLabels": .strings(scope.selector(name: datastore.name))],
                "podMetricsEndpoints": [.object(podEndpoint)],
            ]
        )
    }
}
