import KubeCore

/// Names one child object of a platform: its API group, kind and name (the namespace is the platform's).
struct ChildKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The API group, empty for the core group.
    var group: String
    /// The kind, e.g. `Deployment`.
    var kind: String
    /// The object's name.
    var name: String

    /// The key of a rendered or observed object, from its `apiVersion`, `kind` and `metadata.name`.
    init(group: String, kind: String, name: String) {
        self.group = group
        self.kind = kind
        self.name = name
    }

    /// The key of `object` as rendered (its `apiVersion` gives the group).
    init(of object: JSONValue) {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        self.init(
            group: group,
            kind: object["kind"]?.stringValue ?? "",
            name: object[path: ["metadata", "name"]]?.stringValue ?? ""
        )
    }

    /// The key of a typed resource's object called `name`.
    init(_ resource: ResourceDescriptor, name: String) {
        self.init(group: resource.group, kind: resource.kind, name: name)
    }

    /// `Deployment shop-api`, as messages and Events name objects.
    var description: String { "\(kind) \(name)" }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.kind, lhs.group, lhs.name) < (rhs.kind, rhs.group, rhs.name)
    }
}
