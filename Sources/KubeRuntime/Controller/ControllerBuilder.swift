public import KubeClient
public import KubeCore
public import Logging
public import Metrics

/// Describes a ``Controller``, in the spirit of controller-runtime's builder and kube-rs's `Controller`:
///
/// ```swift
/// let controller = ControllerBuilder("configmap-mirror", for: ConfigMap.self, client: client)
///     .labelSelector("mirror=true")
///     .owns(Secret.self)
///     .watches(Namespace.self) { namespace in … }
///     .maxConcurrentReconciles(4)
///     .build { request, context in … return .done }
/// ```
///
/// - `for` (the initializer): the primary kind; each of its changes queues its own request.
/// - ``owns(_:transform:)``: a child kind; a child's change queues its controller owner (the owner reference with
///   `controller: true` naming the primary's kind and group), see ``ReconcileRequest/controllerOwner(of:ownerType:)``.
/// - ``watches(_:transform:mapping:)``: any kind, with a function from an object to the requests it affects.
/// - ``namespace(_:)`` scopes every watcher to one namespace; ``labelSelector(_:)`` filters the primary kind on the
///   server. ``resyncPeriod(_:)`` re-queues every cached primary periodically.
public struct ControllerBuilder<Primary: KubernetesObject>: Sendable {
    /// What every watcher shares.
    struct Settings: Sendable {
        var client: KubeClient
        var namespace: String?
        var indexedLabelKeys: Set<String>?
        var watcher: WatcherStateMachine<Primary>.Configuration
        var clock: any Clock<Duration>
        var logger: Logger
    }

    private let name: String
    private let client: KubeClient
    private var namespace: String?
    private var labelSelector: String?
    private var primaryTransform: Store<Primary>.Transform?
    private var indexedLabelKeys: Set<String>?
    private var makeSources: [@Sendable (Settings) -> ControllerSource] = []
    private var resyncPeriod: Duration?
    private var maxConcurrentReconciles = 1
    private var staleCacheRequeueDelay: Duration = .milliseconds(100)
    private var retryLimit = RetryRateLimit()
    private var watcherConfiguration = WatcherStateMachine<Primary>.Configuration()
    private var clock: any Clock<Duration> = ContinuousClock()
    private var metricsFactory: any MetricsFactory = MetricsSystem.factory
    private var logger = Logger(label: "kube-runtime.controller")

    /// Starts describing the controller called `name` (unique per process: it labels logs and metrics) for the
    /// primary kind `primary`.
    public init(_ name: String, for primary: Primary.Type, client: KubeClient) {
        self.name = name
        self.client = client
    }

    /// Also reconciles the controller owner of every `Child` that changes.
    /// - Parameters:
    ///   - labelSelector: Watches and caches only children matching this selector (string form, e.g.
    ///     `app.kubernetes.io/managed-by=agri-operator`), so the cache holds our children rather than every object
    ///     of the kind; `nil` (the default) watches all.
    ///   - transform: Applied to each child before it is cached, e.g. ``Store/dropManagedFields``.
    public func owns<Child: KubernetesObject>(
        _ type: Child.Type,
        labelSelector: String? = nil,
        transform: Store<Child>.Transform? = nil
    ) -> Self {
        adding(type, labelSelector: labelSelector, transform: transform, mapper: .controllerOwner(Primary.self))
    }

    /// Also reconciles the primaries `mapping` returns for every `Other` that changes (e.g. every primary that
    /// references a Secret). The mapping runs on the watcher's path: keep it fast, and read caches, not the server.
    /// - Parameter transform: Applied to each object before it is cached.
    /// - Parameter labelSelector: Watches (and caches) only the objects it matches.
    public func watches<Other: KubernetesObject>(
        _ type: Other.Type,
        labelSelector: String? = nil,
        transform: Store<Other>.Transform? = nil,
        mapping: @escaping RequestMapper<Other>.Mapping
    ) -> Self {
        adding(type, labelSelector: labelSelector, transform: transform, mapper: RequestMapper(mapping: mapping))
    }

    /// Watches only this namespace (every kind); `nil` (the default) watches all namespaces.
    public func namespace(_ namespace: String?) -> Self {
        with { $0.namespace = namespace }
    }

    /// Watches only primaries matching this label selector (string form, e.g. `mirror=true`).
    public func labelSelector(_ selector: String?) -> Self {
        with { $0.labelSelector = selector }
    }

    /// Applies `transform` to each primary before it is cached, e.g. ``Store/dropManagedFields``.
    public func transform(_ transform: Store<Primary>.Transform?) -> Self {
        with { $0.primaryTransform = transform }
    }

    /// Indexes only these label keys in every cache (``Store/labelIndex``); `nil` (the default) indexes every label.
    /// An operator that looks children up by one label (e.g. `app.kubernetes.io/instance`) saves a set per distinct
    /// value of every other label; ``Store/byLabel(key:value:)`` on a key not indexed scans instead.
    public func indexedLabelKeys(_ keys: Set<String>?) -> Self {
        with { $0.indexedLabelKeys = keys }
    }

    /// Queues every cached primary again every `period`; `nil` (the default) never does.
    public func resyncPeriod(_ period: Duration?) -> Self {
        with { $0.resyncPeriod = period }
    }

    /// How many reconciles run at once (1 by default, as in controller-runtime).
    public func maxConcurrentReconciles(_ count: Int) -> Self {
        with { $0.maxConcurrentReconciles = max(1, count) }
    }

    /// How long a request waits when the primary's cache has not caught up with our own write (100 ms by default).
    public func staleCacheRequeueDelay(_ delay: Duration) -> Self {
        with { $0.staleCacheRequeueDelay = delay }
    }

    /// The limit on retries of failed reconciles, all requests together (10 a second after a burst of 100 by default,
    /// as controller-runtime's default rate limiter); each request's own backoff applies too, and the later wins.
    public func retryLimit(_ limit: RetryRateLimit) -> Self {
        with { $0.retryLimit = limit }
    }

    /// The watchers' page size, inactivity timeout, backoff and watch timeouts (used for every watched kind).
    public func watcherConfiguration(_ configuration: WatcherStateMachine<Primary>.Configuration) -> Self {
        with { $0.watcherConfiguration = configuration }
    }

    /// The clock for the queue's delays, resyncs and the watchers' backoff.
    public func clock(_ clock: any Clock<Duration>) -> Self {
        with { $0.clock = clock }
    }

    /// Where the controller and queue metrics go (the global metrics system by default).
    public func metricsFactory(_ factory: any MetricsFactory) -> Self {
        with { $0.metricsFactory = factory }
    }

    /// The logger; each reconcile adds `controller`, `namespace`, `name` and `reconcileID` metadata.
    public func logger(_ logger: Logger) -> Self {
        with { $0.logger = logger }
    }

    /// Makes the controller with its reconcile function.
    public func build(reconcile: @escaping Controller<Primary>.Reconcile) -> Controller<Primary> {
        let settings = Settings(
            client: client,
            namespace: namespace,
            indexedLabelKeys: indexedLabelKeys,
            watcher: watcherConfiguration,
            clock: clock,
            logger: logger
        )
        let primary = Watcher<Primary>(
            client: client,
            namespace: namespace,
            labelSelector: labelSelector,
            store: Store(transform: primaryTransform, indexedLabelKeys: indexedLabelKeys),
            configuration: watcherConfiguration,
            clock: clock,
            logger: logger
        )
        let sources = [ControllerSource(watcher: primary, mapper: .primary)] + makeSources.map { $0(settings) }
        return Controller(
            name: name,
            client: client,
            store: primary.store,
            sources: sources,
            maxConcurrentReconciles: maxConcurrentReconciles,
            resyncPeriod: resyncPeriod,
            staleCacheRequeueDelay: staleCacheRequeueDelay,
            retryLimit: retryLimit,
            clock: clock,
            logger: logger,
            metrics: ControllerMetrics(controller: name, factory: metricsFactory),
            queueMetrics: WorkQueueMetrics(name: name, factory: metricsFactory),
            reconcile: reconcile
        )
    }

    // MARK: - Internals

    private func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }

    private func adding<Object: KubernetesObject>(
        _ type: Object.Type,
        labelSelector: String? = nil,
        transform: Store<Object>.Transform?,
        mapper: RequestMapper<Object>
    ) -> Self {
        with {
            $0.makeSources.append { settings in
                let watcher = Watcher<Object>(
                    client: settings.client,
                    namespace: settings.namespace,
                    labelSelector: labelSelector,
                    store: Store(transform: transform, indexedLabelKeys: settings.indexedLabelKeys),
                    configuration: settings.watcher.converted(),
                    clock: settings.clock,
                    logger: settings.logger
                )
                return ControllerSource(watcher: watcher, mapper: mapper)
            }
        }
    }
}

extension WatcherStateMachine.Configuration {
    /// The same settings for another kind.
    func converted<Other: KubernetesObject>() -> WatcherStateMachine<Other>.Configuration {
        WatcherStateMachine<Other>.Configuration(
            pageSize: pageSize,
            inactivityTimeout: inactivityTimeout,
            initialBackoff: initialBackoff,
            maximumBackoff: maximumBackoff,
            jitter: jitter,
            backoffResetAfter: backoffResetAfter,
            watchTimeoutSeconds: watchTimeoutSeconds
        )
    }
}
