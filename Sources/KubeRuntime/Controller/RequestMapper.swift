public import KubeCore

/// Turns a watcher's changes to objects of one kind into the primary objects to reconcile: the pure core of a
/// controller's `for`, `owns` and `watches` relations.
///
/// The mapper remembers which requests each object mapped to last time, so a change also reaches the primaries the
/// object *used to* map to, like controller-runtime's update handler enqueueing the old and the new owner:
///
/// - an `ADDED` or `MODIFIED` event yields the object's current requests and its previous ones;
/// - a `DELETED` event yields its previous and current requests and forgets the object;
/// - a full relist (``Watcher/Event/replaced(_:)``) yields the requests of every listed object, plus the previous
///   requests of every object that disappeared (its deletion was missed while the watch was down) or changed.
///
/// Requests come out deduplicated, in first-seen order.
public struct RequestMapper<Object: KubernetesObject>: Sendable {
    /// Maps one object to the primaries it affects.
    public typealias Mapping = @Sendable (Object) -> [ReconcileRequest]

    private let mapping: Mapping
    private var previous: [ObjectKey: [ReconcileRequest]] = [:]

    /// Makes a mapper with no memory yet.
    public init(mapping: @escaping Mapping) {
        self.mapping = mapping
    }

    /// A mapper for the primary kind itself: every object maps to its own request (`for`).
    public static var primary: RequestMapper<Object> {
        RequestMapper { [ReconcileRequest(ObjectKey($0))] }
    }

    /// A mapper for a child kind: every object maps to its controller owner of kind `Owner`, if any (`owns`).
    public static func controllerOwner<Owner: KubernetesObject>(_ ownerType: Owner.Type) -> RequestMapper<Object> {
        RequestMapper { object in
            ReconcileRequest.controllerOwner(of: object, ownerType: ownerType).map { [$0] } ?? []
        }
    }

    /// The requests a watcher event calls for.
    public mutating func requests(for event: Watcher<Object>.Event) -> [ReconcileRequest] {
        var result = OrderedRequests()
        switch event {
        case .applied(let watchEvent):
            let key = ObjectKey(watchEvent.object)
            switch watchEvent.type {
            case .added, .modified:
                let current = mapping(watchEvent.object)
                result.append(contentsOf: current)
                result.append(contentsOf: previous[key] ?? [])
                previous[key] = current.isEmpty ? nil : current
            case .deleted:
                result.append(contentsOf: previous.removeValue(forKey: key) ?? [])
                result.append(contentsOf: mapping(watchEvent.object))
            case .bookmark, .error:
                break
            }
        case .replaced(let objects):
            var next: [ObjectKey: [ReconcileRequest]] = [:]
            for object in objects {
                let current = mapping(object)
                result.append(contentsOf: current)
                if !current.isEmpty { next[ObjectKey(object)] = current }
            }
            for (_, requests) in previous.sorted(by: { $0.key < $1.key }) {
                result.append(contentsOf: requests)
            }
            previous = next
        }
        return result.requests
    }
}

/// Requests without duplicates, in first-seen order.
private struct OrderedRequests {
    private(set) var requests: [ReconcileRequest] = []
    private var seen: Set<ReconcileRequest> = []

    mutating func append(contentsOf more: [ReconcileRequest]) {
        for request in more where seen.insert(request).inserted { requests.append(request) }
    }
}
