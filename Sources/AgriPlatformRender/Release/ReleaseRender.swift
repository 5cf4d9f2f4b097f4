import AgriPlatformAPI
import KubeCore

/// The objects one service's ``ReleaseShape`` adds to, or changes in, its steady render.
///
/// - the candidate Deployment `<platform>-<service>-canary` or `-preview`: the stable Deployment with the
///   `agriplatform.io/track` label added to its labels, selector and pods, and the candidate's replica count
///   (never an HPA target: the HPA scales the stable Deployment only);
/// - the canary Service `<platform>-<service>-canary` (while a canary runs and an Ingress or Gateway API splits
///   traffic) and the preview Service `<platform>-<service>-preview` (while a preview runs), each selecting its
///   track;
/// - the NGINX canary Ingress `<platform>-<service>-canary` (trafficRouting `Ingress`, while a canary runs);
/// - the HTTPRoute `<platform>-<service>` (trafficRouting `GatewayAPI`, always, so traffic keeps its route between
///   releases);
/// - the blue-green preview host on the service's Ingress (while a preview runs).
///
/// The active-revision selector of the Service and `runsMigration` are applied by ``ServiceRender`` itself.
/// `appliesStable` changes nothing here: the stable Deployment is always rendered with the spec's template and
/// the reconciler decides whether to apply it.
struct ReleaseRender {
    let service: ServiceRender
    let shape: ReleaseShape
    /// The spec's pod-template revision.
    let revision: String
    /// The canary's traffic routing (`ReplicaRatio`, `Ingress` or `GatewayAPI`); `nil` for other strategies.
    let trafficRouting: String?

    init(service: ServiceRender, shape: ReleaseShape, revision: String) throws(RenderError) {
        self.service = service
        self.shape = shape
        self.revision = revision
        if let canary = service.service.rollout?.canary,
            (service.service.rollout?.strategy ?? Defaults.Rollout.strategy) == .canary
        {
            self.trafficRouting = canary.trafficRouting ?? Defaults.Rollout.trafficRouting
        } else {
            self.trafficRouting = nil
        }
        if trafficRouting == "GatewayAPI", service.service.rollout?.canary?.gatewayAPI == nil {
            throw RenderError(
                path: "\(service.path).rollout.canary.gatewayAPI",
                message: "trafficRouting GatewayAPI needs gatewayAPI.parentRefs for its HTTPRoute"
            )
        }
    }

    var fullName: String { service.fullName }

    /// The canary weight within 0–100.
    var weight: Int32 { min(max(shape.canaryWeight, 0), 100) }

    /// The running canary, if any.
    var canaryReplicas: Int32? {
        shape.candidate.flatMap { $0.role == .canary ? $0.replicas : nil }
    }

    /// Whether a preview runs.
    var hasPreview: Bool { shape.candidate?.role == .preview }

    /// The objects the release adds.
    func objects(stableDeployment: JSONValue) throws(RenderError) -> [JSONValue] {
        var objects: [JSONValue] = []
        if let candidate = shape.candidate {
            let name = ReleaseNames.candidate(fullName, role: candidate.role)
            guard name.utf8.count <= 63 else {
                throw RenderError(
                    path: "\(service.path).name",
                    message: "the \(candidate.role.rawValue) Service \"\(name)\" is longer than 63 characters, the "
                        + "limit for a Service name"
                )
            }
            objects.append(candidateDeployment(from: stableDeployment, candidate: candidate))
            if candidate.role == .preview || trafficRouting == "Ingress" || trafficRouting == "GatewayAPI" {
                var selector = service.selector
                selector[ReleaseLabels.track] = candidate.role.rawValue
                objects.append(service.kubernetesService(name: name, selector: selector))
            }
        }
        if canaryReplicas != nil, trafficRouting == "Ingress", let ingress = service.ingress() {
            objects.append(canaryIngress(from: ingress))
        }
        if trafficRouting == "GatewayAPI", let gateway = service.service.rollout?.canary?.gatewayAPI {
            objects.append(httpRoute(gateway))
        }
        return objects
    }

    /// The candidate Deployment: the stable one renamed, with the track label on its labels, selector and pods and
    /// `replicas` set even when an HPA scales the stable Deployment.
    func candidateDeployment(from stable: JSONValue, candidate: ReleaseShape.Candidate) -> JSONValue {
        let track = JSONValue.string(candidate.role.rawValue)
        var deployment = stable
        deployment[path: ["metadata", "name"]] = .string(ReleaseNames.candidate(fullName, role: candidate.role))
        deployment[path: ["metadata", "labels", ReleaseLabels.track]] = track
        deployment[path: ["spec", "selector", "matchLabels", ReleaseLabels.track]] = track
        deployment[path: ["spec", "template", "metadata", "labels", ReleaseLabels.track]] = track
        deployment[path: ["spec", "replicas"]] = .int(max(candidate.replicas, 0))
        return deployment
    }
}
