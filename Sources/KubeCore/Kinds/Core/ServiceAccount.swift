/// An identity for processes in pods (core/v1 `ServiceAccount`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/service-account-v1/>.
public struct ServiceAccount: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "",
        version: "v1",
        kind: "ServiceAccount",
        plural: "serviceaccounts",
        namespaced: true
    )

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// Secrets pods running as this account may use; legacy token Secrets are no longer created automatically.
    public var secrets: [ObjectReference]?
    /// Pull secrets added to every pod that uses this account.
    public var imagePullSecrets: [LocalObjectReference]?
    /// Whether pods mount an API token by default; a pod's own setting wins.
    public var automountServiceAccountToken: Bool?

    public init(
        metadata: ObjectMeta,
        secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil,
        automountServiceAccountToken: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }
}
