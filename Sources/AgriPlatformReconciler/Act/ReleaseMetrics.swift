import AgriPlatformAPI
import KubeCore
import KubeRuntime

/// Gauges of each service's release, exported for the operator's own alerts (`RolloutFailed`, `RolloutStuck` in
/// `charts/agri-operator/files/operator-alerts.yaml`), labelled `namespace`, `agriplatform` and `service`:
///
/// - `agriplatform_release_failed`: 1 while the service's release phase is `Degraded` or `RolledBack` (a release
///   failed), else 0;
/// - `agriplatform_release_progressing`: 1 while it is `Progressing`, else 0 (a paused release is not
///   progressing, so a deliberate pause never looks stuck).
///
/// Computed when scraped from the cached platforms' status (a ``KubeRuntime/GaugeExposition``), as
/// kube-state-metrics does, not registered in the metrics backend (whose registry copies a family's series on each
/// new label set, quadratic in the number of platforms; docs/benchmarks.md): a service removed from a platform, or
/// a deleted platform, loses its series with the status that listed it, and every replica — leader or not — reports
/// what the leader last wrote.
enum ReleaseMetrics {
    static let failedLabel = "agriplatform_release_failed"
    static let progressingLabel = "agriplatform_release_progressing"

    /// The gauges of the platforms in `store`.
    static func exposition(of store: Store<AgriPlatform>) -> GaugeExposition {
        GaugeExposition(
            families: [
                .init(name: failedLabel, help: "1 while the service's release has failed (Degraded or RolledBack)."),
                .init(name: progressingLabel, help: "1 while the service's release is progressing (not paused)."),
            ],
            labelNames: ["namespace", "agriplatform", "service"]
        ) {
            store.list().flatMap(rows(of:))
        }
    }

    /// One row per service in `platform`'s status.
    static func rows(of platform: AgriPlatform) -> [GaugeExposition.Row] {
        let namespace = platform.metadata.namespace ?? "default"
        let name = platform.metadata.name ?? ""
        return (platform.status?.services ?? []).map { service in
            let phase = service.rollout?.phase
            let failed = phase == .degraded || phase == .rolledBack
            return GaugeExposition.Row(
                labelValues: [namespace, name, service.name],
                values: [failed ? 1 : 0, phase == .progressing ? 1 : 0]
            )
        }
    }
}
