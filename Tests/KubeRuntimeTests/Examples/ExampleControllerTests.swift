import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Testing

@Suite("Example controller: ConfigMap mirror", .timeLimit(.minutes(1)))
struct ExampleControllerTests {
    static let namespace = ControllerTestServer.namespace

    @Test("Labelled ConfigMaps are mirrored, kept in step, recreated when deleted and collected with their source")
    func mirrorsLabelledConfigMaps() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let labels = ["mirror": "true"]
            let source = try await client.create(
                ControllerTestServer.configMap("app", data: ["k": "v1"], labels: labels)
            )
            _ = try await client.create(ControllerTestServer.configMap("plain", data: ["k": "v"]))
            let controller = ConfigMapMirror.controller(client: client, namespace: Self.namespace)
            try await ControllerTests.running(controller) {
                try await Self.waitForMirror(client, data: ["k": "v1"])
                let mirror = try await client.get(ConfigMap.self, name: "app-mirror", namespace: Self.namespace)
                #expect(mirror.metadata.ownerReferences?.first?.uid == source.metadata.uid)
                #expect(mirror.metadata.ownerReferences?.first?.controller == true)

                var updated = source
                updated.data = ["k": "v2"]
                _ = try await client.update(updated)
                try await Self.waitForMirror(client, data: ["k": "v2"])

                try await client.delete(ConfigMap.self, name: "app-mirror", namespace: Self.namespace)
                try await Self.waitForMirror(client, data: ["k": "v2"])

                try await client.delete(ConfigMap.self, name: "app", namespace: Self.namespace)
                try await poll("the mirror is collected with its source") {
                    let names = try await client.list(ConfigMap.self, namespace: Self.namespace).items.map(\.name)
                    return !names.contains("app-mirror")
                }
            }
            let names = try await client.list(ConfigMap.self, namespace: Self.namespace).items.map(\.name)
            #expect(!names.contains("plain-mirror"), "unlabelled ConfigMaps are not mirrored")
            #expect(!names.contains("app-mirror-mirror"), "mirrors are not mirrored")
        }
    }

    static func waitForMirror(_ client: KubeClient, data: [String: String]) async throws {
        try await poll("the mirror has \(data)") {
            let items = try await client.list(ConfigMap.self, namespace: namespace).items
            return items.first { $0.name == "app-mirror" }?.data == data
        }
    }
}
