import KubeCore

/// Which fields managed-field tracking records for an operation.
///
/// Never tracked, as the API server's `stripMetaManager` strips them: `apiVersion`, `kind`, `metadata` itself and
/// its `name`, `namespace`, `uid`, `resourceVersion`, `generation`, `creationTimestamp`, `selfLink`,
/// `clusterName` and `managedFields`. Through the main resource (and subresources such as `scale`), `status` is not
/// tracked when the kind has a status subresource (its reset fields); through the `status` subresource only
/// `status` is tracked.
struct TrackedFields {
    var subresource: String?
    var hasStatusSubresource: Bool

    private static let untrackedMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink",
        "clusterName", "managedFields",
    ]

    func contains(_ path: FieldPath) -> Bool {
        guard let first = path.first else { return false }
        if subresource == "status" { return first == .field("status") }
        switch first {
        case .field("apiVersion"), .field("kind"):
            return false
        case .field("status"):
            return !hasStatusSubresource
        case .field("metadata"):
            guard path.count > 1, case .field(let name) = path[1] else { return false }
            return !Self.untrackedMetadata.contains(name)
        default:
            return true
        }
    }

    func filter(_ set: FieldSet) -> FieldSet { set.filter(contains) }
}
