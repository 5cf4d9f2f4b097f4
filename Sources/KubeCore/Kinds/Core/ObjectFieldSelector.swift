/// Selects a field of the pod, such as `metadata.name` or `status.podIP` (core/v1 `ObjectFieldSelector`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct ObjectFieldSelector: Codable, Sendable, Hashable {
    /// The schema version `fieldPath` is written in; defaults to `v1`.
    public var apiVersion: String?
    public var fieldPath: String

    public init(apiVersion: String? = nil, fieldPath: String) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}
