import AgriPlatformAPI
import AgriPlatformReconciler
import Foundation
import KubeClient
import KubeCore
import KubeOperationalServer
import KubeRuntime
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The operator process: the thin I/O owner of ``OperatorSettings``.
///
/// It bootstraps logging and metrics once, connects to the API server and checks that the AgriPlatform CRD is
/// served (so a missing CRD, an unreachable server or bad credentials end the process with one line, not a retry
/// loop), then runs every long-lived piece as a `Service` in one `ServiceGroup`:
///
/// 1. the operational endpoints (`/healthz`, `/readyz`, `/metrics`),
/// 2. the ``EventRecorder``,
/// 3. the ``ControllerManager`` with the AgriPlatform controller and, with `--leader-elect`, the ``LeaderElector``.
///
/// SIGTERM or SIGINT starts a graceful shutdown, which `ServiceGroup` performs in reverse order: the manager stops
/// dequeuing and drains the reconciles in flight, then releases the Lease (when leading), while the watches close;
/// then the recorder writes the Events still buffered; the endpoints stop last, so probes answer throughout. A
/// shutdown that takes longer than ``gracefulShutdownLimit`` is escalated to cancellation. The API client's
/// connections are closed after the group returns.
struct OperatorProcess {
    /// The settings to run with.
    let settings: OperatorSettings

    /// The longest graceful shutdown before the group is cancelled: under Kubernetes' default 30 s
    /// `terminationGracePeriodSeconds`, so the drain finishes before the kubelet sends SIGKILL.
    static let gracefulShutdownLimit: Duration = .seconds(25)

    /// The `reportingController` of the operator's Events.
    static let reportingController = "agri-operator"
    /// How often freed memory is given back to the system after the caches' first sync.
    static let freeMemoryInterval: Duration = .seconds(60)

    /// Runs until SIGTERM or SIGINT.
    /// - Throws: ``StartupFailure`` when a piece cannot start; other errors when a service fails while running.
    func run() async throws {
        let allocator = ProcessMemory.tuneAllocator()
        Self.bootstrapLogging(format: settings.logFormat, level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(ControllerRuntimeMetrics.makeFactory(registry: registry))
        let logger = Logger(label: "agri-operator")

        var configuration = try Self.clientConfiguration(settings.clientSource)
        configuration.prefersHTTP2 = settings.prefersHTTP2
        let server = configuration.server.absoluteString
        let client: KubeClient
        do {
            client = try KubeClient(configuration: configuration, logger: Logger(label: "kube-client"))
        } catch let error as ConfigurationError {
            throw StartupFailure.configuration(error)
        }
        do {
            try await runServices(
                client: client,
                server: server,
                registry: registry,
                allocator: allocator,
                logger: logger
            )
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        logger.info("stopped")
    }

    private func runServices(
        client: KubeClient,
        server: String,
        registry: PrometheusCollectorRegistry,
        allocator: String,
        logger: Logger
    ) async throws {
        try await Self.checkAgriPlatformServed(client: client, server: server, namespace: settings.reconciler.namespace)

        let recorder = EventRecorder(
            client: client,
            configuration: EventRecorder.Configuration(
                aggregator: EventAggregator.Configuration(
                    reportingController: Self.reportingController,
                    reportingInstance: settings.identity
                )
            ),
            logger: Logger(label: "agri-operator.events")
        )
        let reconciler = AgriPlatformReconciler(
            client: client,
            recorder: recorder,
            configuration: settings.reconciler,
            logger: Logger(label: "agri-operator.reconciler")
        )
        let controller: Controller<AgriPlatform>
        do {
            controller = try await reconciler.makeController(metricsFactory: MetricsSystem.factory)
        } catch {
            throw StartupFailure.request(error, server: server, doing: "start the AgriPlatform controller")
        }
        let elector = try makeLeaderElector(client: client)
        let manager = ControllerManager(
            controllers: [controller],
            leaderElector: elector,
            logger: Logger(label: "agri-operator.manager")
        )
        let endpoints = makeEndpoints(
            healthChecks: Self.healthChecks(for: manager),
            registry: registry,
            expositions: [AgriPlatformReconciler.releaseGauges(of: controller)]
        )

        logger.info(
            "starting",
            metadata: [
                "server": "\(server)",
                "identity": "\(settings.identity)",
                "watchNamespace": "\(settings.reconciler.namespace ?? "(all)")",
                "leaderElection": "\(settings.leaderElection.map { "\($0.leaseNamespace)/\($0.leaseName)" } ?? "off")",
                "maxConcurrentReconciles": "\(settings.reconciler.maxConcurrentReconciles)",
                "listPageSize": "\(settings.reconciler.listPageSize)",
                "fieldManager": "\(settings.reconciler.fieldManager)",
                "http": "\(settings.prefersHTTP2 ? "HTTP/2" : "HTTP/1.1")",
                "malloc": "\(allocator)",
            ]
        )
        // ServiceGroup shuts services down in reverse order: manager, then recorder, then the endpoints.
        var group = ServiceGroupConfiguration(
            services: endpoints.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) } + [
                ServiceGroupConfiguration.ServiceConfiguration(service: recorder),
                ServiceGroupConfiguration.ServiceConfiguration(service: manager),
                ServiceGroupConfiguration.ServiceConfiguration(
                    service: FreeMemoryReturner(manager: manager, interval: Self.freeMemoryInterval)
                ),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: Logger(label: "agri-operator.lifecycle")
        )
        group.maximumGracefulShutdownDuration = Self.gracefulShutdownLimit
        try await ServiceGroup(configuration: group).run()
    }

    // MARK: - Pieces

    private static func bootstrapLogging(format: OperatorSettings.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label -> any LogHandler in
            switch format {
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }

    private static func clientConfiguration(_ source: OperatorSettings.ClientSource) throws -> ClientConfiguration {
        do {
            switch source {
            case .kubeconfig(let path, let context):
                return try ClientConfiguration.fromKubeconfig(path: path, context: context)
            case .inferred(let context):
                return try ClientConfiguration.infer(context: context)
            }
        } catch let error as ConfigurationError {
            throw StartupFailure.configuration(error)
        }
    }

    /// Fails fast, with the fix in the message, when the cluster does not serve AgriPlatforms or the operator may
    /// not list them; otherwise the watcher would retry quietly forever and `/readyz` would never pass.
    private static func checkAgriPlatformServed(client: KubeClient, server: String, namespace: String?) async throws {
        let resource = AgriPlatform.resource
        let isServed: Bool
        do {
            isServed = try await client.hasResource(
                group: resource.group,
                version: resource.version,
                plural: resource.plural
            )
        } catch {
            throw StartupFailure.request(error, server: server, doing: "discover the API")
        }
        guard isServed else { throw StartupFailure.crdMissing(server: server) }
        do {
            _ = try await client.list(AgriPlatform.self, namespace: namespace, options: ListOptions(limit: 1))
        } catch {
            let scope = namespace.map { "in namespace \($0)" } ?? "in all namespaces"
            throw StartupFailure.request(error, server: server, doing: "list \(resource.plural) \(scope)")
        }
    }

    private func makeLeaderElector(client: KubeClient) throws -> LeaderElector? {
        guard let election = settings.leaderElection else { return nil }
        let configuration: LeaderElectionStateMachine.Configuration
        do {
            configuration = try LeaderElectionStateMachine.Configuration(identity: settings.identity)
        } catch {
            throw StartupFailure("invalid leader election settings: \(error)")
        }
        return LeaderElector(
            client: client,
            leaseName: election.leaseName,
            leaseNamespace: election.leaseNamespace,
            configuration: configuration,
            releaseOnCancel: true,
            logger: Logger(label: "agri-operator.leader-election")
        )
    }

    /// Liveness: the manager runs. Readiness: every cache has listed once. Followers of a leader election are
    /// ready too (their caches are warm), as in controller-runtime, whose readiness does not depend on leading;
    /// a leader that cannot renew gives leadership up by itself at the renew deadline (``LeaderElector``).
    private static func healthChecks(for manager: ControllerManager) -> HealthChecks {
        let checks = HealthChecks()
        checks.add("manager", to: .liveness) {
            manager.isRunning ? .healthy : .unhealthy("the controller manager is not running")
        }
        checks.add("informers", to: .readiness) {
            manager.cachesSynced ? .healthy : .unhealthy("caches not yet synced")
        }
        return checks
    }

    /// One server when metrics and probes share an address, else one per enabled address (controller-runtime's
    /// `:8080` and `:8081`).
    private func makeEndpoints(
        healthChecks: HealthChecks,
        registry: PrometheusCollectorRegistry,
        expositions: [any MetricsExposition]
    )
        -> [OperationalEndpoint]
    {
        let listeners = settings.listeners
        var wanted: [(BindAddress, Set<OperationalServer.Endpoint>)] = []
        if listeners.isShared, let address = listeners.metrics {
            wanted.append((address, [.health, .metrics]))
        } else {
            if let address = listeners.healthProbes { wanted.append((address, [.health])) }
            if let address = listeners.metrics { wanted.append((address, [.metrics])) }
        }
        let logger = Logger(label: "agri-operator.operational-server")
        return wanted.map { address, endpoints in
            OperationalEndpoint(
                server: OperationalServer(
                    configuration: OperationalServer.Configuration(
                        host: address.host,
                        port: address.port,
                        endpoints: endpoints
                    ),
                    healthChecks: healthChecks,
                    registry: registry,
                    expositions: expositions,
                    logger: logger
                ),
                address: address,
                logger: logger
            )
        }
    }
}
