package import KubeCore

/// How a list is merged by server-side apply and strategic merge patch (`x-kubernetes-list-type`).
package enum ListType: Sendable, Hashable {
    /// The list is replaced as a whole and owned as one field.
    case atomic
    /// A set of scalars: each element is owned and merged separately.
    case set
    /// A list of objects identified by key fields (`containers` by `name`, `ports` by `containerPort`+`protocol`).
    case map(keys: [String])
}

/// Merge semantics of a kind: which lists are associative and which objects are atomic, by field path.
///
/// A path is the sequence of field names from the object root, with list levels skipped: the `env` list of a
/// Deployment's container is `["spec", "template", "spec", "containers", "env"]`.
///
/// This is the subset of a structured-merge-diff schema that server-side apply and strategic merge patch need:
/// everything not described here is a granular object (each member owned separately) or a scalar.
package struct MergeSchema: Sendable {
    /// The list type at a path.
    package var listType: @Sendable (_ path: [String]) -> ListType
    /// Whether the object at a path is atomic (`x-kubernetes-map-type: atomic`): replaced and owned as one field.
    package var isAtomicObject: @Sendable (_ path: [String]) -> Bool
    /// Defaults of the key fields of the associative list at a path, used when an item omits them (a container
    /// port without `protocol` is keyed as `"protocol":"TCP"`, as the OpenAPI `default` makes the real server do).
    package var keyDefaults: @Sendable (_ path: [String]) -> JSONObject

    package init(
        listType: @escaping @Sendable (_ path: [String]) -> ListType,
        isAtomicObject: @escaping @Sendable (_ path: [String]) -> Bool = { _ in false },
        keyDefaults: @escaping @Sendable (_ path: [String]) -> JSONObject = { _ in [:] }
    ) {
        self.listType = listType
        self.isAtomicObject = isAtomicObject
        self.keyDefaults = keyDefaults
    }

    /// Every list atomic, every object granular: the semantics of a schema that says nothing.
    package static let atomicLists = MergeSchema(listType: { _ in .atomic })
}
