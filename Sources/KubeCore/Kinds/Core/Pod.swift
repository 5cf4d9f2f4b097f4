/// The smallest deployable unit: one or more containers scheduled together (core/v1 `Pod`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/>.
public struct Pod: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "Pod",
        plural: "pods",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    /// The observed state, written by the kubelet.
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
