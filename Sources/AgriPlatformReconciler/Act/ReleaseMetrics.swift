import AgriPlatformAPI
import Metrics

/// Gauges of each service's release, exported for the operator's own alerts (`RolloutFailed`, `RolloutStuck` in
/// `charts/agri-operator/files/operator-alerts.yaml`), labelled `namespace`, `agriplatform` and `service`:
///
/// - `agriplatform_release_failed`: 1 while the service's release phase is `Degraded` or `RolledBack` (a release
///   failed), else 0;
/// - `agriplatform_release_progressing`: 1 while it is `Progressing`, else 0 (a paused release is not
///   progressing, so a deliberate pause never looks stuck).
///
/// Set from the status each reconcile derives; a service removed from the spec keeps its last values until the
/// operator restarts (swift-metrics has no way to drop one label set without destroying the metric).
struct ReleaseMetrics: Sendable {
    let factory: any MetricsFactory

    static let failedLabel = "agriplatform_release_failed"
    static let progressingLabel = "agriplatform_release_progressing"

    /// Records the phase of every service in `status`.
    func record(namespace: String, platform: String, status: AgriPlatformStatus) {
        for service in status.services ?? [] {
            let dimensions = [("namespace", namespace), ("agriplatform", platform), ("service", service.name)]
            let phase = service.rollout?.phase
            let failed = phase == .degraded || phase == .rolledBack
            Gauge(label: Self.failedLabel, dimensions: dimensions, factory: factory).record(failed ? 1 : 0)
            Gauge(label: Self.progressingLabel, dimensions: dimensions, factory: factory)
                .record(phase == .progressing ? 1 : 0)
        }
    }
}
