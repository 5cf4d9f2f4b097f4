import AgriPlatformAPI
import KubeCore

extension ServiceRender {
    /// The service's NetworkPolicy (ingress only; egress stays open). Its pods accept:
    ///
    /// - every pod of the platform (`app.kubernetes.io/instance: <platform>`), on every service port;
    /// - when the service has an Ingress, the `networkPolicy.ingressNamespaces` on the primary port — or, when that
    ///   list is absent, any source on that port (an ALB in IP mode connects from outside the cluster);
    /// - the `networkPolicy.monitoringNamespaces` on the ports named `metrics`, or on every port if none is.
    func networkPolicy() -> JSONValue {
        // The Deployment's selector (the one place it is defined), narrowed to the service's pods.
        var podSelector = selector
        podSelector[PlatformLabels.component] = PlatformLabels.Component.service
        var rules: [JSONValue] = [["from": [scope.platformPodsPeer], "ports": .array(ports.map(Self.policyPort))]]
        if service.ingress != nil {
            var rule: JSONObject = ["ports": [Self.policyPort(primaryPort)]]
            if let peer = scope.ingressPeer {
                rule["from"] = [peer]
            }
            rules.append(.object(rule))
        }
        if let peer = scope.monitoringPeer {
            let metrics = ports.filter { $0.name == "metrics" }
            rules.append([
                "from": [peer],
                "ports": .array((metrics.isEmpty ? ports : metrics).map(Self.policyPort)),
            ])
        }
        return scope.object(
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: scope.metadata(name: fullName, labels: labelsJSON),
            spec: [
                "podSelector": ["matchLabels": .strings(podSelector)],
                "policyTypes": ["Ingress"],
                "ingress": .array(rules),
            ]
        )
    }

    private static func policyPort(_ port: ServicePortSpec) -> JSONValue {
        ["port": .int(port.port), "protocol": .string(port.protocol ?? "TCP")]
    }
}

/// Peers of NetworkPolicy rules.
enum NetworkPolicyPeers {
    /// Every pod in the namespaces `names`, selected by the `kubernetes.io/metadata.name` label the API server sets.
    static func namespaces(_ names: [String]) -> JSONValue {
        [
            "namespaceSelector": [
                "matchExpressions": [
                    [
                        "key": .string(PlatformLabels.namespaceName),
                        "operator": "In",
                        "values": .array(Set(names).sorted().map { .string($0) }),
                    ]
                ]
            ]
        ]
    }
}
