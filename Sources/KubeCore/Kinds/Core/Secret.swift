public import Foundation

/// Confidential data such as passwords, tokens and keys (core/v1 `Secret`).
///
/// `data` holds raw bytes, which JSON carries as base64 (the default `Data` strategy of `JSONEncoder` and
/// `JSONDecoder`); `stringData` is a write-only convenience the server merges into `data`.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/>.
public struct Secret: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Secret",
        plural: "secrets",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// The secret bytes by key, base64 on the wire.
    public var data: [String: Data]?
    /// Plain-text values merged into `data` on write, winning over `data`; never returned by reads.
    public var stringData: [String: String]?
    /// E.g. `Opaque` (default), `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`; immutable after creation.
    public var type: String?
    /// Whether `data` can no longer change; once `true` it cannot be unset.
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta,
        data: [String: Data]? = nil,
        stringData: [String: String]? = nil,
        type: String? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
        self.stringData = stringData
        self.type = type
        self.immutable = immutable
    }
}
