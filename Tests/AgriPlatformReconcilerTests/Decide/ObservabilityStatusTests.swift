import AgriPlatformAPI
import KubeCore
import Testing

@testable import AgriPlatformReconciler

/// `status.observability` and the monitoring kinds the controller owns.
@Suite("Observability status and owned monitoring kinds")
struct ObservabilityStatusTests {
    static func spec(enabled: Bool?) -> AgriPlatformSpec {
        var spec = AgriPlatformSpec(services: [PlatformService(name: "api", image: "example/api:1")])
        if let enabled { spec.observability = PlatformObservability(enabled: enabled) }
        return spec
    }

    @Test(
        "The status says whether monitoring is rendered, disabled, or missing the Prometheus Operator",
        arguments: [
            (Bool?.none, true, ObservabilityState.rendered),
            (true, true, .rendered),
            (nil, false, .prometheusOperatorMissing),
            (true, false, .prometheusOperatorMissing),
            (false, true, .disabled),
            (false, false, .disabled),
        ]
    )
    func state(enabled: Bool?, available: Bool, expected: ObservabilityState) {
        let status = PlatformStatusBuilder.observabilityStatus(
            Self.spec(enabled: enabled),
            prometheusOperatorAvailable: available
        )
        #expect(status.state == expected)
        #expect(status.message?.isEmpty == false)
    }

    @Test("PodMonitors and PrometheusRules are owned only when the Prometheus Operator's APIs are served")
    func ownedKinds() {
        let without = OwnedKind.all(fieldManager: "agri-operator", verticalPodAutoscalerAvailable: false)
        let with = OwnedKind.all(
            fieldManager: "agri-operator",
            verticalPodAutoscalerAvailable: false,
            prometheusOperatorAvailable: true
        )
        let monitoring = [PodMonitor.resource.kind, PrometheusRule.resource.kind]
        #expect(without.allSatisfy { !monitoring.contains($0.resource.kind) })
        #expect(Set(with.map(\.resource.kind)).isSuperset(of: monitoring))
        #expect(with.count == without.count + 2)
    }
}
