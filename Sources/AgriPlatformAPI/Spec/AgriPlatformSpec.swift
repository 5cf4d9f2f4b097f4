/// The desired state of an ``AgriPlatform``: services, datastores and the platform-wide settings they share.
public struct AgriPlatformSpec: Codable, Sendable, Hashable {
    /// The platform's long-running services (an ECS service or App Runner service each); names are unique.
    public var services: [PlatformService]
    /// Datastores the operator runs itself or points services at (`external`); names are unique.
    public var datastores: [Datastore]?
    /// Network isolation between the platform's pods; on by default.
    public var networkPolicy: PlatformNetworkPolicy?
    /// Labels added to every object the operator creates, e.g. `team: kisanlink`.
    public var commonLabels: [String: String]?
    /// Annotations added to every object the operator creates.
    public var commonAnnotations: [String: String]?
    /// Names of `kubernetes.io/dockerconfigjson` Secrets used to pull every service's image (the ECR credentials).
    public var imagePullSecrets: [String]?
    /// The ServiceAccount the platform's pods run as (the ECS task role).
    public var serviceAccount: PlatformServiceAccount?
    /// Stops all changes to child objects while `true` (objects keep running); for maintenance and incident work.
    public var suspend: Bool?
    /// Monitors, alert rules and a dashboard, rendered when the Prometheus Operator is installed; on by default.
    public var observability: PlatformObservability?

    /// Creates a spec with the given services; every other setting takes its default.
    public init(services: [PlatformService], datastores: [Datastore]? = nil) {
        self.services = services
        self.datastores = datastores
    }
}
