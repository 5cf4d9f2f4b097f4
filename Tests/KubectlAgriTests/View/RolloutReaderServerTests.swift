import AgriPlatformAPI
import AgriPlatformPlugin
import KubeClient
import KubeCore
import TestSupport
import Testing

@Suite("kubectl agri get against KubeTestServer", .timeLimit(.minutes(2)))
struct RolloutReaderServerTests {
    @Test("get lists one platform, a namespace's platforms, or all of them sorted by namespace and name")
    func reads() async throws {
        let platforms = [
            Fixtures.platform(namespace: "default", name: "shop"),
            Fixtures.platform(namespace: "default", name: "farm"),
            Fixtures.platform(namespace: "tenant", name: "shop"),
        ]
        try await withPlatformServer(platforms: platforms) { cluster in
            try await writeRolloutStatus(cluster.client, service: "api") { $0 = Fixtures.canaryInProgress() }
            let reader = RolloutReader(client: cluster.client)

            let one = try await reader.rollouts(platform: "shop", namespace: "default")
            #expect(one.map(\.service) == ["api", "web", "worker"])
            #expect(one.first?.rollout == Fixtures.canaryInProgress())

            let namespace = try await reader.rollouts(platform: nil, namespace: "default")
            #expect(namespace.map { "\($0.platform)/\($0.service)" }.first == "farm/api")
            #expect(namespace.count == 6)

            let all = try await reader.rollouts(platform: nil, namespace: nil)
            #expect(Set(all.map(\.namespace)) == ["default", "tenant"])
            #expect(all.last?.namespace == "tenant")

            await #expect(throws: PluginError.platformNotFound(name: "nope", namespace: "default")) {
                try await reader.rollouts(platform: "nope", namespace: "default")
            }
        }
    }

    @Test("get -w reports the rows first and again when a release changes, not when nothing it shows changed")
    func watches() async throws {
        try await withPlatformServer { cluster in
            let reader = RolloutReader(client: cluster.client)
            let (frames, continuation) = AsyncStream.makeStream(of: [ServiceRollout].self)
            let watching = Task {
                try await reader.watch(platform: "shop", namespace: "default") { continuation.yield($0) }
            }
            var iterator = frames.makeAsyncIterator()
            let first = try #require(await iterator.next())
            #expect(first.allSatisfy { $0.rollout == nil })

            // A status change the view does not show (observedGeneration) must not produce a frame; the next frame
            // must be the phase change written after it.
            var object = try await cluster.client.get(AgriPlatform.self, name: "shop", namespace: "default")
            var status = AgriPlatformStatus()
            status.observedGeneration = 1
            object.status = status
            _ = try await cluster.client.updateStatus(object)
            try await writeRolloutStatus(cluster.client, service: "api") {
                $0.phase = .paused
                $0.pausedByUser = true
            }
            let second = try #require(await iterator.next())
            #expect(second.first?.rollout?.phase == .paused)
            #expect(second.first?.rollout?.pausedByUser == true)
            watching.cancel()
            _ = await watching.result
        }
    }

    @Test("get -w on a platform that does not exist fails instead of waiting")
    func watchMissing() async throws {
        try await withPlatformServer { cluster in
            await #expect(throws: PluginError.platformNotFound(name: "nope", namespace: "default")) {
                try await RolloutReader(client: cluster.client).watch(platform: "nope", namespace: "default") { _ in }
            }
        }
    }
}
