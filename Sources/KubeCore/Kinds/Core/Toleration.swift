/// Lets a pod schedule onto (or stay on) nodes with a matching taint (core/v1 `Toleration`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/>.
public struct Toleration: Codable, Sendable, Hashable {
    /// The taint key; empty with `operator: Exists` tolerates every taint.
    public var key: String?
    /// `Equal` (default) or `Exists`.
    public var `operator`: String?
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`; absent matches every effect.
    public var effect: String?
    /// For `NoExecute`: how long the pod stays bound after the taint appears; absent means forever.
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil,
        operator: String? = nil,
        value: String? = nil,
        effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
