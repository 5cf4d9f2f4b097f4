/// One port a Service exposes and the pod port it forwards to (core/v1 `ServicePort`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec>.
public struct ServicePort: Codable, Sendable, Hashable {
    /// Required when the Service has more than one port; used by EndpointSlices and Gateway API `sectionName`.
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The application protocol, e.g. `http`, `kubernetes.io/h2c` or `kubernetes.io/ws`.
    public var appProtocol: String?
    /// The port the Service listens on.
    public var port: Int32
    /// The pod port number or container port name; defaults to `port`.
    public var targetPort: IntOrString?
    /// The node port for `NodePort` and `LoadBalancer` Services; allocated by the server when absent.
    public var nodePort: Int32?

    public init(
        name: String? = nil,
        protocol: String? = nil,
        appProtocol: String? = nil,
        port: Int32,
        targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}
