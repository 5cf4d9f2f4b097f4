import AgriPlatformAPI
import KubeCore

/// The NetworkPolicy of an operated datastore, `<platform>-<datastore>`: the counterpart of "RDS accessible only
/// from the ECS security group".
///
/// Selecting the datastore's pods (`name: <datastore>`, `instance: <platform>`, `component: datastore`) denies them
/// every connection except:
///
/// - from the pods of the services that list the datastore in `uses` (and their migration Jobs), from its own
///   backup pods and from the engine's Jobs (MongoDB's membership Job), on the engine's
///   client ports (PostgreSQL 5432, MongoDB 27017, RabbitMQ 5672, Redis 6379, Consul 8500 and 8600 TCP/UDP);
/// - from the datastore's own members, on every port (replication, clustering, gossip);
/// - from the `networkPolicy.monitoringNamespaces` on the engine's metrics port (PostgreSQL 9187, MongoDB 9216,
///   RabbitMQ 15692, Redis 9121, Consul 8500).
///
/// External datastores have no pods here and get no policy.
struct DatastoreNetworkPolicy {
    let scope: PlatformScope
    let datastore: Datastore

    func render() -> JSONValue? {
        guard datastore.external == nil else { return nil }
        let connection = DatastoreConnection(datastore: datastore, platformName: scope.name)
        let members = scope.labels(name: datastore.name, component: PlatformLabels.Component.datastore)
            .filter { [PlatformLabels.name, PlatformLabels.instance, PlatformLabels.component].contains($0.key) }
        var clients: Set<String> = []
        for service in scope.platform.spec.services where (service.uses ?? []).contains(datastore.name) {
            clients.insert(service.name)
            if service.migration != nil { clients.insert("\(service.name)-migrate") }
        }
        if datastore.backup != nil { clients.insert("\(datastore.name)-backup") }
        // The engine's own Jobs (MongoDB's membership Job) talk to the members like clients.
        let identity = DatastoreIdentity(scope: scope, datastore: datastore)
        for object in EngineProfile.profile(for: identity)?.extraObjects ?? [] where object["kind"] == "Job" {
            if let name = object[path: ["spec", "template", "metadata", "labels", PlatformLabels.name]]?.stringValue {
                clients.insert(name)
            }
        }
        var rules: [JSONValue] = []
        if !clients.isEmpty {
            var rule: [String: JSONValue] = [
                "from": [
                    [
                        "podSelector": [
                            "matchLabels": [PlatformLabels.instance: .string(scope.name)],
                            "matchExpressions": [
                                [
                                    "key": .string(PlatformLabels.name),
                                    "operator": "In",
                                    "values": .array(clients.sorted().map { .string($0) }),
                                ]
                            ],
                        ]
                    ]
                ]
            ]
            let ports = connection.clientPorts
            if !ports.isEmpty {
                rule["ports"] = .array(ports.map { ["port": .int($0.port), "protocol": .string($0.protocol)] })
            }
            rules.append(.object(rule))
        }
        rules.append(["from": [["podSelector": ["matchLabels": .strings(members)]]]])
        if let namespaces = scope.platform.spec.networkPolicy?.monitoringNamespaces, !namespaces.isEmpty,
            let port = connection.metricsPort
        {
            rules.append([
                "from": [NetworkPolicyPeers.namespaces(namespaces)],
                "ports": [["port": .int(port), "protocol": "TCP"]],
            ])
        }
        return scope.object(
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: scope.metadata(
                name: "\(scope.name)-\(datastore.name)",
                labels: scope.labels(name: datastore.name, component: PlatformLabels.Component.datastore)
            ),
            spec: [
                "podSelector": ["matchLabels": .strings(members)],
                "policyTypes": ["Ingress"],
                "ingress": .array(rules),
            ]
        )
    }
}
