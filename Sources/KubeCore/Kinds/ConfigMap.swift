public import Foundation

/// Non-confidential configuration as key-value pairs (core/v1 `ConfigMap`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/config-map-v1/>.
public struct ConfigMap: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "ConfigMap",
        plural: "configmaps",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// UTF-8 values by key; keys may not also appear in `binaryData`.
    public var data: [String: String]?
    /// Binary values by key, base64 on the wire.
    public var binaryData: [String: Data]?
    /// Whether `data` and `binaryData` can no longer change; once `true` it cannot be unset.
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta,
        data: [String: String]? = nil,
        binaryData: [String: Data]? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }
}
