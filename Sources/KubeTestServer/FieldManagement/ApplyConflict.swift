package import KubeCore

/// Fields that an apply would take from other managers (HTTP 409 with `FieldManagerConflict` causes).
///
/// ``message`` and ``Conflict/causeMessage`` reproduce the API server's texts (`internal.NewConflictError`):
/// `Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas`.
package struct ApplyConflict: Error, Sendable, Hashable {
    /// One contested field.
    package struct Conflict: Sendable, Hashable {
        package var manager: String
        /// The field in the API's printed form, e.g. `.spec.replicas` or
        /// `.spec.template.spec.containers[name="web"].image`.
        package var field: String
        /// `Apply` or `Update`: the operation of the owning entry.
        package var operation: String
        /// The owning entry's `apiVersion`.
        package var apiVersion: String
        /// The owning entry's subresource (`status`, `scale`), `nil` for the main resource.
        package var subresource: String?

        package init(
            manager: String,
            field: String,
            operation: String = "Apply",
            apiVersion: String = "",
            subresource: String? = nil
        ) {
            self.manager = manager
            self.field = field
            self.operation = operation
            self.apiVersion = apiVersion
            self.subresource = subresource
        }

        /// The owner as the API server prints it: `"hpa" using apps/v1` for an `Update` entry, `"kubectl"` for an
        /// applier, with `with subresource "scale"` after the name when the entry is a subresource's.
        package var printedManager: String {
            var text = "\"\(manager)\""
            if let subresource { text += " with subresource \"\(subresource)\"" }
            if operation == "Update" { text += " using \(apiVersion)" }
            return text
        }

        /// The `message` of the `FieldManagerConflict` cause: `conflict with "hpa" using apps/v1`.
        package var causeMessage: String { "conflict with \(printedManager)" }

        /// The cause as the API server reports it.
        package var cause: StatusCause {
            StatusCause(reason: "FieldManagerConflict", message: causeMessage, field: field)
        }
    }

    package var conflicts: [Conflict]
    package init(conflicts: [Conflict]) { self.conflicts = conflicts }

    /// The Status message of the 409 response.
    package var message: String {
        if conflicts.count == 1, let only = conflicts.first {
            return "Apply failed with 1 conflict: conflict with \(only.printedManager): \(only.field)"
        }
        var lines: [String] = []
        let byManager = Dictionary(grouping: conflicts, by: \.printedManager)
        for manager in byManager.keys.sorted() {
            lines.append("conflicts with \(manager):")
            lines += (byManager[manager] ?? []).map { "- \($0.field)" }
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }
}
