import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Server-side apply of associative lists and sets")
struct FieldManagerListTests {
    typealias F = Fixtures

    static func service(ports: [JSONValue]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "dns"], "spec": ["ports": .array(ports)]]
    }

    static func apply(_ config: JSONValue, to live: JSONValue?, manager: String) throws -> JSONValue {
        try FieldManager.apply(
            live: live,
            config: config,
            manager: manager,
            apiVersion: config["apiVersion"]?.stringValue ?? "",
            subresource: nil,
            force: false,
            schema: .builtIn,
            now: F.t0
        )
    }

    @Test("Service ports are keyed by port and protocol, TCP when the protocol is omitted")
    func servicePorts() throws {
        let tcp = try Self.apply(Self.service(ports: [["port": 53, "name": "dns-tcp"]]), to: nil, manager: "a")
        let both = try Self.apply(
            Self.service(ports: [["port": 53, "protocol": "UDP", "name": "dns"]]),
            to: tcp,
            manager: "b"
        )
        #expect(
            both[path: ["spec", "ports"]] == [
                ["port": 53, "name": "dns-tcp"], ["port": 53, "protocol": "UDP", "name": "dns"],
            ]
        )
        #expect(
            F.entry(both, manager: "a")?[path: ["fieldsV1", "f:spec", "f:ports"]] == [
                #"k:{"port":53,"protocol":"TCP"}"#: [".": [:], "f:port": [:], "f:name": [:]]
            ]
        )
        let error = #expect(throws: ApplyConflict.self) {
            try Self.apply(
                Self.service(ports: [["port": 53, "protocol": "TCP", "name": "renamed"]]),
                to: both,
                manager: "b"
            )
        }
        #expect(error?.conflicts.map(\.field) == [#".spec.ports[port=53,protocol="TCP"].name"#])
    }

    @Test("Finalizers are a set: each manager adds its own and removes only its own")
    func finalizers() throws {
        func config(_ finalizers: [JSONValue]) -> JSONValue {
            var object = F.deployment()
            object[path: ["metadata", "finalizers"]] = .array(finalizers)
            return object
        }
        let first = try F.apply(config(["example.com/a"]), to: nil, manager: "a")
        let second = try F.apply(config(["example.com/b", "example.com/a"]), to: first, manager: "b")
        // The applied order wins for items both sides have (structured-merge-diff's list merge).
        #expect(second[path: ["metadata", "finalizers"]] == ["example.com/b", "example.com/a"])
        #expect(
            F.owned(second, manager: "b") == [
                #".metadata.finalizers[="example.com/a"]"#,
                #".metadata.finalizers[="example.com/b"]"#,
            ]
        )
        let aLeaves = try F.apply(F.deployment(), to: second, manager: "a")
        #expect(aLeaves[path: ["metadata", "finalizers"]] == ["example.com/b", "example.com/a"])
        #expect(F.entry(aLeaves, manager: "a") == nil)
        let bLeaves = try F.apply(config(["example.com/b"]), to: aLeaves, manager: "b")
        #expect(bLeaves[path: ["metadata", "finalizers"]] == ["example.com/b"])
    }

    @Test("A container co-owned by two appliers keeps the other's fields when one stops applying it")
    func coOwnedItem() throws {
        let first = try F.apply(F.deployment(containers: [F.container("web", image: "nginx")]), to: nil, manager: "a")
        let resources: JSONValue = ["name": "web", "resources": ["limits": ["cpu": "1"]]]
        let second = try F.apply(F.deployment(containers: [resources]), to: first, manager: "b")
        let aLeaves = try F.apply(F.deployment(replicas: 1), to: second, manager: "a")
        #expect(aLeaves[path: ["spec", "template", "spec", "containers"]] == [resources])
    }

    @Test("A scale through the scale subresource is owned by an Update entry with that subresource")
    func scaleSubresource() throws {
        let applied = try F.apply(F.deployment(replicas: 1), to: nil, manager: "ops")
        var scaled = applied
        scaled[path: ["spec", "replicas"]] = 4
        let object = F.update(scaled, from: applied, manager: "kubectl", subresource: "scale", now: F.t1)
        let entry = try #require(F.entry(object, manager: "kubectl", operation: "Update"))
        #expect(entry["subresource"] == "scale")
        #expect(entry["fieldsV1"] == ["f:spec": ["f:replicas": [:]]])
        let error = #expect(throws: ApplyConflict.self) {
            try F.apply(F.deployment(replicas: 2), to: object, manager: "ops")
        }
        #expect(
            error?.conflicts.first?.causeMessage == #"conflict with "kubectl" with subresource "scale" using apps/v1"#
        )
    }
}
