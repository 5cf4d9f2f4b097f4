/// A reference to an object of any kind, possibly to a field within it (core/v1 `ObjectReference`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-reference/>.
public struct ObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    /// The `resourceVersion` the reference was taken at.
    public var resourceVersion: String?
    /// A field path within the object, such as `spec.containers{app}`.
    public var fieldPath: String?

    public init(
        apiVersion: String? = nil,
        kind: String? = nil,
        namespace: String? = nil,
        name: String? = nil,
        uid: String? = nil,
        resourceVersion: String? = nil,
        fieldPath: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}
