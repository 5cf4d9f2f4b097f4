/// Vertical autoscaling through the Vertical Pod Autoscaler, rendered only where its CRD is installed.
///
/// With ``Autoscaling`` on CPU or memory, only `mode: Off` (recommendations in the VPA's status, no changes) is
/// accepted: a VPA that rewrites requests while an HPA scales on utilisation of those requests fights it.
public struct VerticalAutoscaling: Codable, Sendable, Hashable {
    /// `Off` (default: recommend only), `Initial` (set requests when pods are created) or `Recreate` (also evict
    /// pods whose requests are far from the recommendation).
    public var mode: String?
    /// Lowest requests the VPA may set, e.g. `cpu: 100m`.
    public var minAllowed: ResourceLimits?
    /// Highest requests the VPA may set, e.g. `memory: 4Gi`.
    public var maxAllowed: ResourceLimits?

    /// Creates a VPA in `mode` (default `Off`).
    public init(mode: String? = nil) {
        self.mode = mode
    }
}
