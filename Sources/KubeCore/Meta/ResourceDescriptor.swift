import Foundation

/// A group, version and kind: the type of an object (`schema.GroupVersionKind`).
public struct GroupVersionKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Parses an `apiVersion` (`apps/v1`, `v1`) and a kind.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            self.group = String(apiVersion[..<slash])
            self.version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            self.group = ""
            self.version = apiVersion
        }
        self.kind = kind
    }

    /// The `apiVersion` field value: `version` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var description: String { "\(apiVersion), Kind=\(kind)" }
}

/// Everything needed to address a resource over REST: group, version, kind, plural name and scope.
///
/// Paths follow the API conventions: `/api/v1/...` for the core group, `/apis/<group>/<version>/...` otherwise,
/// with `/namespaces/<ns>` for namespaced resources. See
/// <https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris>.
public struct ResourceDescriptor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    /// The lower-case plural used in URLs (`deployments`).
    public var plural: String
    /// Whether objects live in a namespace.
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// The `apiVersion` field value.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The group, version and kind.
    public var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }

    /// `plural.group` (or just `plural` for the core group), as kubectl and RBAC spell a resource.
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The path prefix of the group-version: `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path. A `nil` namespace on a namespaced resource addresses all namespaces.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace {
            return "\(groupVersionPath)/namespaces/\(Self.escape(namespace))/\(plural)"
        }
        return "\(groupVersionPath)/\(plural)"
    }

    /// The path of one object, optionally of one of its subresources (`status`, `scale`).
    public func objectPath(name: String, namespace: String?, subresource: String? = nil) -> String {
        var path = "\(collectionPath(namespace: namespace))/\(Self.escape(name))"
        if let subresource { path += "/\(subresource)" }
        return path
    }

    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .kubePathSegment) ?? segment
    }
}

extension CharacterSet {
    fileprivate static let kubePathSegment: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~:@")
        return set
    }()
}

/// A Kubernetes object type with a fixed REST address, such as `Deployment` or `ConfigMap`.
///
/// Conforming types encode `apiVersion` and `kind`, and omit every optional field that is `nil`, so an instance can be
/// sent as a server-side apply body as is.
public protocol KubernetesObject: Codable, Sendable {
    /// Where the type lives in the API.
    static var resource: ResourceDescriptor { get }
    /// The `apiVersion` field; `nil` only on list items that the server sent without type metadata.
    var apiVersion: String? { get set }
    /// The `kind` field; `nil` only on list items that the server sent without type metadata.
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension KubernetesObject {
    /// The object's name, or the empty string.
    public var name: String { metadata.name ?? "" }
    /// The object's namespace, if any.
    public var namespace: String? { metadata.namespace }
}

/// A list of typed objects as returned by a list call (`<Kind>List`).
public struct ObjectList<Item: Codable & Sendable>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // The API sends `"items": null` for an empty list of some kinds.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
