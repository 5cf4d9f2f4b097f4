public import AgriPlatformAPI
import AgriPlatformRender
import AsyncHTTPClient
public import Foundation
public import KubeClient
import KubeCore
public import KubeRuntime
public import Logging
public import Metrics
import NIOCore

/// Converges the cluster towards every ``AgriPlatform``: the operator's one controller.
///
/// Each reconcile takes three visible steps, each in its own folder:
///
/// 1. **Observe** (`Observe/`): an immutable snapshot from the caches — the platform, its children (summarised as
///    metadata, status and a digest of the fields we own) and the keys of the Secrets its external datastores use.
/// 2. **Decide** (`Decide/`, pure): validate and render the spec, compare every desired object with the fields we
///    own in the observed one, pick the owned leftovers to prune, and derive the whole status afresh.
/// 3. **Act** (`Act/`): server-side apply (field manager `agri-operator`, forced: the operator owns what it
///    renders) only of the objects that would change, deletes the leftovers (never PersistentVolumeClaims: the
///    operator does not own them), writes the status only when it differs, and records Events only for changes.
///
/// So a platform whose world did not change costs no write at all, fields we do not render (a user's annotation,
/// the HPA's `replicas`) stay with whoever set them, and an invalid spec changes nothing but its status.
/// Deletion of a platform needs no finalizer: every child carries a controller owner reference and the garbage
/// collector removes it.
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
        /// How many objects each page of the caches' lists asks for (`limit`), at start-up and after a watch
        /// expires.
        ///
        /// Every kind lists at once when the operator starts, and each page's text is held until it is decoded, so
        /// the page size sets the start-up's peak memory: with 1 000 platforms, 250 instead of client-go's 500
        /// took 6–7 MiB off the peak for about 0.1 s more until the caches synced (docs/benchmarks.md, the ninth
        /// pass). Larger pages need fewer requests.
        public var listPageSize: Int

        /// Creates a configuration.
        public init(
            fieldManager: String = "agri-operator",
            namespace: String? = nil,
            maxConcurrentReconciles: Int = 4,
            resyncPeriod: Duration? = .seconds(600),
            listPageSize: Int = 250
        ) {
            self.fieldManager = fieldManager
            self.namespace = namespace
            self.maxConcurrentReconciles = maxConcurrentReconciles
            self.resyncPeriod = resyncPeriod
            self.listPageSize = listPageSize
        }
    }

    /// The configuration.
    public let configuration: Configuration
    let client: KubeClient
    let recorder: EventRecorder
    let logger: Logger
    let wallClock: @Sendable () -> Date
    let prometheus: PrometheusAnalysis

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: The API client for discovery at start-up and every write.
    ///   - recorder: Where Events go (run it alongside the controller).
    ///   - configuration: Field manager, namespace, concurrency and resync.
    ///   - logger: The logger; each reconcile adds its own metadata.
    ///   - wallClock: The time stamped on changed conditions and the releases' clock; `Date()` by default.
    ///   - prometheus: Takes releases' Prometheus measurements; by default through ``analysisClient``.
    public init(
        client: KubeClient,
        recorder: EventRecorder,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "agri-operator.reconciler"),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        prometheus: PrometheusAnalysis? = nil
    ) {
        self.prometheus = prometheus ?? PrometheusAnalysis(httpClient: Self.analysisClient, timeout: .seconds(5))
        self.client = client
        self.recorder = recorder
        self.configuration = configuration
        self.logger = logger
        self.wallClock = wallClock
    }

    /// The process-wide HTTP client of Prometheus analysis: a refused or unroutable Prometheus fails within two
    /// seconds instead of waiting for the query timeout. It lives as long as the process, so it is never shut down.
    static let analysisClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(2), read: .seconds(5)))
    )

    /// Discovers what the cluster serves (whether the VerticalPodAutoscaler, Gateway API HTTPRoute and Prometheus
    /// Operator PodMonitor and PrometheusRule APIs exist) and makes the controller:
    /// AgriPlatforms as the primary kind, every rendered kind as owned (cached only with our managed-by label), and
    /// Secrets (keys only) for external datastores.
    /// - Parameter metricsFactory: Where controller and queue metrics go.
    /// - Throws: ``KubeError`` when discovery fails.
    public func makeController(
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) async throws -> Controller<AgriPlatform> {
        let vpa = VerticalPodAutoscaler.resource
        let hasVPA = try await client.hasResource(group: vpa.group, version: vpa.version, plural: vpa.plural)
        let route = HTTPRoute.resource
        let hasRoutes = try await client.hasResource(group: route.group, version: route.version, plural: route.plural)
        var hasMonitoring = true
        for monitoring in [PodMonitor.resource, PrometheusRule.resource] where hasMonitoring {
            hasMonitoring = try await client.hasResource(
                group: monitoring.group,
                version: monitoring.version,
                plural: monitoring.plural
            )
        }
        let kinds = OwnedKind.all(
            fieldManager: configuration.fieldManager,
            verticalPodAutoscalerAvailable: hasVPA,
            httpRoutesAvailable: hasRoutes,
            prometheusOperatorAvailable: hasMonitoring
        )
        let secrets = SecretKeyIndex()
        let step = ReconcileStep(
            kinds: kinds,
            executor: PlanExecutor(client: client, fieldManager: configuration.fieldManager, kinds: kinds),
            renderContext: RenderContext(
                verticalPodAutoscalerAvailable: hasVPA,
                prometheusOperatorAvailable: hasMonitoring
            ),
            secrets: secrets,
            recorder: recorder,
            wallClock: wallClock,
            prometheus: prometheus
        )
        var builder = ControllerBuilder("agriplatform", for: AgriPlatform.self, client: client)
            .namespace(configuration.namespace)
            .maxConcurrentReconciles(configuration.maxConcurrentReconciles)
            .resyncPeriod(configuration.resyncPeriod)
            .watcherConfiguration(.init(pageSize: configuration.listPageSize))
            .metricsFactory(metricsFactory)
            .logger(logger)
            // Platforms are never read for their managed fields (they are often the larger half of a platform), and
            // children and pods are looked up by their platform's instance label only.
            .transform(Store.dropManagedFields)
            .indexedLabelKeys([PlatformLabels.instance])
            .watches(Secret.self, transform: SecretKeyIndex.keysOnly) { secret in
                secrets.platforms(referencing: ObjectKey(secret))
            }
            .watches(ServicePod.self, labelSelector: ServicePods.labelSelector) { pod in
                ServicePods.platform(of: pod)
            }
        for kind in kinds { builder = kind.register(builder) }
        return builder.build { request, context in
            try await step.reconcile(request, context: context)
        }
    }
}

extension AgriPlatformReconciler {
    /// The per-service release gauges (`agriplatform_release_failed`, `agriplatform_release_progressing`),
    /// computed from `controller`'s cached platforms when scraped: serve them on `/metrics` next to the registry
    /// (`OperationalServer`'s `expositions`).
    /// - Parameter controller: A controller made by ``makeController(metricsFactory:)``.
    /// - Returns: The gauges.
    public static func releaseGauges(of controller: Controller<AgriPlatform>) -> any MetricsExposition {
        ReleaseMetrics.exposition(of: controller.store)
    }
}
