package import Foundation
import KubeCore

extension ObjectStore {
    /// Opens a watch on a collection.
    ///
    /// With `resourceVersion` `nil`, `""` or `"0"` the stream starts with a synthetic `ADDED` for every matching
    /// object, like the real server; with a revision it replays the kept history after that revision, or throws
    /// 410 Expired when that part of the history was compacted. Selectors apply to both the old and the new
    /// state, so an object moving out of the selector is sent as `DELETED` (with its last matching state and the
    /// event's resourceVersion, as the watch cache sends it) and one moving in as `ADDED`.
    ///
    /// Each watch buffers at most the initial events plus `watchBufferSize` messages; when a consumer falls
    /// further behind, the stream is finished (never silently thinned), and the client resumes from its last
    /// resourceVersion.
    package func watch(
        _ type: ResourceType,
        namespace: String?,
        labels: SelectorQuery = SelectorQuery(),
        fields: SelectorQuery = SelectorQuery(),
        resourceVersion: String?
    ) throws(APIError) -> (id: UUID, stream: AsyncStream<WatchMessage>) {
        var initial: [WatchMessage] = []
        let subscription = { (continuation: AsyncStream<WatchMessage>.Continuation) in
            Subscription(
                resource: type.groupResource,
                apiVersion: type.apiVersion,
                namespace: namespace,
                labels: labels,
                fields: fields,
                continuation: continuation
            )
        }
        if let resourceVersion, !resourceVersion.isEmpty, resourceVersion != "0" {
            guard let requested = Int(resourceVersion) else {
                throw .badRequest("resourceVersion: Invalid value: \"\(resourceVersion)\": must be a number")
            }
            if requested < compactedRevision {
                throw .tooOldResourceVersion(requested: requested, oldest: compactedRevision + 1)
            }
            let probe = subscription(AsyncStream<WatchMessage>.makeStream().continuation)
            for event in history where event.revision > requested && event.resource == type.groupResource {
                if let message = Self.message(for: event, subscription: probe) { initial.append(message) }
            }
        } else {
            let stored = objects[type.groupResource] ?? [:]
            for key in sortedKeys(of: type.groupResource) {
                let entry = stored[key]!
                let object = entry.object
                if let namespace, ObjectRules.namespace(of: object) != namespace { continue }
                guard labels.matchesLabels(of: object), fields.matchesFields(of: object) else { continue }
                let served = Self.converted(entry, to: type)
                initial.append(.event(type: "ADDED", object: served.object, stored: served))
            }
        }
        let (stream, continuation) = AsyncStream<WatchMessage>.makeStream(
            bufferingPolicy: .bufferingOldest(initial.count + watchBufferSize)
        )
        for message in initial { continuation.yield(message) }
        let id = UUID()
        subscriptions[id] = subscription(continuation)
        return (id, stream)
    }

    /// Sends a BOOKMARK at the current revision to one watch: every event up to it has been sent before.
    /// - Parameter initialEventsEnd: Marks the end of the initial events of a `sendInitialEvents=true` watch
    ///   with the `k8s.io/initial-events-end: "true"` annotation.
    package func sendBookmark(to id: UUID, kind: String, initialEventsEnd: Bool = false) {
        guard let subscription = subscriptions[id] else { return }
        var bookmark: JSONValue = [
            "apiVersion": .string(subscription.apiVersion), "kind": .string(kind),
            "metadata": ["resourceVersion": .string(String(revision))],
        ]
        if initialEventsEnd {
            bookmark[path: ["metadata", "annotations"]] = ["k8s.io/initial-events-end": "true"]
        }
        deliver(.event(type: "BOOKMARK", object: bookmark), to: id)
    }

    /// Ends one watch.
    package func cancelWatch(_ id: UUID) {
        subscriptions.removeValue(forKey: id)?.continuation.finish()
    }

    /// Ends every open watch (clients see their streams close and must re-watch).
    package func dropAllWatches() {
        for subscription in subscriptions.values { subscription.continuation.finish() }
        subscriptions.removeAll()
    }

    /// The number of open watches.
    package var openWatchCount: Int { subscriptions.count }

    /// Appends an event to the bounded history and delivers it to matching watches.
    func record(_ event: StoredEvent) {
        history.append(event)
        if history.count > historyLimit {
            let dropped = history.count - historyLimit
            compactedRevision = history[dropped - 1].revision
            history.removeFirst(dropped)
        }
        for (id, subscription) in subscriptions where subscription.resource == event.resource {
            if let message = Self.message(for: event, subscription: subscription) { deliver(message, to: id) }
        }
        eventObserver?(event)
    }

    private func deliver(_ message: WatchMessage, to id: UUID) {
        guard let subscription = subscriptions[id] else { return }
        if case .dropped = subscription.continuation.yield(message) {
            // The consumer is too slow: close the watch rather than lose an event silently.
            subscription.continuation.finish()
            subscriptions[id] = nil
        }
    }

    /// The message one watch receives for an event, taking selectors on old and new state into account.
    static func message(for event: StoredEvent, subscription: Subscription) -> WatchMessage? {
        func matches(_ object: JSONValue?) -> Bool {
            guard let object else { return false }
            if let namespace = subscription.namespace, ObjectRules.namespace(of: object) != namespace { return false }
            return subscription.labels.matchesLabels(of: object) && subscription.fields.matchesFields(of: object)
        }
        func converted(_ object: JSONValue) -> JSONValue {
            var object = object
            if event.resource != .namespaces, object["apiVersion"] != nil {
                object["apiVersion"] = .string(subscription.apiVersion)
            }
            return object
        }
        // The stored object's text serves the event when the watch wants the object in its stored version.
        let unconverted =
            event.resource == .namespaces
            || event.object["apiVersion"].map { $0 == .string(subscription.apiVersion) } ?? true
        let object = unconverted ? event.object : converted(event.object)
        let stored = unconverted ? event.stored : nil
        switch event.type {
        case "MODIFIED":
            switch (matches(event.previous), matches(event.object)) {
            case (true, true): return .event(type: "MODIFIED", object: object, stored: stored)
            case (false, true): return .event(type: "ADDED", object: object, stored: stored)
            case (true, false):
                // Like the watch cache: the object as it last matched, carrying the event's resourceVersion.
                var last = converted(event.previous ?? event.object)
                last[path: ["metadata", "resourceVersion"]] = .string(String(event.revision))
                return .event(type: "DELETED", object: last)
            case (false, false): return nil
            }
        default:
            return matches(event.object) ? .event(type: event.type, object: object, stored: stored) : nil
        }
    }
}
