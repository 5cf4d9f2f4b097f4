import Synchronization

/// Every request the server answered, with counters, so tests can assert traffic ("zero writes on a resync").
public final class RequestLog: Sendable {
    /// One answered request.
    public struct Entry: Sendable, Hashable {
        /// The Kubernetes verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`,
        /// `deletecollection`, or the lower-cased HTTP method for non-resource paths.
        public var verb: String
        public var method: String
        public var path: String
        /// The plural resource (`deployments`), `nil` for non-resource paths.
        public var resource: String?
        public var group: String?
        public var subresource: String?
        public var namespace: String?
        public var name: String?
        /// The query parameters (`limit`, `continue`, `labelSelector`, `watch`, …), decoded.
        public var query: [String: String] = [:]
        /// The HTTP status code of the response.
        public var code: Int
        public var userAgent: String?
        /// When the request arrived, on one counter shared with ``answeredSequence`` across all requests: comparing
        /// one request's `answeredSequence` with another's `receivedSequence` tells whether they overlapped.
        public var receivedSequence: Int = 0
        /// When the response was ready, on the same counter as ``receivedSequence``.
        public var answeredSequence: Int = 0

        /// Whether the verb changes state.
        public var isWrite: Bool { ["create", "update", "patch", "delete", "deletecollection"].contains(verb) }
    }

    private let storage = Mutex([Entry]())
    private let sequence = Mutex(0)

    init() {}

    /// Every entry in arrival order.
    public var entries: [Entry] { storage.withLock { $0 } }

    /// The number of requests matching every given filter.
    public func count(verb: String? = nil, resource: String? = nil, subresource: String? = nil) -> Int {
        entries.filter { entry in
            (verb == nil || entry.verb == verb) && (resource == nil || entry.resource == resource)
                && (subresource == nil || entry.subresource == subresource)
        }.count
    }

    /// Requests per verb.
    public var countsByVerb: [String: Int] {
        entries.reduce(into: [:]) { $0[$1.verb, default: 0] += 1 }
    }

    /// Resource requests per plural resource name (subresources counted under `resource/subresource`).
    public var countsByResource: [String: Int] {
        entries.reduce(into: [:]) { counts, entry in
            guard let resource = entry.resource else { return }
            counts[entry.subresource.map { "\(resource)/\($0)" } ?? resource, default: 0] += 1
        }
    }

    /// The number of create, update, patch, delete and deletecollection requests (dry runs included).
    public var writeCount: Int { entries.filter(\.isWrite).count }

    /// Forgets every entry.
    public func reset() { storage.withLock { $0.removeAll() } }

    func append(_ entry: Entry) {
        var entry = entry
        entry.answeredSequence = nextSequence()
        storage.withLock { $0.append(entry) }
    }

    /// The next value of the counter behind ``Entry/receivedSequence`` and ``Entry/answeredSequence``.
    func nextSequence() -> Int {
        sequence.withLock { value in
            value += 1
            return value
        }
    }
}
