import AgriPlatformAPI
import KubeCore

extension ReleaseRender {
    /// The NGINX canary annotation (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#canary).
    static let nginxCanary = "nginx.ingress.kubernetes.io/canary"
    /// The share of requests, 0–100, NGINX sends to the canary Ingress's backend.
    static let nginxCanaryWeight = "nginx.ingress.kubernetes.io/canary-weight"

    /// The service's Ingress with the blue-green preview host added while a preview runs: a rule for
    /// `blueGreen.previewHost` with the same path to `<platform>-<service>-preview`, and, when TLS is on, a TLS
    /// entry for that host with the Secret `<platform>-<service>-preview-tls` (its own Secret, so the main host's
    /// certificate never changes during a release).
    func addingPreviewHost(to ingress: JSONValue) -> JSONValue {
        guard hasPreview, let host = service.service.rollout?.blueGreen?.previewHost,
            var rules = ingress[path: ["spec", "rules"]]?.arrayValue, var rule = rules.first
        else { return ingress }
        let previewName = ReleaseNames.candidate(fullName, role: .preview)
        rule["host"] = .string(host)
        rule[path: ["http", "paths"]] = .array(
            (rule[path: ["http", "paths"]]?.arrayValue ?? []).map { path in
                var path = path
                path[path: ["backend", "service", "name"]] = .string(previewName)
                return path
            }
        )
        rules.append(rule)
        var ingress = ingress
        ingress[path: ["spec", "rules"]] = .array(rules)
        if var tls = ingress[path: ["spec", "tls"]]?.arrayValue {
            tls.append(["hosts": [.string(host)], "secretName": .string("\(previewName)-tls")])
            ingress[path: ["spec", "tls"]] = .array(tls)
        }
        return ingress
    }

    /// The NGINX canary Ingress `<platform>-<service>-canary`: the service's Ingress (host, path, TLS) sending
    /// `canaryWeight` percent of its requests to `<platform>-<service>-canary`. It keeps the Ingress's own
    /// annotations except cert-manager's, so the main Ingress stays the only one that requests the certificate.
    func canaryIngress(from ingress: JSONValue) -> JSONValue {
        let name = ReleaseNames.candidate(fullName, role: .canary)
        var canary = ingress
        canary[path: ["metadata", "name"]] = .string(name)
        var annotations = (canary[path: ["metadata", "annotations"]]?.objectValue ?? [:])
            .filter { !$0.key.hasPrefix("cert-manager.io/") }
        annotations[Self.nginxCanary] = "true"
        annotations[Self.nginxCanaryWeight] = .string(String(weight))
        canary[path: ["metadata", "annotations"]] = .object(annotations)
        canary[path: ["spec", "rules"]] = .array(
            (canary[path: ["spec", "rules"]]?.arrayValue ?? []).map { rule in
                var rule = rule
                rule[path: ["http", "paths"]] = .array(
                    (rule[path: ["http", "paths"]]?.arrayValue ?? []).map { path in
                        var path = path
                        path[path: ["backend", "service", "name"]] = .string(name)
                        return path
                    }
                )
                return rule
            }
        )
        return canary
    }

    /// The Gateway API HTTPRoute `<platform>-<service>`: one rule without matches (every path) whose backends are
    /// `<platform>-<service>` with weight `100 − canaryWeight` and, while a canary runs,
    /// `<platform>-<service>-canary` with weight `canaryWeight`, both on the primary port.
    func httpRoute(_ gateway: CanaryGatewayAPI) -> JSONValue {
        let port = JSONValue.int(service.primaryPort.port)
        var backends: [JSONValue] = [
            ["name": .string(fullName), "port": port, "weight": .int(canaryReplicas == nil ? 100 : 100 - weight)]
        ]
        if canaryReplicas != nil {
            backends.append(
                [
                    "name": .string(ReleaseNames.candidate(fullName, role: .canary)),
                    "port": port,
                    "weight": .int(weight),
                ]
            )
        }
        let parents: [JSONValue] = gateway.parentRefs.map { parent in
            var reference: JSONObject = ["name": .string(parent.name)]
            if let namespace = parent.namespace { reference["namespace"] = .string(namespace) }
            if let section = parent.sectionName { reference["sectionName"] = .string(section) }
            return .object(reference)
        }
        var spec: JSONObject = [
            "parentRefs": .array(parents),
            "rules": [["backendRefs": .array(backends)]],
        ]
        if let hostnames = gateway.hostnames, !hostnames.isEmpty {
            spec["hostnames"] = .array(hostnames.map { .string($0) })
        }
        return service.scope.object(
            apiVersion: HTTPRoute.resource.apiVersion,
            kind: HTTPRoute.resource.kind,
            metadata: service.scope.metadata(name: fullName, labels: service.labelsJSON),
            spec: .object(spec)
        )
    }
}
