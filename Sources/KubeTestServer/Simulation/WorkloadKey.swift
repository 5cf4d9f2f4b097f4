import KubeCore

/// A namespaced object the simulation tracks: its resource, namespace and name.
struct WorkloadKey: Hashable, Sendable, CustomStringConvertible {
    var resource: GroupResource
    var namespace: String
    var name: String

    /// The key of a stored object of `resource`.
    init(_ resource: GroupResource, of object: JSONValue) {
        self.init(resource, namespace: ObjectRules.namespace(of: object), name: ObjectRules.name(of: object))
    }

    init(_ resource: GroupResource, namespace: String, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    /// The key under which the store keeps the object.
    var storageKey: String { ObjectRules.key(namespace: namespace, name: name) }

    var description: String { "\(resource)/\(namespace)/\(name)" }
}
