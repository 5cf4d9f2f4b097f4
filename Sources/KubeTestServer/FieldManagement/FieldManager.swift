package import KubeCore

/// Server-side apply and field ownership (`metadata.managedFields`), following structured-merge-diff v4's
/// `merge.Updater` and the API server's field manager.
///
/// Both functions are pure: the caller passes the stored object, the request body and the clock reading, and
/// stores what comes back. When nothing changed they return their input unchanged (same `managedFields` array,
/// same `time`s), so the caller can skip the write and the `resourceVersion` bump by comparing for equality.
///
/// See <https://kubernetes.io/docs/reference/using-api/server-side-apply/>.
///
/// An apply to an object without managed fields first gives its fields to ``beforeFirstApplyManager``, as the
/// API server does. Callers should reject malformed apply bodies with ``validateApplyConfiguration(_:apiVersion:)``
/// first, and default the result, as the API server defaults the merged object.
///
/// Not modelled: the cap of ten `Update` entries (`ancient-changes`), client-side-apply annotation upgrades
/// (`last-applied-configuration`), conversion of field sets between API versions (the test server serves one
/// version per kind), and the `".": {}` differences that come from Go zero values (the real server compares a
/// create against an empty typed object, so `spec` of a created Deployment is not itself a member; here it is).
package enum FieldManager {
    /// Applies `config` (the full intent of `manager`) to `live` and returns the new object with `managedFields`
    /// updated, or throws the conflicts with other managers when `force` is false.
    ///
    /// The configuration is merged into the live object by `schema`; then fields that `manager` applied last time,
    /// no longer applies, and no other manager owns are removed (an associative-list item by its key, with its
    /// contents). Fields whose value the apply changes and that another manager owns are conflicts; with `force`
    /// they move to `manager`. Applying a value equal to the live one is no change: both managers then own it.
    ///
    /// The result's `apiVersion` is the request's `apiVersion` (the version the object is served at) and its
    /// `kind` the configuration's. The applier's entry `time` is set to `now` only when the object or the
    /// applier's field set changed.
    ///
    /// - Parameters:
    ///   - live: The stored object, `nil` when the apply creates it.
    ///   - config: The applied configuration (the request body); its `managedFields` are ignored.
    ///   - manager: The `fieldManager` query parameter.
    ///   - apiVersion: The group/version of the request, e.g. `apps/v1`.
    ///   - subresource: `status` for `/status`, `nil` for the main resource.
    ///   - force: The `force` query parameter.
    ///   - schema: The kind's merge semantics, ``MergeSchema/builtIn`` or a CRD's.
    ///   - hasStatusSubresource: Whether `status` belongs to the `status` subresource (and is therefore not
    ///     tracked through the main resource); `false` for a CRD version without `subresources.status`.
    ///   - now: The time recorded in the applier's entry.
    /// - Returns: The object to store, with `metadata.managedFields`.
    /// - Throws: ``ApplyConflict`` listing every contested field when `force` is false.
    package static func apply(
        live: JSONValue?,
        config: JSONValue,
        manager: String,
        apiVersion: String,
        subresource: String?,
        force: Bool,
        schema: MergeSchema,
        hasStatusSubresource: Bool = true,
        now: Time
    ) throws(ApplyConflict) -> JSONValue {
        let tracked = TrackedFields(subresource: subresource, hasStatusSubresource: hasStatusSubresource)
        var managed = ManagedFieldsList(object: live)
        let liveContent = live?.removingManagedFields
        if let liveContent, managed.entries.isEmpty {
            // The API server's skipNonAppliedManager: fields of an object nobody tracked yet belong to
            // `before-first-apply`, so the first apply cannot silently take (or prune) them.
            let seeded = update(
                old: nil,
                new: liveContent,
                manager: beforeFirstApplyManager,
                apiVersion: apiVersion,
                subresource: subresource,
                schema: schema,
                hasStatusSubresource: hasStatusSubresource,
                now: now
            )
            managed = ManagedFieldsList(object: seeded)
        }
        let configContent = config.removingManagedFields
        let applied = tracked.filter(FieldSet(of: configContent, schema: schema))
        let identity = ManagedFieldsList.Identity(
            manager: manager,
            operation: .apply,
            subresource: subresource,
            apiVersion: nil
        )
        let previous = managed[identity]

        var merged = ObjectMerge.merge(live: liveContent, config: configContent, schema: schema) ?? .object([:])
        if let previous, !previous.fields.isEmpty {
            var owned = applied
            for entry in managed.entries where entry.identity != identity { owned = owned.union(entry.fields) }
            merged = merged.removing(previous.fields.subtracting(owned), schema: schema)
        }
        merged["apiVersion"] = .string(apiVersion)
        if let kind = configContent["kind"] ?? liveContent?["kind"] { merged["kind"] = kind }

        let comparison = ObjectComparison(old: liveContent, new: merged, schema: schema)
        let changed = tracked.filter(comparison.changed)
        let removed = tracked.filter(comparison.removed)
        var conflicts: [ApplyConflict.Conflict] = []
        for entry in managed.entries where entry.identity != identity {
            for path in entry.fields.intersection(changed).sortedPaths {
                conflicts.append(
                    ApplyConflict.Conflict(
                        manager: entry.identity.manager,
                        field: path.printed,
                        operation: entry.identity.operation.rawValue,
                        apiVersion: entry.apiVersion,
                        subresource: entry.identity.subresource
                    )
                )
            }
        }
        if !force && !conflicts.isEmpty { throw ApplyConflict(conflicts: conflicts) }

        managed.removeFields(changed.union(removed), exceptFrom: identity)
        let objectChanged = liveContent != merged
        let fieldsChanged = previous?.fields != applied || previous?.apiVersion != apiVersion
        managed.set(
            ManagedFieldsList.Entry(
                identity: identity,
                apiVersion: apiVersion,
                time: objectChanged || fieldsChanged ? now.description : previous?.time,
                fields: applied
            )
        )
        return managed.writing(into: merged)
    }

    /// The `Update` manager that owns the fields of an object that had no managed fields when it was first
    /// applied to (objects created before tracking, or whose `managedFields` were reset).
    package static let beforeFirstApplyManager = "before-first-apply"

    /// A request body that the API server rejects before merging (HTTP 400 `BadRequest`).
    package struct InvalidConfiguration: Error, Sendable, Hashable {
        /// The Status message, worded as the API server words it.
        package var message: String
    }

    /// Checks an apply request body as the API server does before merging it: its `apiVersion` must be the
    /// request's, and it must not carry `metadata.managedFields`.
    ///
    /// - Throws: ``InvalidConfiguration`` with the API server's message.
    package static func validateApplyConfiguration(
        _ config: JSONValue,
        apiVersion: String
    ) throws(InvalidConfiguration) {
        let sent = config["apiVersion"]?.stringValue ?? ""
        guard sent == apiVersion else {
            throw InvalidConfiguration(
                message: "Incorrect version specified in apply patch. Specified patch version: \(sent), "
                    + "expected: \(apiVersion)"
            )
        }
        if let managedFields = config[path: ["metadata", "managedFields"]], !managedFields.isNull {
            throw InvalidConfiguration(message: "metadata.managedFields must be nil")
        }
    }

    /// Records in `new.metadata.managedFields` that `manager` (operation `Update`) now owns the fields it changed
    /// from `old` to `new`, taking them from other managers.
    ///
    /// On a create (`old` is `nil`) every field set is a change. Fields that the update removed leave every
    /// manager's set. The updater's entry is keyed by manager, subresource and `apiVersion`, and its `time`
    /// moves to `now` only when it took fields. When `new` carries non-empty `managedFields` through the main
    /// resource they replace the stored ones (how clients edit or reset them, e.g. `[{}]`); otherwise the stored
    /// ones are kept.
    ///
    /// - Parameters:
    ///   - old: The stored object, `nil` on create.
    ///   - new: The object about to be stored (after the request was applied to `old`).
    ///   - manager: The `fieldManager` query parameter, or the name derived from the user agent.
    ///   - apiVersion: The group/version of the request.
    ///   - subresource: `status`, `scale`, … or `nil` for the main resource.
    ///   - schema: The kind's merge semantics.
    ///   - hasStatusSubresource: Whether `status` belongs to the `status` subresource, as for `apply`.
    ///   - now: The time recorded in the updater's entry.
    /// - Returns: `new` with `metadata.managedFields`.
    package static func update(
        old: JSONValue?,
        new: JSONValue,
        manager: String,
        apiVersion: String,
        subresource: String?,
        schema: MergeSchema,
        hasStatusSubresource: Bool = true,
        now: Time
    ) -> JSONValue {
        let tracked = TrackedFields(subresource: subresource, hasStatusSubresource: hasStatusSubresource)
        let sent = ManagedFieldsList(object: new)
        var managed = subresource == nil && !sent.entries.isEmpty ? sent : ManagedFieldsList(object: old)
        let newContent = new.removingManagedFields
        let comparison = ObjectComparison(old: old?.removingManagedFields, new: newContent, schema: schema)
        let changed = tracked.filter(comparison.changed)
        let removed = tracked.filter(comparison.removed)

        managed.removeFields(changed.union(removed))
        let taken = changed.subtracting(removed)
        if !taken.isEmpty {
            let identity = ManagedFieldsList.Identity(
                manager: manager,
                operation: .update,
                subresource: subresource,
                apiVersion: apiVersion
            )
            let previous = managed[identity]?.fields ?? FieldSet()
            managed.set(
                ManagedFieldsList.Entry(
                    identity: identity,
                    apiVersion: apiVersion,
                    time: now.description,
                    fields: previous.union(taken)
                )
            )
        }
        return managed.writing(into: newContent)
    }
}
