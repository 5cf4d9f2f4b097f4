import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import MetricsTestKit
import ServiceLifecycle
import Testing

/// Two managers against one server, each with the same controller behind leader election: only the leader writes,
/// and the request log proves that their writes to the reconciled kind never overlap, even when the leader is killed
/// without releasing its lease.
@Suite("Controller manager with leader election", .timeLimit(.minutes(1)))
struct ControllerManagerTests {
    static let namespace = ControllerTestServer.namespace

    /// The timings of `LeaderElectorTests`: lease 4 s, renew deadline 3 s, retry 0.5 s (roomy enough for a loaded
    /// 2-core machine).
    static func elector(_ identity: String, _ client: KubeClient) throws -> LeaderElector {
        try LeaderElector(
            client: client,
            leaseName: "copy-value",
            leaseNamespace: namespace,
            configuration: .init(
                identity: identity,
                leaseDuration: .seconds(4),
                renewDeadline: .seconds(3),
                retryPeriod: .milliseconds(500)
            ),
            releaseOnCancel: false
        )
    }

    /// One replica of the operator: its own client (user agent = identity), controller, elector and manager.
    struct Replica {
        let identity: String
        let manager: ControllerManager
        let task: Task<Void, any Error>

        init(_ identity: String, _ fixture: ControllerTestServer) throws {
            self.identity = identity
            let client = try fixture.makeClient(userAgent: identity)
            let controller = ControllerBuilder("copy-value", for: ConfigMap.self, client: client)
                .namespace(ControllerManagerTests.namespace)
                .metricsFactory(TestMetrics())
                .build { request, context in
                    guard var object = context.store.get(request.key) else { return .done }
                    let value = object.data?["value"] ?? ""
                    guard object.metadata.annotations?["observed"] != value else { return .done }
                    object.metadata.annotations = ["observed": value, "written-by": identity]
                    context.recordWrite(try await context.client.update(object))
                    return .done
                }
            let manager = ControllerManager(controllers: [controller], leaderElector: try elector(identity, client))
            self.manager = manager
            task = Task { try await manager.run() }
        }

        /// Cancels the manager without a graceful shutdown; the lease is not released.
        func kill() async {
            task.cancel()
            _ = await task.result
        }
    }

    @Test("When the leading manager is killed the other takes over, and the two never write at the same time")
    func killedLeaderIsReplacedWithoutOverlap() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            for name in ["a", "b", "c"] {
                _ = try await client.create(ControllerTestServer.configMap(name, data: ["value": "1"]))
            }
            let a = try Replica("manager-a", fixture)
            let b = try Replica("manager-b", fixture)
            try await poll("one manager leads") { a.manager.isLeader || b.manager.isLeader }
            let (leader, follower) = a.manager.isLeader ? (a, b) : (b, a)
            await follower.manager.waitUntilCachesSynced()
            #expect(follower.manager.cachesSynced, "a follower keeps warm caches and reports ready")
            #expect(follower.manager.isRunning)
            try await Self.expectConverged(client, writtenBy: leader.identity)

            var b1 = try await client.get(ConfigMap.self, name: "b", namespace: Self.namespace)
            b1.data = ["value": "2"]
            _ = try await client.update(b1)
            try await Self.expectConverged(client, writtenBy: leader.identity)
            #expect(!follower.manager.isLeader)

            let killedAt = ContinuousClock.now
            await leader.kill()
            #expect(!leader.manager.isRunning)
            var c1 = try await client.get(ConfigMap.self, name: "c", namespace: Self.namespace)
            c1.data = ["value": "3"]
            _ = try await client.update(c1)
            _ = try await client.create(ControllerTestServer.configMap("d", data: ["value": "4"]))
            try await poll("the follower leads") { follower.manager.isLeader }
            // Within about the lease duration (4 s), with room for a loaded machine.
            #expect(ContinuousClock.now - killedAt < .seconds(12))
            try await poll("c and d are reconciled by the new leader") {
                let items = try await client.list(ConfigMap.self, namespace: Self.namespace).items
                return ["c", "d"].allSatisfy { name in
                    items.first { $0.name == name }?.metadata.annotations?["written-by"] == follower.identity
                }
            }
            try await Self.expectConverged(client, writtenBy: nil)
            await follower.kill()

            // The proof: every ConfigMap write of the old leader was answered before the first ConfigMap write of
            // the new one arrived (one server-side counter orders arrivals and answers), so no two writes of the two
            // managers were ever in flight together, and the follower wrote nothing before.
            let writes = fixture.server.requestLog.entries
                .filter { $0.isWrite && $0.resource == "configmaps" && $0.userAgent?.hasPrefix("manager-") == true }
            let leaderWrites = writes.filter { $0.userAgent == leader.identity }
            let followerWrites = writes.filter { $0.userAgent == follower.identity }
            let leaderDone = try #require(leaderWrites.map(\.answeredSequence).max())
            let followerStart = try #require(followerWrites.map(\.receivedSequence).min())
            #expect(
                leaderDone < followerStart,
                "writes overlapped: \(writes.map { ($0.userAgent ?? "", $0.receivedSequence, $0.answeredSequence) })"
            )
            let writers = writes.sorted { $0.receivedSequence < $1.receivedSequence }.compactMap(\.userAgent)
            #expect(writers.first == leader.identity)
        }
    }

    @Test("Without an elector the manager reconciles at once and reports readiness and liveness")
    func withoutElector() async throws {
        try await ControllerTestServer.with { fixture in
            let reconciled = Log()
            let controller = ControllerBuilder("plain", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .metricsFactory(TestMetrics())
                .build { request, _ in
                    reconciled.append(request.name)
                    return .done
                }
            let manager = ControllerManager(controllers: [controller])
            #expect(!manager.cachesSynced)
            #expect(!manager.isRunning)
            #expect(manager.isLeader)
            _ = try await fixture.client.create(ControllerTestServer.configMap("a", data: [:]))
            try await ControllerTests.running(manager) {
                await manager.waitUntilCachesSynced()
                #expect(manager.cachesSynced)
                #expect(manager.isRunning)
                try await poll("a was reconciled") { reconciled.entries == ["a"] }
            }
            #expect(!manager.isRunning)
        }
    }

    @Test("On graceful shutdown the leader drains its reconciles before it releases the lease")
    func gracefulShutdownDrainsThenReleases() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let started = Locked(false)
            let release = AsyncStream<Void>.makeStream()
            let holderWhileDraining = Locked<String?>(nil)
            let controller = ControllerBuilder("drain", for: ConfigMap.self, client: client)
                .namespace(Self.namespace)
                .metricsFactory(TestMetrics())
                .build { _, _ in
                    started.withLock { $0 = true }
                    for await _ in release.stream { break }
                    let lease = try await client.get(Lease.self, name: "copy-value", namespace: Self.namespace)
                    holderWhileDraining.withLock { $0 = lease.spec?.holderIdentity }
                    return .done
                }
            let elector = try LeaderElector(
                client: client,
                leaseName: "copy-value",
                leaseNamespace: Self.namespace,
                configuration: .init(
                    identity: "graceful",
                    leaseDuration: .seconds(30),
                    renewDeadline: .seconds(20),
                    retryPeriod: .milliseconds(500)
                ),
                releaseOnCancel: true
            )
            let manager = ControllerManager(controllers: [controller], leaderElector: elector)
            _ = try await client.create(ControllerTestServer.configMap("a", data: [:]))
            let group = ServiceGroup(configuration: .init(services: [manager], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await poll("the reconcile started") { started.withLock { $0 } }
                await group.triggerGracefulShutdown()
                release.continuation.yield()
                try await tasks.waitForAll()
            }
            #expect(holderWhileDraining.withLock { $0 } == "graceful", "the lease was still held while draining")
            let lease = try await client.get(Lease.self, name: "copy-value", namespace: Self.namespace)
            let holder = lease.spec?.holderIdentity
            #expect(holder == nil || holder == "", "released after the drain")
        }
    }

    /// Waits until every ConfigMap's `observed` annotation equals its value (written by `writer`, if given).
    static func expectConverged(_ client: KubeClient, writtenBy writer: String?) async throws {
        try await poll("every ConfigMap is reconciled") {
            let items = try await client.list(ConfigMap.self, namespace: namespace).items
            return items.allSatisfy { item in
                item.metadata.annotations?["observed"] == item.data?["value"]
                    && (writer == nil || item.metadata.annotations?["written-by"] == writer)
            }
        }
    }
}
