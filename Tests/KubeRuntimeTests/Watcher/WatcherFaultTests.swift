import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import ServiceLifecycle
import Testing

/// End-to-end tests of ``Watcher`` against a real ``KubeTestServer`` with injected faults. Each ends by comparing the
/// cache with a fresh list (names and resourceVersions): no lost and no phantom objects.
@Suite("Watcher against KubeTestServer with faults", .timeLimit(.minutes(1)))
struct WatcherFaultTests {
    static let namespace = "default"

    /// Fast backoff and a long inactivity timeout unless a test needs otherwise.
    static let fastConfiguration = WatcherStateMachine<ConfigMap>.Configuration(
        pageSize: 2,
        inactivityTimeout: .seconds(30),
        initialBackoff: .milliseconds(20),
        maximumBackoff: .milliseconds(200)
    )

    @Test("An initial sync and later creates, updates and deletes converge with the server")
    func initialSyncAndChangesConverge() async throws {
        try await withWatcher { server, client, watcher in
            for name in ["a", "b", "c"] { _ = try await client.create(Self.configMap(name)) }
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "b", "c"])
                _ = try await client.create(Self.configMap("d"))
                var b = try await client.get(ConfigMap.self, name: "b", namespace: Self.namespace)
                b.data = ["changed": "yes"]
                _ = try await client.update(b)
                _ = try await client.delete(ConfigMap.self, name: "c", namespace: Self.namespace)
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.get(ObjectKey(namespace: Self.namespace, name: "b"))?.data == ["changed": "yes"])
            }
            #expect(await Self.replacedCount(watcher) == 1)
            #expect(server.requestLog.count(verb: "watch", resource: "configmaps") >= 1)
        }
    }

    @Test("Dropped watches resume from the last resourceVersion without a relist")
    func droppedWatchesResume() async throws {
        try await withWatcher { server, client, watcher in
            _ = try await client.create(Self.configMap("a"))
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                try await Self.expectConverged(watcher, client)
                let watches = server.requestLog.count(verb: "watch", resource: "configmaps")
                await server.faults.dropAllWatches()
                _ = try await client.create(Self.configMap("b"))
                _ = try await client.delete(ConfigMap.self, name: "a", namespace: Self.namespace)
                await server.faults.dropAllWatches()
                _ = try await client.create(Self.configMap("c"))
                try await Self.expectConverged(watcher, client)
                #expect(server.requestLog.count(verb: "watch", resource: "configmaps") > watches)
                #expect(watcher.store.list().map(\.metadata.name) == ["b", "c"])
            }
            #expect(await Self.replacedCount(watcher) == 1, "resuming from the last resourceVersion needs no relist")
        }
    }

    @Test("A compacted history makes the resumed watch expire, and the relist drops objects deleted meanwhile")
    func expiredResumeRelists() async throws {
        // Watches are stalled while objects change and the history is compacted, so the watcher never sees the
        // deletion. Its inactivity timeout abandons the silent watch (losing what the server still buffered); the
        // resume from the old resourceVersion gets 410 Expired, and only the relist can remove the deleted object.
        var configuration = Self.fastConfiguration
        configuration.inactivityTimeout = .seconds(1)
        let serverConfiguration = KubeTestServer.Configuration(bookmarkInterval: .milliseconds(200))
        try await withWatcher(serverConfiguration, configuration: configuration) { server, client, watcher in
            for name in ["a", "b", "c"] { _ = try await client.create(Self.configMap(name)) }
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                try await Self.expectConverged(watcher, client)
                server.faults.stallWatches()
                _ = try await client.create(Self.configMap("d"))
                _ = try await client.delete(ConfigMap.self, name: "b", namespace: Self.namespace)
                await server.faults.compactHistory()
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "c", "d"])
                server.faults.resumeWatches()
                await server.faults.dropAllWatches()
                _ = try await client.create(Self.configMap("e"))
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "c", "d", "e"])
            }
            #expect(await Self.replacedCount(watcher) >= 2, "the expired resume relisted")
        }
    }

    @Test("An ERROR event with 410 Expired on the resumed watch makes the watcher relist")
    func expiredErrorEventRelists() async throws {
        try await withWatcher { server, client, watcher in
            _ = try await client.create(Self.configMap("a"))
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                try await Self.expectConverged(watcher, client)
                server.faults.expireNextWatch()
                await server.faults.dropAllWatches()
                _ = try await client.create(Self.configMap("b"))
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "b"])
            }
            #expect(await Self.replacedCount(watcher) == 2, "the expired watch relisted once")
        }
    }

    @Test("A silently stalled watch is abandoned after the inactivity timeout and restarted")
    func stalledWatchRestarts() async throws {
        var configuration = Self.fastConfiguration
        configuration.inactivityTimeout = .seconds(1)
        let serverConfiguration = KubeTestServer.Configuration(bookmarkInterval: .milliseconds(200))
        try await withWatcher(serverConfiguration, configuration: configuration) { server, client, watcher in
            _ = try await client.create(Self.configMap("a"))
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                try await Self.expectConverged(watcher, client)
                let watches = server.requestLog.count(verb: "watch", resource: "configmaps")
                server.faults.stallWatches()
                _ = try await client.create(Self.configMap("b"))
                try await poll("the watcher restarts the stalled watch twice") {
                    server.requestLog.count(verb: "watch", resource: "configmaps") >= watches + 2
                }
                #expect(watcher.store.get(ObjectKey(namespace: Self.namespace, name: "b")) == nil)
                server.faults.resumeWatches()
                _ = try await client.create(Self.configMap("c"))
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "b", "c"])
            }
        }
    }

    @Test("429 with Retry-After and a storm of 500s on list still converge", arguments: [false, true])
    func listFailuresConverge(tooManyRequestsFirst: Bool) async throws {
        try await withWatcher { server, client, watcher in
            for name in ["a", "b", "c"] { _ = try await client.create(Self.configMap(name)) }
            if tooManyRequestsFirst {
                server.faults.inject(
                    .tooManyRequests(retryAfterSeconds: 1),
                    count: 1,
                    verb: "list",
                    resource: "configmaps"
                )
            }
            server.faults.inject(.internalError, count: 3, verb: "list", resource: "configmaps")
            try await Self.runningWatcher(watcher) {
                await watcher.store.waitUntilSynced()
                let failed = server.requestLog.entries.filter { $0.verb == "list" && $0.code >= 429 }
                #expect(failed.count == (tooManyRequestsFirst ? 4 : 3))
                _ = try await client.create(Self.configMap("d"))
                try await Self.expectConverged(watcher, client)
                #expect(watcher.store.list().map(\.metadata.name) == ["a", "b", "c", "d"])
            }
        }
    }

    @Test("A graceful shutdown of the service group stops the watcher and finishes its events")
    func gracefulShutdownStopsTheWatcher() async throws {
        try await withWatcher { _, client, watcher in
            _ = try await client.create(Self.configMap("a"))
            let group = ServiceGroup(services: [watcher], logger: Logger(label: "watcher-test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                await watcher.store.waitUntilSynced()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(watcher.store.list().map(\.metadata.name) == ["a"])
            #expect(await Self.replacedCount(watcher) == 1)
        }
    }

    @Test(
        "Client errors map to the state machine's failures",
        arguments: [
            (KubeError(code: .expired, message: "too old"), WatcherStateMachine<ConfigMap>.Failure.expired),
            (
                KubeError(code: .tooManyRequests, message: "slow down", retryAfter: .seconds(3)),
                .tooManyRequests(retryAfter: .seconds(3))
            ),
            (KubeError(code: .tooManyRequests, message: "slow down"), .tooManyRequests(retryAfter: nil)),
            (KubeError(code: .internalError, message: "boom"), .other),
            (KubeError(code: .transport, message: "reset"), .other),
        ]
    )
    func failureMapping(error: KubeError, expected: WatcherStateMachine<ConfigMap>.Failure) {
        #expect(Watcher<ConfigMap>.failure(for: error) == expected)
    }

    @Test("Errors that are not KubeErrors count as other failures")
    func nonKubeErrorIsOther() {
        #expect(Watcher<ConfigMap>.failure(for: CancellationError()) == .other)
    }

    // MARK: - Support

    static func configMap(_ name: String) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace), data: ["name": name])
    }

    /// How many full lists replaced the cache, read from the watcher's finished event stream.
    static func replacedCount(_ watcher: Watcher<ConfigMap>) async -> Int {
        var count = 0
        for await event in watcher.events {
            if case .replaced = event { count += 1 }
        }
        return count
    }

    /// Starts a server, a client that never retries by itself (so the watcher's own backoff is exercised) and a
    /// watcher; runs `body`; shuts the client and server down even when `body` fails.
    func withWatcher(
        _ serverConfiguration: KubeTestServer.Configuration = KubeTestServer.Configuration(),
        configuration: WatcherStateMachine<ConfigMap>.Configuration = fastConfiguration,
        _ body: (KubeTestServer, KubeClient, Watcher<ConfigMap>) async throws -> Void
    ) async throws {
        let server = try await KubeTestServer.start(serverConfiguration)
        let client: KubeClient
        do {
            var clientConfiguration = ClientConfiguration(
                server: try #require(URL(string: server.url)),
                certificateAuthorityPEM: server.caCertificatePEM,
                token: server.configuration.bearerToken
            )
            clientConfiguration.retryPolicy = .never
            client = try KubeClient(configuration: clientConfiguration)
        } catch {
            try? await server.shutdown()
            throw error
        }
        let watcher = Watcher<ConfigMap>(client: client, namespace: Self.namespace, configuration: configuration)
        do {
            try await body(server, client, watcher)
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    /// Runs the watcher as a child task while `body` runs, then cancels it and waits for it to return.
    @discardableResult
    static func runningWatcher(
        _ watcher: Watcher<ConfigMap>,
        _ body: () async throws -> Void
    ) async throws -> Bool {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            try await body()
            group.cancelAll()
            try await group.waitForAll()
            return true
        }
    }

    /// Names and resourceVersions, in key order.
    static func snapshot(_ objects: [ConfigMap]) -> [String] {
        objects.map { "\($0.metadata.name ?? "")@\($0.metadata.resourceVersion ?? "")" }.sorted()
    }

    /// Waits until the cache equals a fresh list, then asserts it.
    static func expectConverged(_ watcher: Watcher<ConfigMap>, _ client: KubeClient) async throws {
        try await poll("the cache equals a fresh list") {
            let fresh = try await client.list(ConfigMap.self, namespace: namespace)
            return snapshot(watcher.store.list()) == snapshot(fresh.items)
        }
        let fresh = try await client.list(ConfigMap.self, namespace: namespace)
        #expect(snapshot(watcher.store.list()) == snapshot(fresh.items))
    }
}
