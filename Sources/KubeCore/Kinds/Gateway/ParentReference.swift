/// The Gateway, or one of its listeners, that a route attaches to (gateway.networking.k8s.io/v1 `ParentReference`).
///
/// See <https://gateway-api.sigs.k8s.io/reference/spec/#parentreference>.
public struct ParentReference: Codable, Sendable, Hashable {
    /// Defaults to `gateway.networking.k8s.io`.
    public var group: String?
    /// Defaults to `Gateway`; `Service` attaches a mesh route.
    public var kind: String?
    /// Defaults to the route's namespace.
    public var namespace: String?
    public var name: String
    /// A listener name of the Gateway (or a port name of a Service).
    public var sectionName: String?
    /// A listener port of the Gateway.
    public var port: Int32?

    public init(
        group: String? = nil,
        kind: String? = nil,
        namespace: String? = nil,
        name: String,
        sectionName: String? = nil,
        port: Int32? = nil
    ) {
        self.group = group
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.sectionName = sectionName
        self.port = port
    }
}
