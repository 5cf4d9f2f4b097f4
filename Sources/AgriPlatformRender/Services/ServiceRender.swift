import AgriPlatformAPI
import KubeCore

/// Renders one entry of `spec.services`: its Deployment, Service, autoscalers, disruption budget, Ingress,
/// NetworkPolicy and migration Job.
struct ServiceRender {
    let scope: PlatformScope
    let service: PlatformService
    /// `spec.services[i]`, for errors.
    let path: String
    /// `<platform>-<service>`: the Deployment's, Service's and most other objects' name.
    let fullName: String
    let ports: [ServicePortSpec]
    let labels: [String: String]
    /// ``labels`` as JSON, built once for the service's several objects.
    let labelsJSON: JSONValue
    let selector: [String: String]

    init(scope: PlatformScope, service: PlatformService, index: Int) throws(RenderError) {
        self.scope = scope
        self.service = service
        self.path = "spec.services[\(index)]"
        self.fullName = "\(scope.name)-\(service.name)"
        guard !service.name.isEmpty else {
            throw RenderError(path: "\(path).name", message: "a service needs a name")
        }
        guard fullName.utf8.count <= 63 else {
            throw RenderError(
                path: "\(path).name",
                message: "\"\(fullName)\" is longer than 63 characters, the limit for a Service name"
            )
        }
        if let role = ReleaseNames.candidateRole(of: service) {
            let candidate = ReleaseNames.candidate(fullName, role: role)
            guard candidate.utf8.count <= 63 else {
                throw RenderError(
                    path: "\(path).name",
                    message: "the \(role.rawValue) Service \"\(candidate)\" is longer than 63 characters, the limit "
                        + "for a Service name"
                )
            }
        }
        let ports = service.ports.flatMap { $0.isEmpty ? nil : $0 } ?? [Defaults.port]
        self.ports = ports
        self.labels = scope.labels(name: service.name, component: PlatformLabels.Component.service)
        self.labelsJSON = .strings(labels)
        self.selector = scope.selector(name: service.name)
    }

    var primaryPort: ServicePortSpec { ports[0] }

    /// Every object for this service in the moment of its release that `shape` describes, in no particular order.
    func objects(shape: ReleaseShape = .steady) throws(RenderError) -> [JSONValue] {
        let template = try podTemplate()
        let release = try ReleaseRender(service: self, shape: shape, revision: template.revision)
        let stable = deployment(template: template.json, revision: template.revision)
        var objects = [stable, kubernetesService(activeRevision: shape.activeRevision)]
        if let autoscaler = try horizontalPodAutoscaler() { objects.append(autoscaler) }
        if let autoscaler = try verticalPodAutoscaler() { objects.append(autoscaler) }
        if let budget = podDisruptionBudget() { objects.append(budget) }
        if let ingress = ingress() { objects.append(release.addingPreviewHost(to: ingress)) }
        if scope.networkPolicyEnabled { objects.append(networkPolicy()) }
        if shape.runsMigration, let job = try migrationJob(revision: template.revision) { objects.append(job) }
        objects += try release.objects(stableDeployment: stable)
        return objects
    }

    /// The Deployment. No `replicas` when an HPA owns the scale: a value here would reset the HPA's choice on every
    /// apply.
    ///
    /// Every strategy renders a rolling update (`maxSurge`, `maxUnavailable` from `rollout.rolling` or
    /// ``Defaults/Rollout``, and `progressDeadlineSeconds`). For `Canary` and `BlueGreen` this is the stable
    /// Deployment, beside which ``ReleaseRender`` adds the candidate; the automatic rollback that
    /// `rolling.rollbackOnFailure` asks for is the rollout state machine's (a Deployment only reports a missed
    /// deadline, it does not roll back). The annotation `agriplatform.io/revision` names the template's revision.
    func deployment(template: JSONValue, revision: String) -> JSONValue {
        let rollout = service.rollout
        let rolling = rollout?.rolling
        var spec: JSONObject = [
            "selector": ["matchLabels": .strings(selector)],
            "strategy": [
                "type": "RollingUpdate",
                "rollingUpdate": [
                    "maxSurge": .intOrString(rolling?.maxSurge ?? Defaults.Rollout.maxSurge),
                    "maxUnavailable": .intOrString(rolling?.maxUnavailable ?? Defaults.Rollout.maxUnavailable),
                ],
            ],
            "progressDeadlineSeconds": .int(
                rollout?.progressDeadlineSeconds ?? Defaults.Rollout.progressDeadlineSeconds
            ),
            "template": template,
        ]
        if service.autoscaling == nil {
            spec["replicas"] = .int(service.replicas ?? Defaults.replicas)
        }
        return scope.object(
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: scope.metadata(
                name: fullName,
                labels: labelsJSON,
                annotations: [PodTemplateRevision.annotation: revision]
            ),
            spec: .object(spec)
        )
    }

    /// The ClusterIP Service `<platform>-<service>` in front of the pods, one port per container port, each
    /// targeting the port by name. With `activeRevision` it selects only the pods of that revision (blue-green's
    /// active revision, or the stable one while an Ingress or Gateway API splits a canary's traffic).
    func kubernetesService(activeRevision: String? = nil) -> JSONValue {
        var selector = self.selector
        if let activeRevision { selector[ReleaseLabels.revision] = activeRevision }
        return kubernetesService(name: fullName, selector: selector)
    }

    /// A ClusterIP Service `name` selecting `selector`, with the service's ports.
    func kubernetesService(name: String, selector: [String: String]) -> JSONValue {
        let servicePorts: [JSONValue] = ports.map { port in
            var entry: JSONObject = [
                "name": .string(port.name),
                "port": .int(port.port),
                "targetPort": .string(port.name),
                "protocol": .string(port.protocol ?? "TCP"),
            ]
            if let appProtocol = port.appProtocol ?? Self.defaultAppProtocol(port.name) {
                entry["appProtocol"] = .string(appProtocol)
            }
            return .object(entry)
        }
        return scope.object(
            apiVersion: "v1",
            kind: "Service",
            metadata: scope.metadata(name: name, labels: labelsJSON),
            spec: [
                "type": "ClusterIP",
                "selector": .strings(selector),
                "ports": .array(servicePorts),
            ]
        )
    }

    static func defaultAppProtocol(_ portName: String) -> String? {
        switch portName {
        case "http": "http"
        case "grpc": "grpc"
        default: nil
        }
    }

    /// The pods a service runs when nothing scales it: `minReplicas` with autoscaling, else `replicas` or 2.
    var minimumPods: Int32 {
        service.autoscaling?.minReplicas ?? service.replicas ?? Defaults.replicas
    }

    /// The PodDisruptionBudget: the spec's budget when it sets one, otherwise `maxUnavailable: 1` whenever at
    /// least two pods run, and none for a single pod (a budget there would block every node drain).
    func podDisruptionBudget() -> JSONValue? {
        var spec: JSONObject = ["selector": ["matchLabels": .strings(selector)]]
        if let minAvailable = service.disruptionBudget?.minAvailable {
            spec["minAvailable"] = .intOrString(minAvailable)
        } else if let maxUnavailable = service.disruptionBudget?.maxUnavailable {
            spec["maxUnavailable"] = .intOrString(maxUnavailable)
        } else if minimumPods >= 2 {
            spec["maxUnavailable"] = 1
        } else {
            return nil
        }
        return scope.object(
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: scope.metadata(name: fullName, labels: labelsJSON),
            spec: .object(spec)
        )
    }

    /// The Ingress: one rule for `host` and `path` to the primary port, TLS unless disabled (Secret
    /// `<platform>-<service>-tls` by default) and `cert-manager.io/cluster-issuer` when an issuer is named.
    func ingress() -> JSONValue? {
        guard let ingress = service.ingress else { return nil }
        var annotations = ingress.annotations ?? [:]
        let tlsEnabled = ingress.tls?.enabled ?? true
        if tlsEnabled, let issuer = ingress.tls?.clusterIssuer {
            annotations["cert-manager.io/cluster-issuer"] = issuer
        }
        let backend: JSONValue = [
            "service": [
                "name": .string(fullName),
                "port": ["name": .string(primaryPort.name)],
            ]
        ]
        var spec = JSONObject(minimumCapacity: 3)
        spec["rules"] = [
            [
                "host": .string(ingress.host),
                "http": [
                    "paths": [
                        [
                            "backend": backend,
                            "path": .string(ingress.path ?? "/"),
                            "pathType": .string(ingress.pathType ?? "Prefix"),
                        ]
                    ]
                ],
            ]
        ]
        if let className = ingress.className { spec["ingressClassName"] = .string(className) }
        if tlsEnabled {
            spec["tls"] = [
                [
                    "hosts": [.string(ingress.host)],
                    "secretName": .string(ingress.tls?.secretName ?? "\(fullName)-tls"),
                ]
            ]
        }
        return scope.object(
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: scope.metadata(name: fullName, labels: labelsJSON, annotations: annotations),
            spec: .object(spec)
        )
    }
}
