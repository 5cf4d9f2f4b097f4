/// The pod a workload controller creates: its metadata and spec (core/v1 `PodTemplateSpec`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-template-v1/#PodTemplateSpec>.
public struct PodTemplateSpec: Codable, Sendable, Hashable {
    /// Labels (which must match the controller's selector) and annotations of the created pods.
    public var metadata: ObjectMeta?
    public var spec: PodSpec?

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
