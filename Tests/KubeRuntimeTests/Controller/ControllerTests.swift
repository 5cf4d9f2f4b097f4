import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import MetricsTestKit
import ServiceLifecycle
import Testing

/// End-to-end tests of ``Controller`` against ``KubeTestServer``, with injected faults.
///
/// The reconciler under test copies each labelled ConfigMap's `data.value` into its `observed` annotation with a
/// conditional update, and remembers what it last saw of every object. A case ends when every object on the server
/// carries its own value (the reconcile saw its final state) and the reconciler's last view of every deleted object
/// is "absent"; objects outside the label selector are never reconciled.
@Suite("Controller against KubeTestServer", .timeLimit(.minutes(1)))
struct ControllerTests {
    static let namespace = ControllerTestServer.namespace
    static let labels = ["app": "ctl"]

    static let watcherConfiguration = WatcherStateMachine<ConfigMap>.Configuration(
        pageSize: 2,
        inactivityTimeout: .seconds(1),
        initialBackoff: .milliseconds(20),
        maximumBackoff: .milliseconds(200)
    )

    /// What the reconciler saw last, per object name: its value, or `absent`.
    final class Observations: Sendable {
        let lastSeen = Locked<[String: String]>([:])
        let reconciled = Locked<[String]>([])

        func record(_ name: String, _ value: String) {
            lastSeen.withLock { $0[name] = value }
            reconciled.withLock { $0.append(name) }
        }
    }

    /// The reconciler: copies `data.value` to the `observed` annotation, conditionally on the cached version.
    static func copyValue(_ observations: Observations) -> Controller<ConfigMap>.Reconcile {
        { request, context in
            guard var object = context.store.get(request.key) else {
                observations.record(request.name, "absent")
                return .done
            }
            let value = object.data?["value"] ?? ""
            observations.record(request.name, value)
            guard object.metadata.annotations?["observed"] != value else { return .done }
            object.metadata.annotations = (object.metadata.annotations ?? [:]).merging(["observed": value]) { $1 }
            context.recordWrite(try await context.client.update(object))
            return .done
        }
    }

    enum Fault: String, Sendable, CaseIterable {
        case none
        case droppedWatches
        case stalledWatchesAndCompactedHistory
        case expiredWatch
        case listErrorsDuringRelist
    }

    @Test("The controller reconciles every change to the final state, whatever the fault", arguments: Fault.allCases)
    func reconcilesEveryChange(_ fault: Fault) async throws {
        let serverConfiguration = KubeTestServer.Configuration(bookmarkInterval: .milliseconds(200))
        try await ControllerTestServer.with(serverConfiguration) { fixture in
            let client = fixture.client
            let server = fixture.server
            for name in ["a", "b", "c"] {
                _ = try await client.create(
                    ControllerTestServer.configMap(name, data: ["value": "1"], labels: Self.labels)
                )
            }
            _ = try await client.create(ControllerTestServer.configMap("unlabelled", data: ["value": "1"]))
            let observations = Observations()
            let controller = ControllerBuilder(
                "copy-value",
                for: ConfigMap.self,
                client: try fixture.makeClient(userAgent: "controller")
            )
            .namespace(Self.namespace)
            .labelSelector("app=ctl")
            .maxConcurrentReconciles(2)
            .watcherConfiguration(Self.watcherConfiguration)
            .metricsFactory(TestMetrics())
            .build(reconcile: Self.copyValue(observations))
            try await Self.running(controller) {
                try await Self.expectConverged(fixture, observations, deleted: [])
                switch fault {
                case .none: break
                case .droppedWatches: await server.faults.dropAllWatches()
                case .stalledWatchesAndCompactedHistory: server.faults.stallWatches()
                case .expiredWatch:
                    server.faults.expireNextWatch()
                    await server.faults.dropAllWatches()
                case .listErrorsDuringRelist:
                    server.faults.inject(
                        .tooManyRequests(retryAfterSeconds: 1),
                        count: 1,
                        verb: "list",
                        resource: "configmaps"
                    )
                    server.faults.inject(.internalError, count: 3, verb: "list", resource: "configmaps")
                    server.faults.expireNextWatch()
                    await server.faults.dropAllWatches()
                }
                _ = try await client.create(
                    ControllerTestServer.configMap("d", data: ["value": "1"], labels: Self.labels)
                )
                var b = try await client.get(ConfigMap.self, name: "b", namespace: Self.namespace)
                b.data = ["value": "2"]
                _ = try await client.update(b)
                try await client.delete(ConfigMap.self, name: "c", namespace: Self.namespace)
                if fault == .stalledWatchesAndCompactedHistory {
                    await server.faults.compactHistory()
                    // The inactivity timeout abandons the silent watch; the resume expires and the relist must
                    // notice that c is gone.
                    try await poll("the watch is abandoned and relisted") {
                        server.requestLog.count(verb: "list", resource: "configmaps") >= 2
                    }
                    server.faults.resumeWatches()
                }
                if fault == .droppedWatches { await server.faults.dropAllWatches() }
                if fault == .listErrorsDuringRelist {
                    // Our own lists below would otherwise take the injected faults meant for the relist.
                    try await poll("the relist got its 429 and three 500s") {
                        let failed = server.requestLog.entries.filter {
                            $0.verb == "list" && [429, 500].contains($0.code)
                        }
                        return failed.count == 4
                    }
                }
                _ = try await client.create(
                    ControllerTestServer.configMap("e", data: ["value": "3"], labels: Self.labels)
                )
                try await Self.expectConverged(fixture, observations, deleted: ["c"])
            }
            #expect(!observations.reconciled.withLock { $0 }.contains("unlabelled"))
        }
    }

    @Test("A write that conflicts with a concurrent change is retried with backoff until it converges")
    func conflictsConverge() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let metrics = TestMetrics()
            let observations = Observations()
            let touched = Locked<Set<String>>([])
            let copy = Self.copyValue(observations)
            let controller = ControllerBuilder(
                "conflicts",
                for: ConfigMap.self,
                client: try fixture.makeClient(userAgent: "controller")
            )
            .namespace(Self.namespace)
            .maxConcurrentReconciles(3)
            .watcherConfiguration(Self.watcherConfiguration)
            .metricsFactory(metrics)
            .build { request, context in
                // The first time each object is reconciled, someone else changes it between our read and our
                // write: the update based on the resourceVersion we read always gets 409 Conflict (whether or not
                // the watch has delivered the other change yet), and the reconcile fails into the backoff.
                if touched.withLock({ $0.insert(request.name).inserted }),
                    var stale = context.store.get(request.key)
                {
                    var concurrent = stale
                    concurrent.metadata.labels = ["touched": "yes"]
                    _ = try await client.update(concurrent)
                    stale.metadata.annotations = ["observed": "stale"]
                    _ = try await context.client.update(stale)
                }
                return try await copy(request, context)
            }
            for name in ["a", "b", "c", "d"] {
                _ = try await client.create(ControllerTestServer.configMap(name, data: ["value": name]))
            }
            try await Self.running(controller) {
                try await Self.expectConverged(fixture, observations, deleted: [])
            }
            let conflicts = fixture.server.requestLog.entries.filter { $0.code == 409 && $0.userAgent == "controller" }
            #expect(conflicts.count >= 4)
            let errors = metrics.counterTotal(
                label: "controller_runtime_reconcile_errors_total",
                dimensions: [("controller", "conflicts")]
            )
            #expect(errors >= 4)
            let successes = metrics.counterTotal(
                label: "controller_runtime_reconcile_total",
                dimensions: [("controller", "conflicts"), ("result", "success")]
            )
            #expect(successes >= 4)
            let errorResults = metrics.counterTotal(
                label: "controller_runtime_reconcile_total",
                dimensions: [("controller", "conflicts"), ("result", "error")]
            )
            #expect(errorResults == errors)
            #expect(
                try metrics.expectGauge("controller_runtime_max_concurrent_reconciles", [("controller", "conflicts")])
                    .lastValue == 3
            )
            #expect(
                try metrics.expectGauge("controller_runtime_active_workers", [("controller", "conflicts")]).lastValue
                    == 0
            )
            #expect(
                try metrics.expectTimer("controller_runtime_reconcile_time_seconds", [("controller", "conflicts")])
                    .values.count >= 8
            )
            let retries = metrics.counterTotal(
                label: "workqueue_retries_total",
                dimensions: [("name", "conflicts"), ("controller", "conflicts")]
            )
            #expect(retries == errors)
        }
    }

    @Test("Each reconcile logs with controller, namespace, name and a unique reconcileID")
    func structuredLogging() async throws {
        try await ControllerTestServer.with { fixture in
            let records = Locked<[RecordingLogHandler.Record]>([])
            let logger = Logger(label: "test") { _ in RecordingLogHandler(records: records) }
            let seen = Locked<Set<String>>([])
            let controller = ControllerBuilder("logging", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .logger(logger)
                .build { request, context in
                    context.logger.info("hello")
                    _ = seen.withLock { $0.insert(request.name) }
                    return .done
                }
            for name in ["a", "b"] {
                _ = try await fixture.client.create(ControllerTestServer.configMap(name, data: [:]))
            }
            try await Self.running(controller) {
                try await poll("both were reconciled") { seen.withLock { $0.count } == 2 }
            }
            let hellos = records.withLock { $0 }.filter { $0.message == "hello" }
            #expect(hellos.count >= 2)
            for record in hellos {
                #expect(record.metadata["controller"] == "logging")
                #expect(record.metadata["namespace"] == Self.namespace)
                #expect(["a", "b"].contains(record.metadata["name"] ?? ""))
                #expect(record.metadata["reconcileID"]?.count == 36)
            }
            #expect(Set(hellos.compactMap { $0.metadata["reconcileID"] }).count == hellos.count)
        }
    }

    @Test("Owned children map to their controller owner, and watched objects through the mapping")
    func ownsAndWatches() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let reconciled = Log()
            let controller = ControllerBuilder("relations", for: Namespace.self, client: client)
                .owns(ConfigMap.self)
                .watches(Secret.self) { secret in
                    secret.metadata.labels?["team"].map { [ReconcileRequest(namespace: nil, name: $0)] } ?? []
                }
                .build { request, context in
                    #expect(context.store(for: ConfigMap.self) != nil)
                    #expect(context.store(for: Secret.self) != nil)
                    #expect(context.store(for: Pod.self) == nil)
                    reconciled.append(request.description)
                    return .done
                }
            let team = try await client.create(Namespace(metadata: ObjectMeta(name: "team")))
            try await Self.running(controller) {
                try await poll("the namespace was reconciled") {
                    reconciled.entries.contains("team")
                }
                let before = reconciled.entries.count
                let owner = OwnerReference(
                    apiVersion: "v1",
                    kind: "Namespace",
                    name: "team",
                    uid: team.metadata.uid ?? "",
                    controller: true
                )
                var child = ControllerTestServer.configMap("child", data: [:])
                child.metadata.ownerReferences = [owner]
                _ = try await client.create(child)
                try await poll("the owned child's change reached its owner") {
                    reconciled.entries[before...].contains("team")
                }
                // A name no namespace has: only the Secret mapping can produce this request.
                #expect(!reconciled.entries.contains("mapped-only"))
                _ = try await client.create(
                    Secret(metadata: ObjectMeta(name: "s", namespace: Self.namespace, labels: ["team": "mapped-only"]))
                )
                try await poll("the watched Secret's change reached the mapped name") {
                    reconciled.entries.contains("mapped-only")
                }
            }
        }
    }

    @Test("An owned kind with a label selector caches and maps only matching children")
    func ownsWithLabelSelector() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let reconciled = Log()
            let cached = Locked<[String]>([])
            let controller = ControllerBuilder("selected", for: Namespace.self, client: client)
                .owns(ConfigMap.self, labelSelector: "managed-by=us")
                .build { request, context in
                    let names = context.store(for: ConfigMap.self)?.list().map(\.name).sorted() ?? []
                    cached.withLock { $0 = names }
                    reconciled.append(request.description)
                    return .done
                }
            let team = try await client.create(Namespace(metadata: ObjectMeta(name: "team")))
            let owner = OwnerReference(
                apiVersion: "v1",
                kind: "Namespace",
                name: "team",
                uid: team.metadata.uid ?? "",
                controller: true
            )
            try await Self.running(controller) {
                try await poll("the namespace was reconciled") { reconciled.entries.contains("team") }
                var foreign = ControllerTestServer.configMap("foreign", data: [:])
                foreign.metadata.ownerReferences = [owner]
                _ = try await client.create(foreign)
                var ours = ControllerTestServer.configMap("ours", data: [:], labels: ["managed-by": "us"])
                ours.metadata.ownerReferences = [owner]
                let before = reconciled.entries.count
                _ = try await client.create(ours)
                try await poll("the matching child reached its owner") {
                    reconciled.entries[before...].contains("team") && cached.withLock { $0 } == ["ours"]
                }
                #expect(cached.withLock { $0 } == ["ours"])
            }
        }
    }

    @Test("A reconcile in flight at graceful shutdown finishes before run() returns")
    func gracefulShutdownDrains() async throws {
        try await ControllerTestServer.with { fixture in
            let started = Locked(false)
            let release = AsyncStream<Void>.makeStream()
            let finished = Locked(false)
            let controller = ControllerBuilder("drain", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .build { _, _ in
                    started.withLock { $0 = true }
                    for await _ in release.stream { break }
                    finished.withLock { $0 = true }
                    return .done
                }
            _ = try await fixture.client.create(ControllerTestServer.configMap("a", data: [:]))
            let group = ServiceGroup(
                configuration: .init(services: [controller], logger: Logger(label: "test"))
            )
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await poll("the reconcile started") { started.withLock { $0 } }
                await group.triggerGracefulShutdown()
                try await Task.sleep(for: .milliseconds(100))
                #expect(!finished.withLock { $0 })
                release.continuation.yield()
                try await tasks.waitForAll()
            }
            #expect(finished.withLock { $0 }, "the reconcile was drained, not cancelled")
        }
    }

    @Test("Every resync period each cached primary is reconciled again")
    func resync() async throws {
        try await ControllerTestServer.with { fixture in
            let clock = TestClock()
            let counts = Locked<[String: Int]>([:])
            let controller = ControllerBuilder("resync", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .resyncPeriod(.seconds(60))
                .clock(clock)
                .build { request, _ in
                    counts.withLock { $0[request.name, default: 0] += 1 }
                    return .done
                }
            for name in ["a", "b"] {
                _ = try await fixture.client.create(ControllerTestServer.configMap(name, data: [:]))
            }
            try await Self.running(controller) {
                try await poll("both were reconciled") {
                    counts.withLock { $0 } == ["a": 1, "b": 1]
                }
                await clock.advance(by: .seconds(59))
                #expect(counts.withLock { $0 } == ["a": 1, "b": 1])
                await clock.advance(by: .seconds(1))
                try await poll("both were reconciled again") {
                    counts.withLock { $0 } == ["a": 2, "b": 2]
                }
            }
        }
    }

    @Test("Failed reconciles retry within the controller's overall retry limit once its burst is spent")
    func retryLimit() async throws {
        struct Refused: Error {}
        try await ControllerTestServer.with { fixture in
            let clock = TestClock()
            let metrics = TestMetrics()
            let reconciles = Locked(0)
            let controller = ControllerBuilder("retry-limit", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .retryLimit(RetryRateLimit(perSecond: 1, burst: 1))
                .clock(clock)
                .metricsFactory(metrics)
                .build { _, _ in
                    reconciles.withLock { $0 += 1 }
                    throw Refused()
                }
            // Every pass handed back to the queue (`done`), so its failure was added rate-limited: the clock may move
            // only then, or the retry would be timed from the moved clock.
            let settled = {
                let finished =
                    (try? metrics.expectRecorder(
                        "workqueue_work_duration_seconds",
                        [("name", "retry-limit"), ("controller", "retry-limit")]
                    ).values.count) ?? 0
                return finished > 0 && finished == reconciles.withLock { $0 }
            }
            _ = try await fixture.client.create(ControllerTestServer.configMap("a", data: [:]))
            try await Self.running(controller) {
                // The start-up may reconcile more than once at the same instant (the list and the first queueing both
                // add it); those repeats keep the first failure's retry and take nothing from the limit.
                try await poll("the first failure") { settled() }
                try await Task.sleep(for: .milliseconds(100))
                try await poll("the start-up's repeats, if any") { settled() }
                let first = reconciles.withLock { $0 }
                // The first failure took the only token, and the item's own backoff times its retry: 5 ms.
                await clock.advance(by: .milliseconds(5))
                try await poll("the retry after 5 ms") { reconciles.withLock { $0 } == first + 1 && settled() }
                // The bucket is empty: the next retry waits for its token, 995 ms more, not for its 10 ms backoff.
                // (Nothing to wait for proves that no retry comes early; a short real pause gives an early one its
                // chance.)
                await clock.advance(by: .milliseconds(10))
                try await Task.sleep(for: .milliseconds(100))
                #expect(reconciles.withLock { $0 } == first + 1)
                await clock.advance(by: .milliseconds(990))
                try await poll("the retry at its token, after about a second") {
                    reconciles.withLock { $0 } == first + 2
                }
            }
        }
    }

    @Test("A reconcile never runs on a cache older than the controller's own last write to that object")
    func staleCacheIsNotReconciled() async throws {
        try await ControllerTestServer.with { fixture in
            let clock = TestClock()
            let records = Locked<[RecordingLogHandler.Record]>([])
            let logger = Logger(label: "test") { _ in RecordingLogHandler(records: records) }
            let seen = Locked<[String]>([])
            let release = AsyncStream<Void>.makeStream()
            let written = Locked<String?>(nil)
            let controller = ControllerBuilder("fresh", for: ConfigMap.self, client: fixture.client)
                .namespace(Self.namespace)
                .resyncPeriod(.seconds(60))
                .staleCacheRequeueDelay(.seconds(1))
                .clock(clock)
                .logger(logger)
                .metricsFactory(TestMetrics())
                .build { request, context in
                    guard var object = context.store.get(request.key) else { return .done }
                    let first = seen.withLock { seen in
                        seen.append(object.metadata.resourceVersion ?? "")
                        return seen.count == 1
                    }
                    guard first else { return .done }
                    for await _ in release.stream { break }
                    object.metadata.annotations = ["written": "yes"]
                    let stored = try await context.client.update(object)
                    context.recordWrite(stored)
                    written.withLock { $0 = stored.metadata.resourceVersion }
                    return .done
                }
            _ = try await fixture.client.create(ControllerTestServer.configMap("a", data: [:]))
            try await Self.running(controller) {
                try await poll("the first reconcile started") { seen.withLock { $0.count } == 1 }
                // The watch goes silent: the cache cannot see the write the reconcile is about to make.
                fixture.server.faults.stallWatches()
                release.continuation.yield()
                try await poll("the write was made") { written.withLock { $0 } != nil }
                await clock.advance(by: .seconds(60))
                try await poll("the resync found the cache stale and requeued") {
                    records.withLock { $0 }.contains { $0.message.hasPrefix("cache older than our last write") }
                }
                #expect(seen.withLock { $0.count } == 1, "no reconcile on the stale cache")
                fixture.server.faults.resumeWatches()
                try await poll("the cache caught up") {
                    controller.store.isFresh(ObjectKey(namespace: Self.namespace, name: "a"))
                }
                // The watch event of our write queues the object again; so does the delayed requeue.
                await clock.advance(by: .seconds(1))
                try await poll("the object was reconciled again") {
                    seen.withLock { $0.count } >= 2
                }
            }
            let later = seen.withLock { $0 }.dropFirst()
            #expect(later.allSatisfy { $0 == written.withLock { $0 } }, "every later reconcile saw our own write")
        }
    }

    // MARK: - Helpers

    /// Runs the controller as a child task while `body` runs, then cancels it and waits for it to return.
    static func running(_ service: some ServiceLifecycle.Service, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            try await body()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// Waits until every object under test (one-letter names) on the server carries its own value in `observed`
    /// and the reconciler's last view of each is its value (of each deleted object: absent).
    static func expectConverged(
        _ fixture: ControllerTestServer,
        _ observations: Observations,
        deleted: [String]
    ) async throws {
        func state() async throws -> (objects: [String: String], observed: [String: String], seen: [String: String]) {
            let items = try await fixture.client.list(ConfigMap.self, namespace: namespace).items
                .filter { $0.name.count == 1 }
            let objects = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.data?["value"] ?? "") })
            let observed = Dictionary(
                uniqueKeysWithValues: items.map { ($0.name, $0.metadata.annotations?["observed"] ?? "") }
            )
            return (objects, observed, observations.lastSeen.withLock { $0 })
        }
        try await poll("every object is reconciled to its final state") {
            let (objects, observed, seen) = try await state()
            let deletedSeen = deleted.allSatisfy { seen[$0] == "absent" }
            return objects == observed && objects.allSatisfy { seen[$0.key] == $0.value } && deletedSeen
        }
        let (objects, observed, seen) = try await state()
        #expect(objects == observed)
        for (name, value) in objects { #expect(seen[name] == value, "\(name)") }
        for name in deleted {
            #expect(objects[name] == nil)
            #expect(seen[name] == "absent", "\(name)")
        }
    }
}
