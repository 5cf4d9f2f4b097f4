import KubeCore
import Testing

@testable import AgriPlatformReconciler

@Suite("OwnedKind: how children are cached")
struct OwnedKindTests {
    @Test("Status is cached only for the workloads whose progress the reconciler reads")
    func statusKeptForWorkloads() {
        let kinds = OwnedKind.all(
            fieldManager: "agri-operator",
            verticalPodAutoscalerAvailable: true,
            httpRoutesAvailable: true,
            prometheusOperatorAvailable: true
        )
        let keeping = Set(kinds.filter(\.keepsStatus).map(\.resource.kind))
        #expect(keeping == ["Deployment", "StatefulSet", "Job", "CronJob"])
        #expect(kinds.contains { $0.resource.kind == "HorizontalPodAutoscaler" && !$0.keepsStatus })
    }
}
