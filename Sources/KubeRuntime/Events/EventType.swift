/// The type of an event: `Normal` or `Warning`, the only two the API accepts.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/>.
public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Something expected happened, e.g. a rollout step completed.
    case normal = "Normal"
    /// Something may need attention, e.g. a reconcile failed.
    case warning = "Warning"
}
