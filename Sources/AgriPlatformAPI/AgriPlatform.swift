public import KubeCore

/// One team's whole platform — its services, the datastores they use and how they are released — as a single
/// namespaced resource (`agriplatform.io/v1alpha1`, kind `AgriPlatform`, short name `agp`).
///
/// The operator renders the spec into Deployments, Services, autoscalers, disruption budgets, Ingresses, network
/// policies and datastore StatefulSets, applies them with server-side apply, and reports progress in ``status``.
/// Field-by-field reference, defaults and the mapping from each team's AWS plan: `docs/api.md`.
public struct AgriPlatform: KubernetesObject, Hashable {
    /// The API group, version and names under which the CRD serves AgriPlatforms.
    public static let resource = ResourceDescriptor(
        group: "agriplatform.io",
        version: "v1alpha1",
        kind: "AgriPlatform",
        plural: "agriplatforms",
        namespaced: true
    )
    /// The singular name (`agriplatform`), as `kubectl get agriplatform` accepts it.
    public static let singular = "agriplatform"
    /// Short names for `kubectl get agp`.
    public static let shortNames = ["agp"]
    /// Categories, so `kubectl get agri` lists every agri-operator resource.
    public static let categories = ["agri"]

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// What the team asks for.
    public var spec: AgriPlatformSpec
    /// What the operator last observed; written only through the status subresource.
    public var status: AgriPlatformStatus?

    /// Creates an AgriPlatform with the group's `apiVersion` and `kind` filled in.
    public init(metadata: ObjectMeta, spec: AgriPlatformSpec, status: AgriPlatformStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
