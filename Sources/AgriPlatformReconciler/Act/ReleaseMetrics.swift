import AgriPlatformAPI
import KubeRuntime

/// Gauges of each service's release, exported for the operator's own alerts (`RolloutFailed`, `RolloutStuck` in
/// `charts/agri-operator/files/operator-alerts.yaml`), labelled `namespace`, `agriplatform` and `service`:
///
/// - `agriplatform_release_failed`: 1 while the service's release phase is `Degraded` or `RolledBack` (a release
///   failed), else 0;
/// - `agriplatform_release_progressing`: 1 while it is `Progressing`, else 0 (a paused release is not
///   progressing, so a deliberate pause never looks stuck).
///
/// Set from the status each reconcile derives, a platform's series as a whole: a service removed from the spec
/// loses its series at the next reconcile, a deleted platform all of its own. The series live in a
/// ``KubeRuntime/GaugeTable`` written out at scrape time, not in the metrics backend's registry, which copies a
/// family's series on each new label set (quadratic in the number of platforms; docs/benchmarks.md).
struct ReleaseMetrics: Sendable {
    static let failedLabel = "agriplatform_release_failed"
    static let progressingLabel = "agriplatform_release_progressing"

    /// The series, for `/metrics`.
    let table = GaugeTable(
        families: [
            .init(name: failedLabel, help: "1 while the service's release has failed (Degraded or RolledBack)."),
            .init(name: progressingLabel, help: "1 while the service's release is progressing (not paused)."),
        ],
        labelNames: ["namespace", "agriplatform", "service"],
        groupLength: 2
    )

    /// Records the phase of every service in `status`, replacing the platform's previous series.
    func record(namespace: String, platform: String, status: AgriPlatformStatus) {
        var series: [[String]: [Double]] = [:]
        for service in status.services ?? [] {
            let phase = service.rollout?.phase
            let failed = phase == .degraded || phase == .rolledBack
            series[[namespace, platform, service.name]] = [failed ? 1 : 0, phase == .progressing ? 1 : 0]
        }
        table.replace(group: [namespace, platform], with: series)
    }

    /// Drops the series of a deleted platform.
    func forget(namespace: String, platform: String) {
        table.removeGroup([namespace, platform])
    }
}
