import AgriPlatformAPI
import AgriPlatformRollout
import KubeCore

/// An immutable snapshot of one platform and everything the reconciler read about it from its caches: the first
/// of a reconcile's three steps (observe → decide → act).
struct PlatformObservation: Sendable {
    /// The platform as cached.
    var platform: AgriPlatform
    /// The platform's children that exist, by key: objects of the owned kinds whose controller owner is the
    /// platform, plus objects named as the platform would name them (to detect a name owned by someone else).
    var children: [ChildKey: ObservedChild]
    /// For each Secret an external datastore references: the keys it holds (values are never read), or absent
    /// when the Secret does not exist.
    var secretKeys: [String: Set<String>]
    /// Each service's pods, summarised, by service name.
    var pods: [String: [PodSummary]] = [:]
    /// Metric measurements taken for this reconcile (only when one was due), by service name.
    var measurements: [String: [AnalysisMeasurement]] = [:]

    /// The platform's UID.
    var platformUID: String? { platform.metadata.uid }

    /// Children whose controller owner is this platform.
    var ownedChildren: [ObservedChild] {
        children.values.filter { $0.controllerUID != nil && $0.controllerUID == platformUID }.sorted { $0.key < $1.key }
    }
}
