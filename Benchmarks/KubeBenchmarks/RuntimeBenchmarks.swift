import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer

/// `KubeBenchmarks runtime`: the KubeRuntime benchmarks of issue 4.
///
/// - **memory** (kube-rs's scenario): a ``Watcher`` and its ``Store`` cache `objects` ConfigMaps, then see `updates`
///   server-side applies. The API server runs in a child process (``RuntimeServer``), so this process holds only
///   the client, the watcher and the cache, and its RSS is the cache's cost. Each variant runs in a fresh process.
/// - **throughput**: events per second through watcher → store → work queue, with the server in-process writing
///   directly into its storage as fast as it can.
enum RuntimeBenchmarks {
    static let objects = environment("KUBE_BENCH_OBJECTS", default: 10_000)
    static let updates = environment("KUBE_BENCH_UPDATES", default: 5_000)

    /// What the cache keeps.
    enum Variant: String, CaseIterable {
        case full = "full"
        case dropManagedFields = "drop-managed-fields"
        case metadata = "metadata"
        case metadataDropManagedFields = "metadata-drop-managed-fields"

        var description: String {
            switch self {
            case .full: "ConfigMap, no transform"
            case .dropManagedFields: "ConfigMap, `Store.dropManagedFields`"
            case .metadata: "metadata only (`PartialObjectMetadata`)"
            case .metadataDropManagedFields: "metadata only + `dropManagedFields`"
            }
        }
    }

    static func environment(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? value
    }

    /// Runs every variant and the throughput benchmark, each in a process of its own.
    static func runAll() async throws {
        KubeBenchmarks.emit("Machine: \(Meter.machine())")
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit(
            "| cache | RSS before watcher | RSS after sync | cache per object (RSS / live heap) "
                + "| after \(updates) updates (RSS / live heap) | peak RSS (VmHWM) | list+sync "
                + "| updates seen after |"
        )
        KubeBenchmarks.emit("|---|---|---|---|---|---|---|---|")
        for variant in Variant.allCases {
            try await runChild(["runtime-memory", variant.rawValue])
        }
        KubeBenchmarks.emit("")
        KubeBenchmarks.emit("| throughput | result |")
        KubeBenchmarks.emit("|---|---|")
        try await runChild(["runtime-throughput"])
    }

    static func runChild(_ arguments: [String]) async throws {
        let child = try ChildProcess(arguments: arguments)
        while let line = await child.readLine() { KubeBenchmarks.emit(line) }
        let status = await child.wait()
        guard status == 0 else {
            KubeBenchmarks.emit("benchmark \(arguments.joined(separator: " ")) failed with status \(status)")
            exit(1)
        }
    }

    // MARK: - Memory

    /// One memory variant: connects to a freshly seeded server process, syncs, applies updates, reports a row.
    static func memory(_ variant: Variant) async throws {
        let server = try ChildProcess(arguments: ["runtime-server", String(objects)])
        guard let line = await server.readLine(),
            let connection = try? JSONDecoder().decode(RuntimeServer.Connection.self, from: Data(line.utf8))
        else {
            KubeBenchmarks.emit("the server process did not start")
            exit(1)
        }
        let client = try KubeClient(
            server: URL(string: connection.url)!,
            certificateAuthorityPEM: connection.caCertificatePEM,
            token: connection.token
        )
        // One request first, so the connection, TLS and codecs are part of the baseline, not of the cache.
        _ = try await client.list(ConfigMap.self, namespace: RuntimeServer.namespace(0), options: ListOptions(limit: 1))
        let result: MemoryResult
        switch variant {
        case .full:
            result = try await measure(Watcher<ConfigMap>(client: client), server: server)
        case .dropManagedFields:
            let store = Store<ConfigMap>(transform: Store.dropManagedFields)
            result = try await measure(Watcher(client: client, store: store), server: server)
        case .metadata:
            result = try await measure(Watcher(metadataOnly: ConfigMap.resource, client: client), server: server)
        case .metadataDropManagedFields:
            let store = Store<PartialObjectMetadata>(transform: Store.dropManagedFields)
            result = try await measure(
                Watcher(metadataOnly: ConfigMap.resource, client: client, store: store),
                server: server
            )
        }
        server.send("exit")
        _ = await server.wait()
        try await client.shutdown()
        let perObject = Double(result.afterSync - result.before) / Double(result.cached)
        let perObjectLive = Double(result.afterSyncLive - result.beforeLive) / Double(result.cached)
        KubeBenchmarks.emit(
            "| \(variant.description) | \(mebibytes(result.before)) | \(mebibytes(result.afterSync)) | "
                + String(format: "%.0f B / %.0f B", perObject, perObjectLive)
                + " | \(mebibytes(result.afterUpdates)) / \(mebibytes(result.afterUpdatesLive))"
                + " | \(mebibytes(result.peak)) | "
                + String(format: "%.1f s | %.1f s ", result.sync, result.updatesSeen)
                + String(format: "(the server applied them in %.1f s) |", result.serverUpdate)
        )
    }

    struct MemoryResult {
        var cached: Int
        var before: Int
        var beforeLive: Int
        var afterSync: Int
        var afterSyncLive: Int
        var afterUpdates: Int
        var afterUpdatesLive: Int
        var peak: Int
        var sync: Double
        var updatesSeen: Double
        var serverUpdate: Double
    }

    static func measure<Object: KubernetesObject>(
        _ watcher: Watcher<Object>,
        server: ChildProcess
    ) async throws -> MemoryResult {
        let before = Meter.residentBytes() ?? 0
        let beforeLive = Meter.liveHeapBytes() ?? 0
        let (updated, updatedContinuation) = AsyncStream<Void>.makeStream()
        let (replaced, replacedContinuation) = AsyncStream<Void>.makeStream()
        let target = updates
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // The consumer a controller would be: it keeps the event buffer empty (an unconsumed `.replaced` event
            // would keep the untransformed list alive) and notices when every update arrived.
            group.addTask {
                var seen: Set<String> = []
                for await event in watcher.events {
                    if case .replaced = event { replacedContinuation.yield() }
                    guard case .applied(let change) = event, change.type == .modified,
                        change.object.metadata.annotations?[RuntimeServer.roundAnnotation] == "1"
                    else { continue }
                    seen.insert(change.object.metadata.name ?? "")
                    if seen.count == target { updatedContinuation.yield() }
                }
            }
            group.addTask { try await watcher.run() }
            let start = ContinuousClock.now
            await watcher.store.waitUntilSynced()
            let sync = (ContinuousClock.now - start).seconds
            // Measure once the consumer has let go of the list the watcher reported (it signals on seeing it, then
            // ends that loop iteration).
            for await _ in replaced { break }
            try await Task.sleep(for: .milliseconds(500))
            let cached = watcher.store.count
            let afterSync = Meter.residentBytes() ?? 0
            let afterSyncLive = Meter.liveHeapBytes() ?? 0

            let updateStart = ContinuousClock.now
            server.send("update \(target) 1")
            for await _ in updated { break }
            let updatesSeen = (ContinuousClock.now - updateStart).seconds
            let afterUpdates = Meter.residentBytes() ?? 0
            let peak = Meter.peakResidentBytes() ?? 0
            let afterUpdatesLive = Meter.liveHeapBytes() ?? 0
            let reply = await server.readLine() ?? ""
            let serverUpdate = Double(reply.split(separator: " ").last ?? "") ?? 0
            group.cancelAll()
            try await group.waitForAll()
            return MemoryResult(
                cached: cached,
                before: before,
                beforeLive: beforeLive,
                afterSync: afterSync,
                afterSyncLive: afterSyncLive,
                afterUpdates: afterUpdates,
                afterUpdatesLive: afterUpdatesLive,
                peak: peak,
                sync: sync,
                updatesSeen: updatesSeen,
                serverUpdate: serverUpdate
            )
        }
    }

    static func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    // MARK: - Throughput

    /// Events per second through watcher → store → work queue → one worker.
    ///
    /// The in-process server holds `objects` ConfigMaps; after the initial sync (whose keys the worker drains
    /// first) it updates every object `rounds` times, writing straight into its storage as fast as it can. The
    /// clock runs from the first update until the worker has processed every key at its last round.
    static func throughput() async throws {
        let objects = environment("KUBE_BENCH_THROUGHPUT_OBJECTS", default: 5_000)
        let rounds = environment("KUBE_BENCH_THROUGHPUT_ROUNDS", default: 4)
        let total = objects * rounds
        var configuration = KubeTestServer.Configuration()
        configuration.watchHistoryLimit = total * 2
        configuration.watchBufferSize = total * 2
        let server = try await KubeTestServer.start(configuration)
        let client = try KubeClient(
            server: URL(string: server.url)!,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        let namespace = "default"
        try await server.seed(
            (0..<objects).map { index in
                [
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": ["name": .string(RuntimeServer.name(index)), "namespace": .string(namespace)],
                    "data": ["round": "0"],
                ]
            }
        )
        guard let type = await server.store.resourceType(group: "", version: "v1", plural: "configmaps") else {
            KubeBenchmarks.emit("the server serves no configmaps")
            exit(1)
        }
        let watcher = Watcher<ConfigMap>(client: client, namespace: namespace, eventBufferSize: total + objects)
        let queue = WorkQueue<ObjectKey>()
        let finalRound = String(rounds)
        let (finished, finishedContinuation) = AsyncStream<Int>.makeStream()
        let (initial, initialContinuation) = AsyncStream<Void>.makeStream()

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            group.addTask { try await queue.run() }
            // The event handler a controller registers: every change enqueues its key.
            group.addTask {
                for await event in watcher.events {
                    switch event {
                    case .applied(let change): await queue.add(ObjectKey(change.object))
                    case .replaced(let items): for item in items { await queue.add(ObjectKey(item)) }
                    }
                }
            }
            // One worker: reads the cache for each key, as a reconcile would.
            group.addTask {
                var initialKeys = 0
                var done: Set<ObjectKey> = []
                var processed = 0
                while let key = await queue.get() {
                    if initialKeys < objects {
                        initialKeys += 1
                        if initialKeys == objects { initialContinuation.yield() }
                    } else {
                        processed += 1
                        if watcher.store.get(key)?.data?["round"] == finalRound {
                            done.insert(key)
                            if done.count == objects { finishedContinuation.yield(processed) }
                        }
                    }
                    await queue.done(key)
                }
            }
            for await _ in initial { break }
            let start = ContinuousClock.now
            var writeSeconds = 0.0
            for round in 1...rounds {
                for index in 0..<objects {
                    let value = JSONValue.string(String(round))
                    _ = try await server.store.update(type, namespace: namespace, name: RuntimeServer.name(index)) {
                        current in
                        var object = current ?? [:]
                        object[path: ["data", "round"]] = value
                        return object
                    }
                }
            }
            writeSeconds = (ContinuousClock.now - start).seconds
            var processed = 0
            for await count in finished {
                processed = count
                break
            }
            let seconds = (ContinuousClock.now - start).seconds
            await queue.shutDown()
            group.cancelAll()
            try await group.waitForAll()
            let rate = Double(total) / seconds
            KubeBenchmarks.emit(
                "| \(total) updates (\(objects) ConfigMaps × \(rounds)) → watcher → store → work queue → 1 worker "
                    + "| "
                    + String(
                        format: "%.0f events/s (%.2f s; the server wrote them in %.2f s; ",
                        rate,
                        seconds,
                        writeSeconds
                    )
                    + "the worker ran \(processed) times for \(total) events) |"
            )
        }
        try await client.shutdown()
        try await server.shutdown()
    }
}
