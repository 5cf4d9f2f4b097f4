import AgriPlatformAPI
import AgriPlatformReconciler
import AgriPlatformRender
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `KubeBenchmarks operator`: the reconciler benchmarks of issue 6.
///
/// The API server (with its simulated Deployment, ReplicaSet, Pod and HPA controllers) runs in this process; the
/// operator runs in a child process (`operator-process`), so its peak RSS is the operator's alone.
///
/// 1. **Floor**: the objects of `platforms` AgriPlatforms, rendered offline, are server-side applied directly
///    through one client with the operator's concurrency (4 writers), then we wait until every Deployment is
///    available (seen through a watch, ``WatchedCount``, not by polling).
/// 2. **Operator**: on a fresh API server (the floor's is shut down), the same number of AgriPlatforms are created
///    at once and we wait until every one reports `Ready=True` for its generation (again through a watch). The ratio
///    to the floor is the reconciler's overhead.
/// 3. **No-op resync**: with the platforms Ready and the operator resyncing every 5 s, the request log counts the
///    operator's writes over two resyncs (the target is zero), while the child reports how many reconciles ran.
/// 4. **Memory**: with `KUBE_BENCH_PLATFORMS=1000` (and `KUBE_BENCH_SKIP_FLOOR=1`), the operator's peak RSS once
///    every platform is Ready.
enum OperatorBenchmark {
    static let platforms = RuntimeBenchmarks.environment("KUBE_BENCH_PLATFORMS", default: 200)
    static let writers = 4
    /// `KUBE_BENCH_SKIP_FLOOR=1` skips the floor, for memory runs with many platforms.
    static let skipFloor = RuntimeBenchmarks.environment("KUBE_BENCH_SKIP_FLOOR", default: 0) == 1
    static let namespaceCount = 10
    static let operatorAgent = "agri-operator-bench"

    /// What the child needs to connect.
    struct Connection: Codable {
        var url: String
        var caCertificatePEM: String
        var token: String?
        var resyncSeconds: Int
    }

    /// A platform with three services (one autoscaled and exposed): 15 children.
    static func platform(_ index: Int, namespace: String) -> AgriPlatform {
        var web = PlatformService(name: "web", image: "registry.example.com/web:1.0.0")
        web.ingress = IngressSpec(host: "farm-\(index).\(namespace).example.com")
        var autoscaling = Autoscaling(minReplicas: 2, maxReplicas: 6)
        autoscaling.targetCPUUtilization = 70
        web.autoscaling = autoscaling
        let api = PlatformService(name: "api", image: "registry.example.com/api:1.0.0")
        var worker = PlatformService(name: "worker", image: "registry.example.com/worker:1.0.0")
        worker.replicas = 1
        return AgriPlatform(
            metadata: ObjectMeta(name: String(format: "farm-%04d", index), namespace: namespace),
            spec: AgriPlatformSpec(services: [web, api, worker])
        )
    }

    /// What one run measured; see ``measure(platforms:skipFloor:)``.
    struct Measurement {
        var platforms: Int
        var children: Int
        /// Seconds to apply every rendered object, then until every Deployment is available; `nil` when skipped.
        var floorApplied: Double?
        var floor: Double?
        /// CPU seconds this process (the API server and its simulated controllers, and the floor's client) used
        /// during the floor's timed window; `nil` when skipped.
        var floorCPU: Double?
        /// Seconds from creating every platform until each reports `Ready=True` for its generation.
        var converged: Double
        /// CPU seconds this process (the API server and its simulated controllers, and the client creating the
        /// platforms and watching them) used while the operator converged.
        var serverCPU: Double
        /// CPU seconds the operator's process used in the same window.
        var operatorCPU: Double
        var noopReconciles: Int
        var noopWrites: [String]
        /// The converging operator's RSS (peak, current) and live heap, in bytes, when every platform is Ready.
        var memory: Memory
        var writeBreakdown: String
        var detail: String
        /// A restarted operator over the same Ready platforms: start-up times and its steady-state memory.
        var restart: Restart
    }

    struct Memory: Codable {
        var peak: Int
        var current: Int
        var liveHeap: Int
        /// Of `current`, the pages mapped from files (the executable, the Swift runtime, Foundation): the same at
        /// every size, shared with other processes running the same binaries.
        var fileBacked: Int = 0
        /// Of `current`, free memory glibc's arenas keep (freed after the lists and the first reconciles).
        var heldFree: Int = 0
        /// `current` after `malloc_trim`, as the operator's periodic trim leaves it.
        var afterTrim: Int = 0

        var description: String {
            "\(RuntimeBenchmarks.mebibytes(peak)) / \(RuntimeBenchmarks.mebibytes(current)) / "
                + RuntimeBenchmarks.mebibytes(liveHeap)
        }
    }

    /// A second operator process started once every platform is Ready (the first has exited).
    struct Restart: Codable {
        /// Seconds from the process's `main` to the controller built (API discovery done), to caches synced, and to
        /// its first finished reconcile.
        var built: Double
        var synced: Double
        var firstReconcile: Double
        /// The CPU time the process had used by its first finished reconcile: its own start-up cost, whatever the
        /// API server on the same cores costs.
        var cpuAtFirstReconcile: Double = 0
        /// Seconds until it had reconciled every platform once.
        var allReconciled: Double
        /// Its memory once it had reconciled every platform and gone quiet.
        var memory: Memory
        /// Writes it sent (the target is zero: nothing changed while it was down).
        var writes: Int
    }

    /// `KubeBenchmarks operator`: one size (`KUBE_BENCH_PLATFORMS`), printed as the table in docs/benchmarks.md.
    static func run() async throws {
        KubeBenchmarks.emit("Machine: \(Meter.machine())")
        KubeBenchmarks.emit("")
        let result = try await measure(platforms: platforms, skipFloor: skipFloor)
        KubeBenchmarks.emit("| measure | result |")
        KubeBenchmarks.emit("|---|---|")
        KubeBenchmarks.emit(
            "| platforms / children | \(result.platforms) / \(result.children) "
                + "(\(result.children / max(1, result.platforms)) each) |"
        )
        if let applied = result.floorApplied, let floor = result.floor {
            KubeBenchmarks.emit(
                String(
                    format:
                        "| floor: SSA of every rendered object, 4 writers | %.1f s applied, %.1f s until every Deployment is available |",
                    applied,
                    floor
                )
            )
        }
        KubeBenchmarks.emit(String(format: "| operator: create → every platform Ready | %.1f s |", result.converged))
        if let floor = result.floor {
            KubeBenchmarks.emit(String(format: "| ratio operator / floor | %.2f× |", result.converged / floor))
        }
        KubeBenchmarks.emit(
            String(
                format: "| CPU: floor (API server's process) / operator run (API server's process + operator's) | "
                    + "%@ / %.1f + %.1f s |",
                result.floorCPU.map { String(format: "%.1f s", $0) } ?? "skipped",
                result.serverCPU,
                result.operatorCPU
            )
        )
        KubeBenchmarks.emit(
            "| no-op resyncs over 11 s (resync every 5 s) | \(result.noopReconciles) reconciles, "
                + "\(result.noopWrites.count) writes"
                + "\(result.noopWrites.isEmpty ? "" : ": " + result.noopWrites.joined(separator: ", ")) |"
        )
        KubeBenchmarks.emit(
            "| operator process RSS when all Ready (peak / current / live heap) | \(result.memory.description) |"
        )
        KubeBenchmarks.emit("| operator writes until all Ready | \(result.writeBreakdown) |")
        KubeBenchmarks.emit("| operator reconciles until all Ready, and its CPU since it started | \(result.detail) |")
        KubeBenchmarks.emit(
            String(
                format:
                    "| restarted operator: caches synced / first reconcile (its CPU time by then) / as many reconciles "
                    + "as platforms | %.2f s / %.2f s (%.2f CPU-s) / %.1f s; %d writes |",
                result.restart.synced,
                result.restart.firstReconcile,
                result.restart.cpuAtFirstReconcile,
                result.restart.allReconciled,
                result.restart.writes
            )
        )
        KubeBenchmarks.emit(
            "| restarted operator's memory once quiet (peak / current / live heap) | "
                + "\(result.restart.memory.description) |"
        )
    }

    /// Runs the floor (unless skipped), the operator over `platforms` AgriPlatforms, two no-op resyncs, then a
    /// restarted operator, each on a fresh API server.
    static func measure(platforms count: Int, skipFloor: Bool) async throws -> Measurement {
        // 1. The floor, on an API server of its own: the operator watches every namespace, and the floor's objects
        //    carry the same labels as its children, so on a shared server a restarted operator would also cache
        //    (and its memory per platform would count) a second set of children that no platform owns.
        let renderer = PlatformRenderer()
        var objects: [DynamicObject] = []
        for index in 0..<count {
            objects += try renderer.render(platform(index, namespace: "floor-\(index % namespaceCount)"))
        }
        var floorApplied: Double?
        var floor: Double?
        var floorCPU: Double?
        if !skipFloor {
            let (floorServer, floorClient) = try await startServer(namespacePrefix: "floor-")
            let resources = Dictionary(
                uniqueKeysWithValues: [
                    ServiceAccount.resource, Service.resource, Deployment.resource, HorizontalPodAutoscaler.resource,
                    PodDisruptionBudget.resource, Ingress.resource, NetworkPolicy.resource,
                ].map { ("\($0.group)/\($0.kind)", $0) }
            )
            let toApply = objects
            let floorStart = ContinuousClock.now
            let floorCPUStart = Meter.processCPUSeconds()
            try await inParallel(count: toApply.count) { index in
                let object = toApply[index]
                let group = GroupVersionKind(apiVersion: object.apiVersion ?? "", kind: object.kind ?? "").group
                let resource = resources["\(group)/\(object.kind ?? "")"]!
                _ = try await floorClient.apply(resource, object, fieldManager: "floor", force: true)
            }
            floorApplied = (ContinuousClock.now - floorStart).seconds
            // Watched from here, once the applies are done: a list of the Deployments (milliseconds) in the timed
            // window instead of parsing every Deployment event of the applies in this process, on the cores the
            // server needs. The operator's platforms are watched throughout: they change only a few times each.
            try await WatchedCount.start(
                floorClient,
                Deployment.resource,
                namespacePrefix: "floor-",
                expected: objects.filter { $0.kind == "Deployment" }.count,
                isDone: isAvailable
            ).wait()
            floor = (ContinuousClock.now - floorStart).seconds
            floorCPU = Meter.processCPUSeconds() - floorCPUStart
            try await floorClient.shutdown()
            try await floorServer.shutdown()
        }

        let (server, client) = try await startServer(namespacePrefix: "bench-")

        // 2. The operator.
        let connection = Connection(
            url: server.url,
            caCertificatePEM: server.caCertificatePEM,
            token: server.configuration.bearerToken,
            resyncSeconds: 5
        )
        let child = try await startOperatorProcess(connection)
        let ready = try await WatchedCount.start(
            client,
            AgriPlatform.resource,
            namespacePrefix: "bench-",
            expected: count,
            isDone: isReady
        )
        let operatorCPUStart = try await child.ask("cpu", as: Double.self)
        let operatorStart = ContinuousClock.now
        let serverCPUStart = Meter.processCPUSeconds()
        try await inParallel(count: count) { index in
            _ = try await client.create(platform(index, namespace: "bench-\(index % namespaceCount)"))
        }
        try await ready.wait()
        let operatorSeconds = (ContinuousClock.now - operatorStart).seconds
        let serverCPU = Meter.processCPUSeconds() - serverCPUStart
        let operatorCPU = try await child.ask("cpu", as: Double.self) - operatorCPUStart
        let memory = try await child.ask("memory", as: Memory.self)
        child.send("detail")
        let detail = await child.readLine() ?? "n/a"
        let operatorRequests = server.requestLog.entries.filter { $0.userAgent?.hasPrefix(operatorAgent) == true }
        var byKind: [String: Int] = [:]
        for entry in operatorRequests where entry.isWrite {
            byKind["\(entry.verb) \(entry.resource ?? "")\(entry.subresource.map { "/\($0)" } ?? "")", default: 0] += 1
        }
        let breakdown = byKind.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")

        // 3. No-op resyncs, once the operator has gone quiet (Events it buffered are written, the last status writes
        //    have landed): no write for 3 s.
        try await waitUntilQuiet(server.requestLog, seconds: 3)
        let reconcilesBefore = try await child.ask("reconciles", as: Int.self)
        server.requestLog.reset()
        try await Task.sleep(for: .seconds(11))
        let writes = server.requestLog.entries.filter { $0.isWrite && $0.userAgent?.hasPrefix(operatorAgent) == true }
        let reconcilesAfter = try await child.ask("reconciles", as: Int.self)
        child.send("exit")
        _ = await child.wait()

        // 4. A restarted operator over the same, Ready platforms.
        server.requestLog.reset()
        let restarted = try await startOperatorProcess(connection, profiled: true)
        var restart = try await restarted.ask("startup", as: Restart.self)
        while restart.allReconciled < 0 {
            try await Task.sleep(for: .milliseconds(100))
            restart = try await restarted.ask("startup", as: Restart.self)
        }
        try await waitUntilQuiet(server.requestLog, seconds: 3)
        restart.memory = try await restarted.ask("memory", as: Memory.self)
        restart.writes =
            server.requestLog.entries.filter {
                $0.isWrite && $0.userAgent?.hasPrefix(operatorAgent) == true
            }.count
        restarted.send("exit")
        _ = await restarted.wait()

        try await client.shutdown()
        try await server.shutdown()
        return Measurement(
            platforms: count,
            children: objects.count,
            floorApplied: floorApplied,
            floor: floor,
            floorCPU: floorCPU,
            converged: operatorSeconds,
            serverCPU: serverCPU,
            operatorCPU: operatorCPU,
            noopReconciles: reconcilesAfter - reconcilesBefore,
            noopWrites: writes.map { "\($0.verb) \($0.resource ?? "")/\($0.name ?? "")" },
            memory: memory,
            writeBreakdown: breakdown,
            detail: detail,
            restart: restart
        )
    }

    /// A fresh API server with the workload simulation, the AgriPlatform CRD and ``namespaceCount`` namespaces named
    /// `namespacePrefix` + index, and a client of it.
    static func startServer(namespacePrefix: String) async throws -> (KubeTestServer, KubeClient) {
        var configuration = KubeTestServer.Configuration()
        configuration.watchHistoryLimit = 200_000
        var simulation = WorkloadSimulation.Configuration()
        simulation.podReadyDelay = .milliseconds(100)
        configuration.simulation = simulation
        let server = try await KubeTestServer.start(configuration)
        var clientConfiguration = ClientConfiguration(
            server: URL(string: server.url)!,
            certificateAuthorityPEM: server.caCertificatePEM,
            token: server.configuration.bearerToken
        )
        clientConfiguration.userAgent = "bench"
        let client = try KubeClient(configuration: clientConfiguration)
        _ = try await client.create(AgriPlatformCRD.definition())
        for index in 0..<namespaceCount {
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: "\(namespacePrefix)\(index)")))
        }
        return (server, client)
    }

    /// Starts `operator-process` and waits until its caches are synced; the `profiled` one (the restarted operator)
    /// runs under `KUBE_BENCH_CHILD_PREFIX` when that is set (e.g. `heaptrack -o /tmp/operator.%p`).
    static func startOperatorProcess(_ connection: Connection, profiled: Bool = false) async throws -> ChildProcess {
        let prefix = profiled ? ProcessInfo.processInfo.environment["KUBE_BENCH_CHILD_PREFIX"] : nil
        let child = try ChildProcess(arguments: ["operator-process"], prefix: prefix)
        child.send(String(decoding: try JSONEncoder().encode(connection), as: UTF8.self))
        // A profiler wrapping the child (KUBE_BENCH_CHILD_PREFIX) may print lines of its own first.
        var line = await child.readLine()
        while let text = line, text != "synced", prefix != nil {
            KubeBenchmarks.emit(text)
            line = await child.readLine()
        }
        guard line == "synced" else {
            KubeBenchmarks.emit("the operator process did not start")
            exit(1)
        }
        return child
    }

    /// The operator, in a process of its own: reads a ``Connection`` line, runs the reconciler, prints `synced`, then
    /// answers `memory` (a ``Memory`` as JSON), `detail` (reconcile results and CPU time), `reconciles` (the reconcile
    /// count), `startup` (a ``Restart`` as JSON, its memory and writes left zero) and `exit`.
    static func runOperatorProcess() async throws {
        let processStart = ContinuousClock.now
        // As `agri-operator run` does; MALLOC_ARENA_MAX and MALLOC_MMAP_THRESHOLD_ in the environment win.
        ProcessMemory.tuneAllocator()
        guard let line = await StandardInput.readLine(),
            let connection = try? JSONDecoder().decode(Connection.self, from: Data(line.utf8))
        else { exit(2) }
        var configuration = ClientConfiguration(
            server: URL(string: connection.url)!,
            certificateAuthorityPEM: connection.caCertificatePEM,
            token: connection.token
        )
        configuration.userAgent = operatorAgent
        // As `agri-operator run`: one HTTP/1.1 connection per request and watch; KUBE_BENCH_HTTP2=1 as `--http2`.
        configuration.prefersHTTP2 = ProcessInfo.processInfo.environment["KUBE_BENCH_HTTP2"] == "1"
        let client = try KubeClient(configuration: configuration)
        let recorder = EventRecorder(
            client: client,
            configuration: EventRecorder.Configuration(
                aggregator: EventAggregator.Configuration(
                    reportingController: "agri-operator",
                    reportingInstance: "bench"
                )
            )
        )
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let reconciler = AgriPlatformReconciler(
            client: client,
            recorder: recorder,
            configuration: AgriPlatformReconciler.Configuration(
                maxConcurrentReconciles: writers,
                resyncPeriod: .seconds(connection.resyncSeconds)
            ),
            logger: logger
        )
        let metrics = ReconcileCountingMetrics()
        let controller = try await reconciler.makeController(metricsFactory: metrics)
        let built = (ContinuousClock.now - processStart).seconds
        let reconciles: @Sendable () -> Int = { metrics.reconciles() }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.run() }
            group.addTask { try await controller.run() }
            await controller.waitUntilCachesSynced()
            let synced = (ContinuousClock.now - processStart).seconds
            // As `agri-operator run`'s FreeMemoryReturner (the caches are synced already).
            group.addTask { await ProcessMemory.returnFreeMemory(every: .seconds(60)) {} }
            // When the first reconcile finishes, and when there have been as many as platforms in the cache.
            let startup = StartupTimes()
            group.addTask {
                while reconciles() == 0 { try await Task.sleep(for: .milliseconds(1)) }
                await startup.record(
                    firstReconcile: (ContinuousClock.now - processStart).seconds,
                    cpu: Meter.processCPUSeconds()
                )
                let platforms = try await client.listAll(AgriPlatform.self).items.count
                while reconciles() < platforms { try await Task.sleep(for: .milliseconds(5)) }
                await startup.record(allReconciled: (ContinuousClock.now - processStart).seconds)
            }
            KubeBenchmarks.emit("synced")
            while let command = await StandardInput.readLine() {
                switch command {
                case "memory":
                    let memory = Memory(
                        peak: Meter.peakResidentBytes() ?? 0,
                        current: Meter.residentBytes() ?? 0,
                        liveHeap: Meter.liveHeapBytes() ?? 0,
                        fileBacked: Meter.fileBackedResidentBytes() ?? 0,
                        heldFree: Meter.heldFreeBytes() ?? 0,
                        afterTrim: {
                            ProcessMemory.returnFreeMemory()
                            return Meter.residentBytes() ?? 0
                        }()
                    )
                    KubeBenchmarks.emit(String(decoding: (try? JSONEncoder().encode(memory)) ?? Data(), as: UTF8.self))
                    // What the memory is for, on standard error: the cached platforms and Deployments.
                    let cached = [
                        "platforms \(controller.store.count)",
                        "Deployments \(controller.store(for: AppliedObject<Deployment>.self)?.count ?? 0)",
                    ]
                    FileHandle.standardError.write(
                        Data(("operator caches: " + cached.joined(separator: ", ") + "\n").utf8)
                    )
                case "startup":
                    let times = Restart(
                        built: built,
                        synced: synced,
                        firstReconcile: await startup.firstReconcile ?? -1,
                        cpuAtFirstReconcile: await startup.cpuAtFirstReconcile ?? -1,
                        allReconciled: await startup.allReconciled ?? -1,
                        memory: Memory(peak: 0, current: 0, liveHeap: 0),
                        writes: 0
                    )
                    KubeBenchmarks.emit(String(decoding: (try? JSONEncoder().encode(times)) ?? Data(), as: UTF8.self))
                case "detail":
                    let results = ["success", "error", "requeue", "requeue_after"].map { result in
                        "\(result) \(metrics.reconciles(result: result))"
                    }
                    KubeBenchmarks.emit(
                        results.joined(separator: ", ") + String(format: "; CPU %.1f s", Meter.processCPUSeconds())
                    )
                case "reconciles":
                    KubeBenchmarks.emit("\(reconciles())")
                case "cpu":
                    KubeBenchmarks.emit("\(Meter.processCPUSeconds())")
                default:
                    group.cancelAll()
                    return
                }
            }
            group.cancelAll()
        }
        exit(0)
    }

    /// When the operator process finished its first reconcile, and as many reconciles as there are platforms
    /// (seconds since its `main`).
    actor StartupTimes {
        var firstReconcile: Double?
        var allReconciled: Double?

        var cpuAtFirstReconcile: Double?

        func record(firstReconcile seconds: Double, cpu: Double) {
            firstReconcile = seconds
            cpuAtFirstReconcile = cpu
        }
        func record(allReconciled seconds: Double) { allReconciled = seconds }
    }

    /// Whether a Deployment has rolled out: its controller saw the latest spec and every wanted pod is updated and
    /// available, with no old pod left (`kubectl rollout status`).
    static func isAvailable(_ deployment: JSONValue) -> Bool {
        let status = deployment["status"]
        let wanted = deployment[path: ["spec", "replicas"]]?.integerValue ?? 1
        return (status?["observedGeneration"]?.integerValue ?? 0)
            >= (deployment[path: ["metadata", "generation"]]?.integerValue ?? 0)
            && status?["updatedReplicas"]?.integerValue == wanted
            && status?["availableReplicas"]?.integerValue == wanted && status?["replicas"]?.integerValue == wanted
    }

    /// Waits until the operator has sent no write for `seconds`.
    static func waitUntilQuiet(_ log: RequestLog, seconds: Int) async throws {
        var last = -1
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < .seconds(seconds) {
            let count = log.entries.filter { $0.isWrite && $0.userAgent?.hasPrefix(operatorAgent) == true }.count
            if count != last {
                last = count
                quietSince = ContinuousClock.now
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Whether a platform reports `Ready=True` for its current generation.
    static func isReady(_ platform: JSONValue) -> Bool {
        let status = platform["status"]
        let ready = status?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
        return ready?["status"] == "True"
            && status?["observedGeneration"]?.integerValue == platform[path: ["metadata", "generation"]]?.integerValue
    }

    static func inParallel(count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await RuntimeServer.inParallel(count: count, writers: writers, body)
    }
}
