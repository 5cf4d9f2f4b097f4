import AgriPlatformAPI
import KubeCore

/// The NetworkPolicy of an operated datastore, `<platform>-<datastore>`: the counterpart of "RDS accessible only
/// from the ECS security group".
///
/// Selecting the datastore's pods (`name: <datastore>`, `instance: <platform>`, `component: datastore`) denies them
/// every connection except:
///
/// - from the pods of the services that list the datastore in `uses` (and their migration Jobs), on the engine's
///   client ports (PostgreSQL 5432, MongoDB 27017, RabbitMQ 5672, Redis 6379, Consul 8500 and 8600 TCP/UDP);
/// - from the datastore's backup pods and the engine's Jobs (MongoDB's membership Job), on every port its client
///   Service offers (RabbitMQ's backup reads definitions from the management port 15672);
/// - from the datastore's own members, on every port (replication, clustering, gossip);
/// - from the `networkPolicy.monitoringNamespaces` on the engine's metrics port (PostgreSQL 9187, MongoDB 9216,
///   RabbitMQ 15692, Redis 9121, Consul 8500).
///
/// External datastores have no pods here and get no policy (``DatastoreRender`` renders nothing for them).
struct DatastoreNetworkPolicy {
    let identity: DatastoreIdentity
    /// The engine's profile, already built by ``DatastoreRender``.
    let profile: EngineProfile

    var scope: PlatformScope { identity.scope }
    var datastore: Datastore { identity.datastore }

    func render() -> JSONValue {
        let connection = DatastoreConnection(datastore: datastore, platformName: scope.name)
        let members = identity.labels
            .filter { [PlatformLabels.name, PlatformLabels.instance, PlatformLabels.component].contains($0.key) }
        var clients: Set<String> = []
        for service in scope.platform.spec.services where (service.uses ?? []).contains(datastore.name) {
            clients.insert(service.name)
            if service.migration != nil { clients.insert("\(service.name)-migrate") }
        }
        // The operator's own pods — backups and the engine's Jobs (MongoDB's membership Job) — reach every port the
        // engine offers clients (RabbitMQ's backup reads definitions from the management port).
        var operatorPods: Set<String> = []
        if datastore.backup != nil { operatorPods.insert("\(datastore.name)-backup") }
        for object in profile.extraObjects where object["kind"] == "Job" {
            if let name = object[path: ["spec", "template", "metadata", "labels", PlatformLabels.name]]?.stringValue {
                operatorPods.insert(name)
            }
        }
        var rules: [JSONValue] = []
        if !clients.isEmpty {
            rules.append(rule(from: clients, ports: connection.clientPorts))
        }
        if !operatorPods.isEmpty {
            let ports = profile.ports.filter(\.clients).map { (port: $0.port, protocol: $0.protocol) }
            rules.append(rule(from: operatorPods, ports: ports))
        }
        rules.append(["from": [["podSelector": ["matchLabels": .strings(members)]]]])
        if let peer = scope.monitoringPeer, let port = connection.metricsPort {
            rules.append([
                "from": [peer],
                "ports": [["port": .int(port), "protocol": "TCP"]],
            ])
        }
        return scope.object(
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: scope.metadata(
                name: "\(scope.name)-\(datastore.name)",
                labels: identity.labelsJSON
            ),
            spec: [
                "podSelector": ["matchLabels": .strings(members)],
                "policyTypes": ["Ingress"],
                "ingress": .array(rules),
            ]
        )
    }

    /// A rule admitting the platform's pods named `names` on `ports` (every port when empty).
    private func rule(from names: Set<String>, ports: [(port: Int32, protocol: String)]) -> JSONValue {
        var rule: JSONObject = [
            "from": [
                [
                    "podSelector": [
                        "matchLabels": [PlatformLabels.instance: .string(scope.name)],
                        "matchExpressions": [
                            [
                                "key": .string(PlatformLabels.name),
                                "operator": "In",
                                "values": .array(names.sorted().map { .string($0) }),
                            ]
                        ],
                    ]
                ]
            ]
        ]
        if !ports.isEmpty {
            rule["ports"] = .array(ports.map { ["port": .int($0.port), "protocol": .string($0.protocol)] })
        }
        return .object(rule)
    }
}
