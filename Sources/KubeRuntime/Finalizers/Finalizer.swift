public import KubeClient
public import KubeCore

/// Runs cleanup before an object goes away, with kube-rs's `finalizer()` semantics.
///
/// Call ``reconcile(_:client:store:apply:cleanup:)`` from a reconcile with the primary from the cache:
///
/// | Object | Finalizer | What happens |
/// |---|---|---|
/// | not being deleted | missing | the finalizer is added, then `apply` runs on the updated object |
/// | not being deleted | present | `apply` runs |
/// | being deleted | present | `cleanup` runs; if it returns, the finalizer is removed |
/// | being deleted | missing | nothing (`.done`): our cleanup already ran |
///
/// The finalizer is added *before* `apply`, so nothing `apply` creates can outlive the object without a cleanup.
/// Both writes are merge patches of `metadata.finalizers` carrying the resourceVersion the decision was made on, so
/// the server rejects them with `409 Conflict` if the object changed meanwhile (a merge patch replaces the whole
/// list; the resourceVersion guard keeps another writer's finalizers). A conflict returns
/// `.requeue(after: conflictRequeueDelay)` and the next reconcile decides again on a newer object, so every step
/// is idempotent: `cleanup` may run more than once and must tolerate that.
///
/// When a `store` is given, each successful write is recorded there (``Store/recordWrite(_:)``), so the controller
/// does not reconcile the object again until its cache has seen the write.
public struct Finalizer: Sendable, Hashable {
    /// The finalizer, e.g. `example.com/cleanup` (a domain-qualified name, as the API recommends).
    public var name: String
    /// How long to wait before deciding again after a write conflict.
    public var conflictRequeueDelay: Duration

    /// Makes a finalizer helper.
    public init(_ name: String, conflictRequeueDelay: Duration = .milliseconds(100)) {
        self.name = name
        self.conflictRequeueDelay = conflictRequeueDelay
    }

    /// What ``reconcile(_:client:store:apply:cleanup:)`` should do with an object: the pure decision.
    public enum Step: Sendable, Hashable {
        /// Add the finalizer, then apply.
        case addFinalizerThenApply
        /// Apply.
        case apply
        /// Clean up, then remove the finalizer.
        case cleanupThenRemoveFinalizer
        /// Nothing to do.
        case none
    }

    /// Decides what to do with `object`.
    public func step(for object: some KubernetesObject) -> Step {
        let present = object.metadata.finalizers?.contains(name) ?? false
        switch (object.metadata.deletionTimestamp != nil, present) {
        case (false, false): return .addFinalizerThenApply
        case (false, true): return .apply
        case (true, true): return .cleanupThenRemoveFinalizer
        case (true, false): return .none
        }
    }

    /// Adds or removes the finalizer as needed around `apply` and `cleanup` (see the table above).
    /// - Parameters:
    ///   - object: The primary, as cached.
    ///   - client: The client to patch the finalizers with.
    ///   - store: The primary's cache, to record our writes in; `nil` to record nothing.
    ///   - apply: Brings the world in line with a live object that carries the finalizer.
    ///   - cleanup: Removes what the object needs cleaned up; the finalizer is removed once it returns.
    /// - Returns: What `apply` or `cleanup` returned, `.done` when there was nothing to do, or a short requeue after
    ///   a write conflict.
    /// - Throws: What `apply` or `cleanup` threw (the finalizer stays), or the client's errors other than conflicts.
    public func reconcile<Object: KubernetesObject>(
        _ object: Object,
        client: KubeClient,
        store: Store<Object>? = nil,
        apply: (Object) async throws -> ReconcileResult,
        cleanup: (Object) async throws -> ReconcileResult
    ) async throws -> ReconcileResult {
        switch step(for: object) {
        case .none:
            return .done
        case .apply:
            return try await apply(object)
        case .addFinalizerThenApply:
            let finalizers = (object.metadata.finalizers ?? []) + [name]
            guard let updated = try await patchFinalizers(finalizers, of: object, client: client, store: store) else {
                return .requeue(after: conflictRequeueDelay)
            }
            return try await apply(updated)
        case .cleanupThenRemoveFinalizer:
            let result = try await cleanup(object)
            let finalizers = (object.metadata.finalizers ?? []).filter { $0 != name }
            guard try await patchFinalizers(finalizers, of: object, client: client, store: store) != nil else {
                return .requeue(after: conflictRequeueDelay)
            }
            return result
        }
    }

    /// Writes `finalizers` guarded by the object's resourceVersion; `nil` on a conflict (or when it is gone).
    private func patchFinalizers<Object: KubernetesObject>(
        _ finalizers: [String],
        of object: Object,
        client: KubeClient,
        store: Store<Object>?
    ) async throws -> Object? {
        var metadata: JSONObject = ["finalizers": .array(finalizers.map(JSONValue.string))]
        if let resourceVersion = object.metadata.resourceVersion {
            metadata["resourceVersion"] = .string(resourceVersion)
        }
        do {
            let updated = try await client.patch(
                Object.self,
                name: object.name,
                namespace: object.metadata.namespace,
                patch: .merge(.object(["metadata": .object(metadata)]))
            )
            store?.recordWrite(updated)
            return updated
        } catch let error as KubeError where error.code == .conflict || error.code == .notFound {
            return nil
        }
    }
}
