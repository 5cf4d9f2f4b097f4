/// Compute resources a container requests and is limited to (core/v1 `ResourceRequirements`), keyed by resource name
/// such as `cpu`, `memory` or `ephemeral-storage`.
///
/// See <https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/>.
public struct ResourceRequirements: Codable, Sendable, Hashable {
    /// The maximum amount of each resource.
    public var limits: [String: Quantity]?
    /// The amount of each resource the scheduler reserves; defaults to `limits`.
    public var requests: [String: Quantity]?
    /// Names of the pod's dynamic resource claims this container uses.
    public var claims: [ResourceClaim]?

    public init(
        limits: [String: Quantity]? = nil,
        requests: [String: Quantity]? = nil,
        claims: [ResourceClaim]? = nil
    ) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

/// A reference to one entry of `PodSpec.resourceClaims` (core/v1 `ResourceClaim`).
///
/// See <https://kubernetes.io/docs/concepts/scheduling-eviction/dynamic-resource-allocation/>.
public struct ResourceClaim: Codable, Sendable, Hashable {
    public var name: String
    /// The request within the claim; absent means the whole claim.
    public var request: String?

    public init(name: String, request: String? = nil) {
        self.name = name
        self.request = request
    }
}

/// Storage a PersistentVolumeClaim requests (core/v1 `VolumeResourceRequirements`), keyed by `storage`.
///
/// See <https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/>.
public struct VolumeResourceRequirements: Codable, Sendable, Hashable {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}
