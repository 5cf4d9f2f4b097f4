/// The key of one object to reconcile: its namespace and name, nothing else.
///
/// Carrying only the key makes reconciles level-triggered by construction: a reconcile reads the current state from
/// the cache instead of acting on an event's payload, so coalesced or missed events cannot mislead it (see
/// controller-runtime's [`reconcile.Request`](https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/reconcile#Request)).
public struct ReconcileRequest: Hashable, Sendable, CustomStringConvertible {
    /// The object's namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The object's name.
    public var name: String

    /// Makes a request; an empty namespace means cluster-scoped, as in the API.
    public init(namespace: String?, name: String) {
        self.namespace = namespace?.isEmpty == true ? nil : namespace
        self.name = name
    }

    /// The request for the object a store key names.
    public init(_ key: ObjectKey) {
        self.init(namespace: key.namespace, name: key.name)
    }

    /// The store key of the object to reconcile.
    public var key: ObjectKey { ObjectKey(namespace: namespace, name: name) }

    /// `namespace/name`, or `name` for cluster-scoped objects.
    public var description: String { key.description }
}

/// What a reconcile asks of its controller once it returned without throwing.
///
/// A reconcile that throws is requeued with per-item exponential backoff (``WorkQueue/addRateLimited(_:)``).
public enum ReconcileResult: Hashable, Sendable {
    /// The object is where it should be; forget its failure history and wait for the next change.
    case done
    /// Reconcile the object again after `after`, e.g. to poll a rollout's progress.
    case requeue(after: Duration)
}
