/// A reference by name to an object in the same namespace (core/v1 `LocalObjectReference`), e.g. an image pull
/// Secret.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/local-object-reference/>.
public struct LocalObjectReference: Codable, Sendable, Hashable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}
