/// A standard status condition (`metav1.Condition`).
///
/// `type` and `reason` are CamelCase; `lastTransitionTime` moves only when `status` changes.
/// See <https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#typical-status-properties>.
public struct Condition: Codable, Sendable, Hashable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: String,
        observedGeneration: Int64? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
