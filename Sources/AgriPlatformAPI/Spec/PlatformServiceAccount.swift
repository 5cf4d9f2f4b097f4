/// The identity the platform's pods run as: the counterpart of the ECS task role.
public struct PlatformServiceAccount: Codable, Sendable, Hashable {
    /// An existing ServiceAccount to use instead of the one the operator creates (`<platform>`).
    public var name: String?
    /// Annotations on the created ServiceAccount, e.g. `eks.amazonaws.com/role-arn` for IAM roles for service
    /// accounts.
    public var annotations: [String: String]?
    /// Whether pods get a Kubernetes API token mounted; defaults to `false` (services rarely call the API).
    public var automountToken: Bool?

    /// Creates service-account settings.
    public init(name: String? = nil, annotations: [String: String]? = nil, automountToken: Bool? = nil) {
        self.name = name
        self.annotations = annotations
        self.automountToken = automountToken
    }
}
