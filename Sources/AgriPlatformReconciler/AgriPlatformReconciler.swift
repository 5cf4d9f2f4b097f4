public import AgriPlatformAPI
public import KubeClient
public import KubeRuntime
public import Logging
public import Metrics

/// Converges the cluster towards every ``AgriPlatform``: the operator's one controller.
///
/// Work in progress: this file fixes the public entry point; the reconcile steps arrive in the same change.
public struct AgriPlatformReconciler: Sendable {
    /// How the reconciler runs.
    public struct Configuration: Sendable {
        /// The field manager of every server-side apply and status write.
        public var fieldManager: String
        /// The namespace to watch; `nil` watches all namespaces.
        public var namespace: String?
        /// How many platforms are reconciled at once.
        public var maxConcurrentReconciles: Int
        /// How often every platform is reconciled again even without a change; `nil` never.
        public var resyncPeriod: Duration?

        /// Creates a configuration.
        public init(
            fieldManager: String = "agri-operator",
            namespace: String? = nil,
            maxConcurrentReconciles: Int = 4,
            resyncPeriod: Duration? = .seconds(600)
        ) {
            self.fieldManager = fieldManager
            self.namespace = namespace
            self.maxConcurrentReconciles = maxConcurrentReconciles
            self.resyncPeriod = resyncPeriod
        }
    }

    /// The configuration.
    public let configuration: Configuration
    let client: KubeClient
    let recorder: EventRecorder
    let logger: Logger

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: The API client for reads at start-up and every write.
    ///   - recorder: Where Events go (run it alongside the controller).
    ///   - configuration: Field manager, namespace, concurrency and resync.
    ///   - logger: The logger; each reconcile adds its own metadata.
    public init(
        client: KubeClient,
        recorder: EventRecorder,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "agri-operator.reconciler")
    ) {
        self.client = client
        self.recorder = recorder
        self.configuration = configuration
        self.logger = logger
    }

    /// Discovers what the cluster serves (for example the VerticalPodAutoscaler API) and makes the controller.
    /// - Parameter metricsFactory: Where controller and queue metrics go.
    /// - Throws: ``KubeError`` when discovery fails.
    public func makeController(
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) async throws -> Controller<AgriPlatform> {
        ControllerBuilder("agriplatform", for: AgriPlatform.self, client: client)
            .namespace(configuration.namespace)
            .maxConcurrentReconciles(configuration.maxConcurrentReconciles)
            .resyncPeriod(configuration.resyncPeriod)
            .metricsFactory(metricsFactory)
            .logger(logger)
            .build { _, _ in .done }
    }
}
