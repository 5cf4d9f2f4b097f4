/// How many pods voluntary disruptions — node drains, cluster upgrades — may take down at once, rendered as a
/// PodDisruptionBudget. At most one of the two fields; by default `maxUnavailable: 1` whenever the service runs
/// at least two pods, and no budget for a single pod (which would block every drain).
public struct DisruptionBudget: Codable, Sendable, Hashable {
    /// Pods that must stay available, as a number or a percentage such as `"50%"`.
    public var minAvailable: IntOrPercent?
    /// Pods that may be unavailable, as a number or a percentage.
    public var maxUnavailable: IntOrPercent?

    /// Creates a budget; set at most one field.
    public init(minAvailable: IntOrPercent? = nil, maxUnavailable: IntOrPercent? = nil) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
    }
}
