import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Conformance: discovery", .timeLimit(.minutes(1)))
struct DiscoveryTests {
    @Test("the server version is a Kubernetes 1.x version")
    func serverVersion() async throws {
        try await Conformance.run { env in
            let version = try await env.client.serverVersion()
            #expect(version.major == "1")
            #expect(version.gitVersion.hasPrefix("v1."))
        }
    }

    @Test("groups and resources are discoverable, with subresources and scope")
    func groupsAndResources() async throws {
        try await Conformance.run { env in
            let groups = try await env.client.apiGroups().map(\.name)
            #expect(groups.contains("apps"))
            #expect(groups.contains("apiextensions.k8s.io"))

            let apps = try await env.client.resources(groupVersion: "apps/v1")
            let names = apps.resources.map(\.name)
            #expect(names.contains("deployments"))
            #expect(names.contains("deployments/status"))
            #expect(names.contains("deployments/scale"))
            #expect(apps.resources.first { $0.name == "deployments" }?.namespaced == true)

            let core = try await env.client.resources(groupVersion: "v1")
            #expect(core.resources.first { $0.name == "namespaces" }?.namespaced == false)
        }
    }

    @Test("an optional API that is not installed is reported absent")
    func optionalAPIs() async throws {
        try await Conformance.run { env in
            let deployments = try await env.client.hasResource(group: "apps", version: "v1", plural: "deployments")
            #expect(deployments)
            let absent = try await env.client.hasResource(
                group: "absent.conformance.agriplatform.io",
                version: "v1",
                plural: "things"
            )
            #expect(!absent)
        }
    }
}
