import AgriPlatformAPI
import KubeClient
import KubeCore
import TestSupport

/// A KubeTestServer with the AgriPlatform CRD installed and, unless `platforms` is empty, platforms created.
func withPlatformServer(
    platforms: [AgriPlatform] = [Fixtures.platform()],
    installCRD: Bool = true,
    _ body: (TestCluster) async throws -> Void
) async throws {
    try await TestCluster.with { cluster in
        if installCRD {
            _ = try await cluster.client.create(AgriPlatformCRD.definition())
            let namespaces = Set(platforms.compactMap(\.namespace)).subtracting(["default"])
            for namespace in namespaces.sorted() {
                _ = try await cluster.client.create(Namespace(metadata: ObjectMeta(name: namespace)))
            }
            for platform in platforms { _ = try await cluster.client.create(platform) }
        }
        try await body(cluster)
    }
}

/// What a test does in the operator's place: writes a service's rollout status through the status subresource.
func writeRolloutStatus(
    _ client: KubeClient,
    platform: String = "shop",
    namespace: String = "default",
    service: String,
    _ change: (inout RolloutStatus) -> Void
) async throws {
    var object = try await client.get(AgriPlatform.self, name: platform, namespace: namespace)
    var status = object.status ?? AgriPlatformStatus()
    var services = status.services ?? []
    if !services.contains(where: { $0.name == service }) { services.append(ServiceStatus(name: service)) }
    for index in services.indices where services[index].name == service {
        var rollout = services[index].rollout ?? RolloutStatus()
        change(&rollout)
        services[index].rollout = rollout
    }
    status.services = services
    object.status = status
    _ = try await client.updateStatus(object)
}
