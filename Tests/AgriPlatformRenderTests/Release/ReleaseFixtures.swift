import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

/// Services with each release strategy and traffic routing, for the release rendering tests.
enum ReleaseFixtures {
    typealias F = RenderFixtures

    /// A strategy and traffic routing a service releases with.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case rolling, canaryReplicaRatio, canaryIngress, canaryGatewayAPI, blueGreen

        var testDescription: String { rawValue }
    }

    static let revisionOfStable = "0123456789abcdef"

    static func service(_ kind: Kind, configure: (inout PlatformService) -> Void = { _ in }) -> PlatformService {
        F.service {
            $0.ingress = IngressSpec(host: "api.example.com")
            $0.ingress?.tls = IngressTLS(clusterIssuer: "letsencrypt")
            $0.ingress?.annotations = ["nginx.ingress.kubernetes.io/proxy-body-size": "8m"]
            $0.migration = MigrationJob(command: ["migrate"])
            switch kind {
            case .rolling:
                $0.rollout = Rollout(strategy: .rolling)
            case .canaryReplicaRatio, .canaryIngress, .canaryGatewayAPI:
                var canary = CanaryStrategy(steps: [.setWeight(20), .pause(seconds: nil), .setWeight(50)])
                switch kind {
                case .canaryIngress: canary.trafficRouting = "Ingress"
                case .canaryGatewayAPI:
                    canary.trafficRouting = "GatewayAPI"
                    canary.gatewayAPI = CanaryGatewayAPI(
                        parentRefs: [GatewayParentRef(name: "public", namespace: "gateways", sectionName: "https")],
                        hostnames: ["api.example.com"]
                    )
                default: break
                }
                $0.rollout = Rollout(strategy: .canary)
                $0.rollout?.canary = canary
            case .blueGreen:
                $0.rollout = Rollout(strategy: .blueGreen)
                $0.rollout?.blueGreen = BlueGreenStrategy(previewHost: "preview.api.example.com")
            }
            configure(&$0)
        }
    }

    static func render(
        _ kind: Kind,
        shape: ReleaseShape,
        configure: (inout PlatformService) -> Void = { _ in }
    ) throws -> [DynamicObject] {
        try PlatformRenderer().render(F.platform([service(kind, configure: configure)]), releases: ["api": shape])
    }

    /// `Kind/name` of every object.
    static func keys(_ objects: [DynamicObject]) -> Set<String> {
        Set(objects.map { "\($0.kind ?? "")/\($0.name ?? "")" })
    }

    /// The objects every render of the fixture service has, whatever the shape (the migration Job aside).
    static let common: Set<String> = [
        "ServiceAccount/farm", "Deployment/farm-api", "Service/farm-api", "PodDisruptionBudget/farm-api",
        "Ingress/farm-api", "NetworkPolicy/farm-api",
    ]
}
