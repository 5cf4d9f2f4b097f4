import AgriPlatformAPI
import AgriPlatformRender
import KubeCore
import Testing

@Suite("NetworkPolicy rules")
struct NetworkPolicyRuleTests {
    typealias F = RenderFixtures

    static func platform() -> AgriPlatform {
        var external = Datastore(name: "ledger", engine: .postgreSQL)
        external.external = ExternalDatastore(secretName: "rds")
        var platform = F.platform(
            [
                F.service("api") {
                    $0.uses = ["db", "ledger"]
                    $0.migration = MigrationJob(command: ["migrate"])
                    $0.ingress = IngressSpec(host: "api.example.com")
                    $0.ports = [
                        ServicePortSpec(name: "http", port: 8080), ServicePortSpec(name: "metrics", port: 9090),
                    ]
                },
                F.service("worker") { $0.uses = ["db"] },
                F.service("web"),
            ],
            datastores: [Datastore(name: "db", engine: .postgreSQL), external]
        )
        platform.spec.networkPolicy = PlatformNetworkPolicy(
            ingressNamespaces: ["ingress-nginx"],
            monitoringNamespaces: ["monitoring"]
        )
        return platform
    }

    @Test("A datastore admits only the services that use it, their migrations, its members and monitoring")
    func datastorePolicy() throws {
        let objects = try F.render(Self.platform())
        let policy = try #require(F.object(objects, kind: "NetworkPolicy", name: "farm-db"))
        #expect(
            policy[path: ["spec", "podSelector", "matchLabels"]]
                == [
                    "app.kubernetes.io/name": "db", "app.kubernetes.io/instance": "farm",
                    "app.kubernetes.io/component": "datastore",
                ]
        )
        #expect(policy[path: ["spec", "policyTypes"]] == ["Ingress"])
        let rules = try #require(policy[path: ["spec", "ingress"]]?.arrayValue)
        #expect(rules.count == 3)
        let clients = rules[0]["from"]?.arrayValue?.first?[path: ["podSelector", "matchExpressions"]]
        #expect(
            clients
                == [["key": "app.kubernetes.io/name", "operator": "In", "values": ["api", "api-migrate", "worker"]]]
        )
        #expect(rules[0]["ports"] == [["port": 5432, "protocol": "TCP"]])
        #expect(rules[1]["ports"] == nil)
        #expect(rules[2]["ports"] == [["port": 9187, "protocol": "TCP"]])
        #expect(F.object(objects, kind: "NetworkPolicy", name: "farm-ledger") == nil)
    }

    @Test("A service admits the platform's pods, the ingress namespaces and monitoring on its metrics port")
    func servicePolicy() throws {
        let objects = try F.render(Self.platform())
        let api = try #require(F.object(objects, kind: "NetworkPolicy", name: "farm-api"))
        let rules = try #require(api[path: ["spec", "ingress"]]?.arrayValue)
        #expect(rules.count == 3)
        #expect(rules[0]["from"] == [["podSelector": ["matchLabels": ["app.kubernetes.io/instance": "farm"]]]])
        #expect(rules[1]["ports"] == [["port": 8080, "protocol": "TCP"]])
        #expect(
            rules[1]["from"]
                == [
                    [
                        "namespaceSelector": [
                            "matchExpressions": [
                                ["key": "kubernetes.io/metadata.name", "operator": "In", "values": ["ingress-nginx"]]
                            ]
                        ]
                    ]
                ]
        )
        #expect(rules[2]["ports"] == [["port": 9090, "protocol": "TCP"]])
        let web = try #require(F.object(objects, kind: "NetworkPolicy", name: "farm-web"))
        #expect(web[path: ["spec", "ingress"]]?.arrayValue?.count == 2)
    }

    @Test("Disabling network policy renders none")
    func disabled() throws {
        var platform = Self.platform()
        platform.spec.networkPolicy?.enabled = false
        #expect(try F.render(platform).allSatisfy { $0.kind != "NetworkPolicy" })
    }
}
