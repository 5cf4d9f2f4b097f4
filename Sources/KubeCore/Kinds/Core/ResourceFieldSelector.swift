/// Selects a container resource such as `limits.cpu` or `requests.memory` (core/v1 `ResourceFieldSelector`).
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables>.
public struct ResourceFieldSelector: Codable, Sendable, Hashable {
    /// The container name; required for volumes, optional for environment variables.
    public var containerName: String?
    /// The resource, e.g. `limits.memory`.
    public var resource: String
    /// The output unit, e.g. `1Mi`; defaults to `1`.
    public var divisor: Quantity?

    public init(containerName: String? = nil, resource: String, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}
