package import KubeCore

/// A CRD version's structural schema: validation, defaulting, pruning and merge semantics.
///
/// Placeholder: the implementation lands in this file.
package struct CustomResourceSchema: Sendable {
    /// The `openAPIV3Schema` of the served version.
    package var openAPIV3Schema: JSONValue
    /// Whether `x-kubernetes-preserve-unknown-fields` is set at the root.
    package init(openAPIV3Schema: JSONValue) { self.openAPIV3Schema = openAPIV3Schema }

    /// Every way `object` violates the schema, as `Invalid` causes with field paths (`spec.replicas`).
    package func validate(_ object: JSONValue) -> [StatusCause] { [] }

    /// `object` with schema defaults filled in, as the API server does on create, update and read.
    package func applyingDefaults(to object: JSONValue) -> JSONValue { object }

    /// `object` without fields the schema does not know (`apiVersion`, `kind` and `metadata` are kept).
    package func pruning(_ object: JSONValue) -> JSONValue { object }

    /// List and map semantics from `x-kubernetes-list-type`, `x-kubernetes-list-map-keys` and
    /// `x-kubernetes-map-type`.
    package var mergeSchema: MergeSchema { .atomicLists }
}
