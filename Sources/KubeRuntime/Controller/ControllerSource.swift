import KubeCore

/// One watched kind of a controller, type-erased: a ``Watcher`` filling a ``Store`` and a ``RequestMapper`` turning
/// the watcher's changes into requests for the primary kind.
///
/// Each source has its own watcher (controller-runtime shares one informer per kind across controllers; here a kind
/// that is both owned and watched is watched twice).
struct ControllerSource: Sendable {
    /// The kind watched, for logs.
    let kind: String
    /// The `Store<Object>` the watcher fills, found by the object type's identifier.
    let store: any Sendable
    let storeType: ObjectIdentifier
    let isSynced: @Sendable () -> Bool
    let waitUntilSynced: @Sendable () async -> Void
    /// Runs the watcher and hands every batch of mapped requests to `enqueue` until cancelled or shut down.
    let run: @Sendable (_ enqueue: @escaping @Sendable ([ReconcileRequest]) async -> Void) async throws -> Void

    init<Object: KubernetesObject>(watcher: Watcher<Object>, mapper: RequestMapper<Object>) {
        kind = Object.resource.kind
        store = watcher.store
        storeType = ObjectIdentifier(Object.self)
        isSynced = { watcher.store.isSynced }
        waitUntilSynced = { await watcher.store.waitUntilSynced() }
        run = { enqueue in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watcher.run() }
                group.addTask {
                    var mapper = mapper
                    for await event in watcher.events {
                        let requests = mapper.requests(for: event)
                        if !requests.isEmpty { await enqueue(requests) }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
