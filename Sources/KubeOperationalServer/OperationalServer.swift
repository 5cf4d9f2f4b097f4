import Hummingbird
public import KubeRuntime
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle
import Synchronization

/// Serves a controller's operational endpoints over HTTP with Hummingbird: `/healthz` and `/readyz` from
/// ``KubeRuntime/HealthChecks``, and `/metrics` in the Prometheus text format from a `PrometheusCollectorRegistry`.
///
/// - `GET /healthz`, `GET /readyz`: `200 ok` when every liveness (readiness) check passes, else `500` with one
///   `[+]name ok` / `[-]name failed: reason withheld` line per check (see ``HealthResponse``). `?verbose` lists the
///   checks on success too; `?exclude=name` (repeatable) skips a check. `GET /healthz/<name>` runs one check.
/// - `GET /metrics`: every metric in the registry, then every ``KubeRuntime/MetricsExposition``'s
///   (`text/plain; version=0.0.4`). Make the swift-metrics factory
///   with ``ControllerRuntimeMetrics/makeFactory(registry:)`` and bootstrap it in the executable.
///
/// Run it as a `ServiceLifecycle.Service`; on graceful shutdown it stops accepting connections and finishes the
/// requests in flight. controller-runtime serves metrics (`:8080`) and probes (`:8081`) on separate ports; run two
/// servers with ``Configuration/endpoints`` set to do the same. Port `0` binds any free port: ``port`` and
/// ``waitUntilListening()`` tell which.
public final class OperationalServer: ServiceLifecycle.Service, Sendable {
    /// The groups of endpoints a server can serve.
    public enum Endpoint: String, Sendable, Hashable, CaseIterable {
        /// `/healthz` and `/readyz` with their individual check endpoints.
        case health
        /// `/metrics`.
        case metrics
    }

    /// Where to listen and what to serve.
    public struct Configuration: Sendable, Hashable {
        /// The address to bind, e.g. `0.0.0.0` in a pod or `127.0.0.1` in tests.
        public var host: String
        /// The port to bind; `0` for any free port.
        public var port: Int
        /// The endpoints served.
        public var endpoints: Set<Endpoint>

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - host: The address to bind.
        ///   - port: The port to bind; `0` for any free port.
        ///   - endpoints: The endpoints served; all by default.
        public init(host: String = "0.0.0.0", port: Int = 8081, endpoints: Set<Endpoint> = Set(Endpoint.allCases)) {
            self.host = host
            self.port = port
            self.endpoints = endpoints
        }
    }

    /// Where to listen and what to serve.
    public let configuration: Configuration
    private let healthChecks: HealthChecks
    private let registry: PrometheusCollectorRegistry
    private let expositions: [any MetricsExposition]
    private let logger: Logger
    private let state = Mutex(ListeningState())
    private let waiters = WaiterQueue<Int?>()

    private struct ListeningState {
        var port: Int?
        var hasStopped = false
    }

    /// Creates a server; nothing listens until ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: Where to listen and what to serve.
    ///   - healthChecks: The checks `/healthz` and `/readyz` run.
    ///   - registry: The registry `/metrics` serves.
    ///   - expositions: Metrics written out at scrape time, after the registry's (e.g. a
    ///     ``KubeRuntime/GaugeExposition``).
    ///   - logger: The server's logger.
    public init(
        configuration: Configuration,
        healthChecks: HealthChecks,
        registry: PrometheusCollectorRegistry,
        expositions: [any MetricsExposition] = [],
        logger: Logger = Logger(label: "operational-server")
    ) {
        self.configuration = configuration
        self.healthChecks = healthChecks
        self.registry = registry
        self.expositions = expositions
        self.logger = logger
    }

    /// The port the server listens on, once it does.
    public var port: Int? { state.withLock { $0.port } }

    /// Waits until the server listens.
    ///
    /// - Returns: The bound port, or `nil` if the server stopped without listening (e.g. the port was taken) or
    ///   the waiting task was cancelled.
    public func waitUntilListening() async -> Int? {
        let result = await waiters.wait { () -> Int?? in
            state.withLock { state in
                if let port = state.port { return .some(port) }
                return state.hasStopped ? .some(nil) : nil
            }
        }
        return result ?? nil
    }

    /// Serves until graceful shutdown or cancellation.
    ///
    /// - Throws: When the address cannot be bound.
    public func run() async throws {
        defer {
            state.withLock { $0.hasStopped = true }
            waiters.resumeAll(.some(nil))
        }
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port
                state.withLock { $0.port = port }
                waiters.resumeAll(.some(port))
            },
            logger: logger
        )
        try await application.run()
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        if configuration.endpoints.contains(.health) {
            for (path, probe) in [("healthz", HealthChecks.Probe.liveness), ("readyz", .readiness)] {
                router.get(RouterPath(path)) { [healthChecks] request, _ -> Response in
                    let query = request.uri.queryParameters
                    let excluded = Set(query[values: "exclude"].map(String.init))
                    let report = await healthChecks.run(probe, excluding: excluded)
                    return Self.response(
                        HealthResponse.aggregated(report, endpoint: path, verbose: query.has("verbose"))
                    )
                }
                router.get(RouterPath("\(path)/:name")) { [healthChecks] _, context -> Response in
                    let name = context.parameters.get("name") ?? ""
                    return Self.response(HealthResponse.individual(await healthChecks.run(name, of: probe)))
                }
            }
        }
        if configuration.endpoints.contains(.metrics) {
            router.get("metrics") { [registry, expositions] _, _ -> Response in
                var text = registry.emitToBuffer()
                for exposition in expositions { exposition.emit(into: &text) }
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: text))
                )
            }
        }
        return router
    }

    private static func response(_ health: HealthResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: health.statusCode),
            headers: [.contentType: "text/plain; charset=utf-8", .init("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: health.body))
        )
    }
}
