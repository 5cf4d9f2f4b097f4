import AsyncHTTPClient
import KubeOperationalServer
import KubeRuntime
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// ``OperationalServer`` on a free loopback port, asked over HTTP with AsyncHTTPClient.
@Suite("Operational server over HTTP", .timeLimit(.minutes(1)))
struct OperationalServerTests {
    struct Answer {
        var status: Int
        var contentType: String?
        var body: String
    }

    @Test("/healthz answers ok while liveness checks pass and 500 with the failing check's name otherwise")
    func healthz() async throws {
        let health = HealthChecks()
        let leading = Mutex(true)
        health.add("leader-election", to: .liveness) { leading.withLock { $0 } ? .healthy : .unhealthy("lost") }
        try await withServer(health: health) { server in
            let ok = try await server.get("/healthz")
            #expect(ok.status == 200)
            #expect(ok.body == "ok")
            #expect(ok.contentType == "text/plain; charset=utf-8")
            let verbose = try await server.get("/healthz?verbose")
            #expect(verbose.body == "[+]leader-election ok\nhealthz check passed\n")
            leading.withLock { $0 = false }
            let failing = try await server.get("/healthz")
            #expect(failing.status == 500)
            #expect(failing.body == "[-]leader-election failed: reason withheld\nhealthz check failed\n")
            let excluded = try await server.get("/healthz?exclude=leader-election")
            #expect(excluded.status == 200)
            let individual = try await server.get("/healthz/leader-election")
            #expect(individual.status == 500)
            #expect(individual.body == "internal server error: lost\n")
            #expect(try await server.get("/healthz/unknown").status == 404)
        }
    }

    @Test("/readyz flips to ok once the caches-synced check turns ready")
    func readyzFlips() async throws {
        let health = HealthChecks()
        let synced = Mutex(false)
        health.add("informers", to: .readiness) { synced.withLock { $0 } }
        health.add("leader-election", to: .liveness) { .healthy }
        try await withServer(health: health) { server in
            let before = try await server.get("/readyz")
            #expect(before.status == 500)
            #expect(before.body.contains("[-]informers failed"))
            #expect(try await server.get("/healthz").status == 200, "liveness does not wait for readiness")
            synced.withLock { $0 = true }
            let after = try await server.get("/readyz")
            #expect(after.status == 200)
            #expect(after.body == "ok")
        }
    }

    @Test("/metrics exposes metrics emitted through the factory under controller-runtime's names")
    func metrics() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = ControllerRuntimeMetrics.makeFactory(registry: registry)
        let dimensions = [("controller", "demo"), ("result", "success")]
        Counter(label: "controller_runtime_reconcile_total", dimensions: dimensions, factory: factory).increment(by: 3)
        Metrics.Timer(
            label: "controller_runtime_reconcile_time_seconds",
            dimensions: [("controller", "demo")],
            factory: factory
        ).recordMilliseconds(300)
        Gauge(label: "workqueue_depth", dimensions: [("name", "demo")], factory: factory).record(4)
        Recorder(label: "workqueue_queue_duration_seconds", dimensions: [("name", "demo")], factory: factory)
            .record(0.05)
        try await withServer(health: HealthChecks(), registry: registry) { server in
            let answer = try await server.get("/metrics")
            #expect(answer.status == 200)
            #expect(answer.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(answer.body.split(separator: "\n").map(String.init))
            #expect(lines.contains("# TYPE controller_runtime_reconcile_total counter"))
            #expect(lines.contains(#"controller_runtime_reconcile_total{controller="demo",result="success"} 3"#))
            #expect(lines.contains("# TYPE controller_runtime_reconcile_time_seconds histogram"))
            #expect(lines.contains(#"controller_runtime_reconcile_time_seconds_bucket{controller="demo",le="0.25"} 0"#))
            #expect(lines.contains(#"controller_runtime_reconcile_time_seconds_bucket{controller="demo",le="0.3"} 1"#))
            #expect(lines.contains(#"controller_runtime_reconcile_time_seconds_bucket{controller="demo",le="60.0"} 1"#))
            #expect(lines.contains(#"controller_runtime_reconcile_time_seconds_sum{controller="demo"} 0.3"#))
            #expect(lines.contains(#"controller_runtime_reconcile_time_seconds_count{controller="demo"} 1"#))
            #expect(lines.contains(#"workqueue_depth{name="demo"} 4.0"#))
            #expect(lines.contains(#"workqueue_queue_duration_seconds_bucket{name="demo",le="0.01"} 0"#))
            #expect(lines.contains(#"workqueue_queue_duration_seconds_bucket{name="demo",le="0.1"} 1"#))
        }
    }

    @Test("/metrics appends the expositions' text after the registry's")
    func expositions() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = ControllerRuntimeMetrics.makeFactory(registry: registry)
        Gauge(label: "workqueue_depth", dimensions: [("name", "demo")], factory: factory).record(4)
        let releases = Mutex<[GaugeExposition.Row]>([.init(labelValues: ["farm", "shop"], values: [1])])
        let exposition = GaugeExposition(
            families: [.init(name: "demo_release_failed", help: "1 while failed.")],
            labelNames: ["namespace", "platform"]
        ) { releases.withLock { $0 } }
        try await withServer(health: HealthChecks(), registry: registry, expositions: [exposition]) { server in
            let lines = try await server.get("/metrics").body.split(separator: "\n").map(String.init)
            let registryLine = try #require(lines.firstIndex(of: #"workqueue_depth{name="demo"} 4.0"#))
            let expositionLine = try #require(
                lines.firstIndex(of: #"demo_release_failed{namespace="farm",platform="shop"} 1"#)
            )
            #expect(registryLine < expositionLine)
            #expect(lines.contains("# TYPE demo_release_failed gauge"))

            releases.withLock { $0 = [] }
            let after = try await server.get("/metrics").body
            #expect(!after.contains("demo_release_failed{"))
        }
    }

    @Test("A server configured for metrics only does not serve health endpoints")
    func endpointsAreConfigurable() async throws {
        let configuration = OperationalServer.Configuration(host: "127.0.0.1", port: 0, endpoints: [.metrics])
        try await withServer(health: HealthChecks(), configuration: configuration) { server in
            let healthz = try await server.get("/healthz")
            let metrics = try await server.get("/metrics")
            #expect(healthz.status == 404)
            #expect(metrics.status == 200)
        }
    }

    @Test("A port already in use makes run throw and waitUntilListening return nil")
    func portInUse() async throws {
        try await withServer(health: HealthChecks()) { first in
            let second = OperationalServer(
                configuration: .init(host: "127.0.0.1", port: first.port),
                healthChecks: HealthChecks(),
                registry: PrometheusCollectorRegistry()
            )
            await #expect(throws: (any Error).self) { try await second.run() }
            #expect(await second.waitUntilListening() == nil)
        }
    }

    // MARK: - Support

    /// The running server as a test sees it: its port and a way to GET a path.
    struct Running: Sendable {
        let client: HTTPClient
        let port: Int

        func get(_ path: String) async throws -> Answer {
            let response = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"),
                timeout: .seconds(10)
            )
            let body = try await response.body.collect(upTo: 1 << 20)
            return Answer(
                status: Int(response.status.code),
                contentType: response.headers.first(name: "content-type"),
                body: String(buffer: body)
            )
        }
    }

    /// Runs a server in a `ServiceGroup`, hands `body` the running server, then shuts the group down gracefully
    /// and waits for it.
    func withServer(
        health: HealthChecks,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        expositions: [any MetricsExposition] = [],
        configuration: OperationalServer.Configuration = .init(host: "127.0.0.1", port: 0),
        _ body: (Running) async throws -> Void
    ) async throws {
        let server = OperationalServer(
            configuration: configuration,
            healthChecks: health,
            registry: registry,
            expositions: expositions
        )
        let group = ServiceGroup(services: [server], logger: Logger(label: "operational-server-test"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let port = try #require(await server.waitUntilListening())
                #expect(server.port == port)
                do {
                    try await body(Running(client: client, port: port))
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
