extension Array where Element == Condition {
    /// The condition of type `type`, if present.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets `condition` in place of the one of the same type, as apimachinery's `meta.SetStatusCondition` does.
    ///
    /// `lastTransitionTime` moves to `now` only when the condition is new or its `status` changed; otherwise the
    /// previous transition time is kept, so a reconcile that finds nothing new writes an identical list. Reason,
    /// message and observedGeneration always take the new values. See
    /// <https://github.com/kubernetes/apimachinery/blob/master/pkg/api/meta/conditions.go>.
    ///
    /// - Parameters:
    ///   - condition: The new condition; its own `lastTransitionTime` is used when set and the status changed.
    ///   - now: The transition time for a new or changed condition.
    /// - Returns: Whether the list changed.
    @discardableResult
    public mutating func setCondition(_ condition: Condition, now: Time) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            var added = condition
            added.lastTransitionTime = condition.lastTransitionTime ?? now
            append(added)
            return true
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime ?? condition.lastTransitionTime ?? now
        } else {
            updated.lastTransitionTime = condition.lastTransitionTime ?? now
        }
        guard updated != self[index] else { return false }
        self[index] = updated
        return true
    }
}
