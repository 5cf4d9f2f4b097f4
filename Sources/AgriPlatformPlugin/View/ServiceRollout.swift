public import AgriPlatformAPI
import KubeCore

/// One service of one AgriPlatform as `kubectl agri get` shows it: where it is, how it is released and the release's
/// status, gathered from the platform's spec and status.
///
/// Also the element of `kubectl agri get -o json|yaml`, so scripts read the same facts as the table.
public struct ServiceRollout: Codable, Sendable, Hashable {
    /// The platform's namespace.
    public var namespace: String
    /// The platform's name.
    public var platform: String
    /// The service's name.
    public var service: String
    /// The strategy of the release on status, else the one the spec asks for (`Rolling` when unset).
    public var strategy: RolloutStrategyType
    /// The number of canary steps in the spec; `nil` for other strategies.
    public var steps: Int?
    /// Pods desired now.
    public var replicas: Int32?
    /// Pods ready.
    public var readyReplicas: Int32?
    /// The image of the desired revision (status), else the spec's image.
    public var image: String
    /// The desired revision's pod-template hash from the service status.
    public var revision: String?
    /// The release's status, as the operator wrote it.
    public var rollout: RolloutStatus?

    /// Creates a row from its parts.
    public init(
        namespace: String,
        platform: String,
        service: String,
        strategy: RolloutStrategyType,
        steps: Int? = nil,
        replicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        image: String,
        revision: String? = nil,
        rollout: RolloutStatus? = nil
    ) {
        self.namespace = namespace
        self.platform = platform
        self.service = service
        self.strategy = strategy
        self.steps = steps
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.image = image
        self.revision = revision
        self.rollout = rollout
    }

    /// The services of `platform` in spec order, each with its status entry (matched by name) when there is one.
    public static func all(in platform: AgriPlatform) -> [ServiceRollout] {
        let statuses = platform.status?.services ?? []
        return platform.spec.services.map { spec in
            let status = statuses.first { $0.name == spec.name }
            let strategy = status?.rollout?.strategy ?? spec.rollout?.strategy ?? .rolling
            return ServiceRollout(
                namespace: platform.namespace ?? "",
                platform: platform.name,
                service: spec.name,
                strategy: strategy,
                steps: strategy == .canary ? spec.rollout?.canary?.steps.count : nil,
                replicas: status?.replicas ?? spec.replicas,
                readyReplicas: status?.readyReplicas,
                image: status?.image ?? spec.image,
                revision: status?.revision,
                rollout: status?.rollout
            )
        }
    }

    /// The revision the release moves to: the rollout's, else the service status's.
    public var desiredRevision: String? { rollout?.desiredRevision ?? revision }
}
