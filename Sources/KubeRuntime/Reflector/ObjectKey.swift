public import KubeCore

/// Identifies an object in a ``Store``: its namespace and name.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The object's namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The object's name.
    public var name: String

    /// Makes a key; an empty namespace means cluster-scoped, as in the API.
    public init(namespace: String?, name: String) {
        self.namespace = namespace?.isEmpty == true ? nil : namespace
        self.name = name
    }

    /// The key of an object, from its metadata.
    public init(_ object: some KubernetesObject) {
        self.init(namespace: object.metadata.namespace, name: object.metadata.name ?? "")
    }

    /// `namespace/name`, or `name` for cluster-scoped objects, as client-go's `MetaNamespaceKeyFunc` spells keys.
    public var description: String {
        if let namespace { "\(namespace)/\(name)" } else { name }
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }
}
