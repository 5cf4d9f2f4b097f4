public import KubeCore

/// What a delete returned: the object, when its deletion is pending (finalizers, foreground propagation) or the
/// server returned the deleted object, or a `Status` of success.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#deletion> (kube-rs returns
/// `Either<K, Status>` for the same reason).
public enum DeleteResult<Object: Sendable>: Sendable {
    /// The object as the server last saw it, possibly with `metadata.deletionTimestamp` set.
    case object(Object)
    /// A `Status` with `status: Success`.
    case status(Status)

    /// The object, if the server returned one.
    public var object: Object? {
        if case .object(let object) = self { return object }
        return nil
    }
}
