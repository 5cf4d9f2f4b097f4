package import KubeCore

/// Server-side apply and field ownership (`metadata.managedFields`).
///
/// Placeholder signatures: the implementation lands in this file.
package enum FieldManager {
    /// Applies `config` (the full intent of `manager`) to `live` and returns the new object with `managedFields`
    /// updated, or throws the conflicts with other managers when `force` is false.
    package static func apply(
        live: JSONValue?,
        config: JSONValue,
        manager: String,
        apiVersion: String,
        subresource: String?,
        force: Bool,
        schema: MergeSchema,
        now: Time
    ) throws(ApplyConflict) -> JSONValue {
        live ?? config
    }

    /// Records in `new.metadata.managedFields` that `manager` (operation `Update`) now owns the fields it changed
    /// from `old` to `new`, taking them from other managers.
    package static func update(
        old: JSONValue?,
        new: JSONValue,
        manager: String,
        apiVersion: String,
        subresource: String?,
        schema: MergeSchema,
        now: Time
    ) -> JSONValue {
        new
    }
}

/// Fields that an apply would take from other managers (HTTP 409 with `FieldManagerConflict` causes).
package struct ApplyConflict: Error, Sendable, Hashable {
    /// One contested field.
    package struct Conflict: Sendable, Hashable {
        package var manager: String
        /// The field in the API's printed form, e.g. `.spec.replicas` or
        /// `.spec.template.spec.containers[name="web"].image`.
        package var field: String
        package init(manager: String, field: String) {
            self.manager = manager
            self.field = field
        }
    }

    package var conflicts: [Conflict]
    package init(conflicts: [Conflict]) { self.conflicts = conflicts }
}
