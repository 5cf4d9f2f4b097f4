import KubeClient
import KubeCore

/// Counts the objects of one resource that meet a condition, from a watch, and wakes a waiter once enough of them do.
///
/// The benchmark used to poll instead: list every platform or Deployment, decode each with Codable, test it, every
/// 100 ms or more. The polls ran in the benchmark process, which is also the API server's, so they took CPU from
/// the server being measured (about a tenth of it while 200 platforms converged), and the end was seen up to a poll
/// period late. A watch sends each change once, parsed without Codable, and the end is seen at the event that
/// completes it.
final class WatchedCount: Sendable {
    private let task: Task<Void, any Error>

    /// Lists the objects, then follows their changes from the list's resourceVersion until `expected` objects
    /// satisfy `isDone`; objects whose namespace does not start with `namespacePrefix` are ignored.
    ///
    /// List then watch misses no change whenever it starts; where it starts decides what the list costs inside a
    /// timed window. ``wait()`` returns when the count is reached. A watch ended by the server is resumed from the
    /// last version seen; a `410 Expired` (the version left the server's history, which the benchmark's server,
    /// keeping 200 000 events, does not reach) ends the wait with that error.
    static func start(
        _ client: KubeClient,
        _ resource: ResourceDescriptor,
        namespacePrefix: String,
        expected: Int,
        isDone: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> WatchedCount {
        let list = try await client.listAll(resource, as: JSONValue.self)
        let listed = Set(list.items.filter { matches($0, namespacePrefix) && isDone($0) }.map(key))
        let listVersion = list.metadata.resourceVersion
        return WatchedCount(
            task: Task {
                var done = listed
                var resourceVersion = listVersion
                while done.count < expected {
                    // A watch the server ends (a consumer too slow for its buffer) resumes from the last version.
                    let stream = try await client.watch(
                        resource,
                        options: WatchOptions(resourceVersion: resourceVersion),
                        as: JSONValue.self
                    )
                    for try await event in stream {
                        resourceVersion =
                            event.object[path: ["metadata", "resourceVersion"]]?.stringValue
                            ?? resourceVersion
                        guard event.type != .bookmark, matches(event.object, namespacePrefix) else { continue }
                        if event.type != .deleted && isDone(event.object) {
                            done.insert(key(event.object))
                        } else {
                            done.remove(key(event.object))
                        }
                        if done.count >= expected { return }
                    }
                }
            }
        )
    }

    private init(task: Task<Void, any Error>) { self.task = task }

    deinit { task.cancel() }

    /// Returns once `expected` objects are done; rethrows what ended the watch. Cancelling the caller stops the watch.
    func wait() async throws {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: { [task] in
            task.cancel()
        }
    }

    private static func matches(_ object: JSONValue, _ prefix: String) -> Bool {
        object[path: ["metadata", "namespace"]]?.stringValue?.hasPrefix(prefix) == true
    }

    private static func key(_ object: JSONValue) -> String {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        return namespace + "/" + (object[path: ["metadata", "name"]]?.stringValue ?? "")
    }
}
