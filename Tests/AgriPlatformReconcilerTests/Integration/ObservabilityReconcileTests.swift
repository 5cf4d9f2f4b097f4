import AgriPlatformAPI
import AgriPlatformReconciler
import KubeClient
import KubeCore
import TestSupport
import Testing

/// The operator renders a platform's monitoring only where the Prometheus Operator's APIs are served, and says on
/// the status when they are not.
@Suite("Observability against the test server", .timeLimit(.minutes(2)))
struct ObservabilityReconcileTests {
    /// A minimal CRD for a Prometheus Operator kind, as its own CRDs would install it (schema left open).
    static func definition(_ resource: ResourceDescriptor) -> CustomResourceDefinition {
        let schema = JSONSchemaProps(type: "object", xKubernetesPreserveUnknownFields: true)
        return CustomResourceDefinition(
            metadata: ObjectMeta(name: "\(resource.plural).\(resource.group)"),
            spec: CustomResourceDefinitionSpec(
                group: resource.group,
                names: CustomResourceDefinitionNames(plural: resource.plural, kind: resource.kind),
                scope: "Namespaced",
                versions: [
                    CustomResourceDefinitionVersion(
                        name: resource.version,
                        served: true,
                        storage: true,
                        schema: CustomResourceValidation(openAPIV3Schema: schema)
                    )
                ]
            )
        )
    }

    @Test("Without the Prometheus Operator the platform becomes Ready and its status says monitoring is missing")
    func missing() async throws {
        try await OperatorHarness.with { harness in
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await harness.waitUntilReady("shop")
            let platform = try await harness.platform("shop")
            #expect(platform.status?.observability?.state == .prometheusOperatorMissing)
        }
    }

    @Test("With the Prometheus Operator's CRDs the platform gets its PodMonitor, PrometheusRule and dashboard")
    func rendered() async throws {
        try await OperatorHarness.with { harness in
            for resource in [PodMonitor.resource, PrometheusRule.resource, ServiceMonitor.resource] {
                _ = try await harness.client.create(Self.definition(resource))
            }
            try await poll("the monitoring APIs are served") {
                try await harness.client.hasResource(
                    group: PrometheusRule.resource.group,
                    version: PrometheusRule.resource.version,
                    plural: PrometheusRule.resource.plural
                )
            }
            let running = try await harness.startOperator()
            defer { Task { await running.stop() } }
            try await harness.create(OperatorHarness.platform("shop"))
            try await poll("the monitors, rule and dashboard exist and the status says Rendered") {
                let platform = try await harness.platform("shop")
                let monitor = try await harness.exists(PodMonitor.resource, "shop-api")
                let rule = try await harness.exists(PrometheusRule.resource, "shop")
                let dashboard = try await harness.exists(ConfigMap.resource, "shop-grafana-dashboard")
                return monitor && rule && dashboard && platform.status?.observability?.state == .rendered
            }
            let rule = try await harness.client.get(
                PrometheusRule.self,
                name: "shop",
                namespace: OperatorHarness.namespace
            )
            let alerts = (rule.spec?.groups ?? []).flatMap { $0.rules ?? [] }.compactMap(\.alert)
            #expect(alerts.contains("HighErrorRate"))

            try await harness.update("shop") { $0.spec.observability = PlatformObservability(enabled: false) }
            try await poll("turning observability off removes the monitoring objects") {
                let platform = try await harness.platform("shop")
                let monitor = try await harness.exists(PodMonitor.resource, "shop-api")
                let rule = try await harness.exists(PrometheusRule.resource, "shop")
                return !monitor && !rule && platform.status?.observability?.state == .disabled
            }
        }
    }
}
