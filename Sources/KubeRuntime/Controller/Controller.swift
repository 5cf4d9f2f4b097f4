import Foundation
import KubeClient
public import KubeCore
import Logging
public import ServiceLifecycle
import Synchronization

/// Reconciles objects of one primary kind: watches it and its related kinds, queues the keys of the primaries that
/// changed and runs a reconcile function over them with bounded concurrency.
///
/// Build one with ``ControllerBuilder`` (`for` a primary kind, `owns` children, `watches` other kinds). The
/// controller is the thin I/O owner of a ``WorkQueue`` and a ``ControllerSource`` per watched kind:
///
/// - Every change a watcher sees is mapped to primary requests (``RequestMapper``) and added to the queue.
/// - `maxConcurrentReconciles` workers take requests from the queue; a request is never processed by two workers at
///   once. Before reconciling, a worker checks that the primary's cache entry is fresh
///   (``Store/isFresh(_:)``): if one of our own writes to it has not been observed yet, the request is requeued
///   after `staleCacheRequeueDelay` instead of acting on an older state.
/// - ``ReconcileResult/done`` forgets the request's failures; ``ReconcileResult/requeue(after:)`` adds it again
///   after the delay (with a zero delay: rate-limited, like controller-runtime's `Requeue: true`); a thrown error is
///   logged and the request re-added with per-item exponential backoff, held to the controller's overall
///   ``retryLimit`` (see ``WorkQueue/addRateLimited(_:)``).
/// - Every `resyncPeriod` every cached primary is queued again (level-triggered recovery of anything missed).
///
/// Run it as a `Service` on its own (``run()``: caches and workers), or under a ``ControllerManager`` that runs the
/// caches always and the workers only while leading (``runCaches()``, ``runWorkers(while:)``).
///
/// On graceful shutdown the workers stop taking work and the reconciles in flight finish (the queue is shut down
/// and drained); the watchers stop at the same time, so a draining reconcile reads a cache that no longer moves.
/// On cancellation the reconciles in flight are cancelled too.
///
/// Each reconcile gets a logger with `controller`, `namespace`, `name` and `reconcileID` metadata and reports the
/// ``ControllerMetrics``; the queue reports ``WorkQueueMetrics`` under the controller's name.
///
/// Not modelled: predicates/event filters, sharing one watcher between controllers, and a freshness check on child
/// caches (a reconcile that writes children checks ``Store/getFresh(_:)`` on the child store itself).
public final class Controller<Primary: KubernetesObject>: ServiceLifecycle.Service, ManagedController, Sendable {
    /// The reconcile function: bring the world in line with the primary named by the request.
    public typealias Reconcile = @Sendable (ReconcileRequest, Context) async throws -> ReconcileResult

    /// The controller's name, in logs and metric labels.
    public let name: String
    /// The cache of the primary kind.
    public let store: Store<Primary>
    /// How many reconciles run at once.
    public let maxConcurrentReconciles: Int
    /// How often every cached primary is queued again; `nil` for never.
    public let resyncPeriod: Duration?
    /// How long to wait before retrying a request whose primary's cache has not caught up with our own write yet.
    public let staleCacheRequeueDelay: Duration
    /// The limit on retries of failed reconciles, all requests together; each run of the workers starts it full.
    public let retryLimit: RetryRateLimit

    private let client: KubeClient
    private let sources: [ControllerSource]
    private let reconcile: Reconcile
    private let clock: any Clock<Duration>
    private let logger: Logger
    private let metrics: ControllerMetrics
    private let queueMetrics: WorkQueueMetrics
    private let stores: [ObjectIdentifier: any Sendable]
    /// The queue of the current run of the workers, if any; sources add to it. The mutex protects it.
    private let currentQueue = Mutex<WorkQueue<ReconcileRequest>?>(nil)
    private let activeWorkers = Mutex(0)

    init(
        name: String,
        client: KubeClient,
        store: Store<Primary>,
        sources: [ControllerSource],
        maxConcurrentReconciles: Int,
        resyncPeriod: Duration?,
        staleCacheRequeueDelay: Duration,
        retryLimit: RetryRateLimit,
        clock: any Clock<Duration>,
        logger: Logger,
        metrics: ControllerMetrics,
        queueMetrics: WorkQueueMetrics,
        reconcile: @escaping Reconcile
    ) {
        self.name = name
        self.client = client
        self.store = store
        self.sources = sources
        self.maxConcurrentReconciles = max(1, maxConcurrentReconciles)
        self.resyncPeriod = resyncPeriod
        self.staleCacheRequeueDelay = staleCacheRequeueDelay
        self.retryLimit = retryLimit
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.queueMetrics = queueMetrics
        self.reconcile = reconcile
        var stores: [ObjectIdentifier: any Sendable] = [:]
        // The primary's own watcher comes first; a later source of the same kind (owns or watches) is its own cache.
        for source in sources.dropFirst() {
            stores[source.storeType] = source.store
        }
        self.stores = stores
        metrics.setMaxConcurrentReconciles(self.maxConcurrentReconciles)
        metrics.setActiveWorkers(0)
    }

    // MARK: - Readiness

    /// Whether every watched kind has been listed once.
    public var cachesSynced: Bool { sources.allSatisfy { $0.isSynced() } }

    /// Returns once every watched kind has been listed once, or when the calling task is cancelled.
    public func waitUntilCachesSynced() async {
        for source in sources { await source.waitUntilSynced() }
    }

    /// The cache of an owned or watched kind (see ``Context/store(for:)``), or `nil` if the controller does not
    /// watch `type`.
    public func store<Object: KubernetesObject>(for type: Object.Type) -> Store<Object>? {
        if let other = stores[ObjectIdentifier(type)] as? Store<Object> { return other }
        return store as? Store<Object>
    }

    // MARK: - Running

    /// Runs the caches and the workers until graceful shutdown (drains) or cancellation.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.runCaches() }
            await runWorkers()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// Runs every watcher, adding the requests their changes map to into the queue of the workers while they run
    /// (changes seen while no workers run are not queued: the workers queue every cached primary when they start).
    ///
    /// Returns on graceful shutdown or cancellation.
    public func runCaches() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask { try await source.run { [self] requests in await enqueue(requests) } }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `maxConcurrentReconciles` workers over a fresh queue until graceful shutdown (the queue is shut down and
    /// the reconciles in flight finish) or cancellation (they are cancelled).
    ///
    /// Waits for the caches to sync first, then queues every cached primary. A request taken while `isLeading`
    /// returns `false` is dropped without reconciling (a manager stops the workers when leadership is lost; this
    /// check closes the gap until it does).
    public func runWorkers(while isLeading: @escaping @Sendable () -> Bool = { true }) async {
        let queue = WorkQueue<ReconcileRequest>(clock: clock, retryLimit: retryLimit, metrics: queueMetrics)
        currentQueue.withLock { $0 = queue }
        defer { currentQueue.withLock { if $0 === queue { $0 = nil } } }
        await cancelWhenGracefulShutdown { await self.waitUntilCachesSynced() }
        guard !Task.isCancelled, !Task.isShuttingDownGracefully, cachesSynced else { return }
        for object in store.list() { await queue.add(ReconcileRequest(ObjectKey(object))) }
        logger.info("starting workers", metadata: ["controller": "\(name)", "workers": "\(maxConcurrentReconciles)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await queue.run() }
            if let resyncPeriod { group.addTask { await self.resync(every: resyncPeriod, into: queue) } }
            // Workers end when the queue shuts down (graceful shutdown, through `queue.run()`) once their current
            // reconcile finished, or when cancelled (their `get()` returns `nil`).
            await withTaskGroup(of: Void.self) { workers in
                for _ in 0..<maxConcurrentReconciles {
                    workers.addTask { await self.work(queue, while: isLeading) }
                }
            }
            await queue.shutDownWithDrain()
            group.cancelAll()
        }
        logger.info("workers stopped", metadata: ["controller": "\(name)"])
    }

    // MARK: - Internals

    private func enqueue(_ requests: [ReconcileRequest]) async {
        guard let queue = currentQueue.withLock({ $0 }) else { return }
        for request in requests { await queue.add(request) }
    }

    private func resync(every period: Duration, into queue: WorkQueue<ReconcileRequest>) async {
        let time = ElapsedClock(clock)
        while !Task.isCancelled {
            do { try await time.sleep(until: time.now + period) } catch { return }
            for object in store.list() { await queue.add(ReconcileRequest(ObjectKey(object))) }
        }
    }

    private func work(_ queue: WorkQueue<ReconcileRequest>, while isLeading: @Sendable () -> Bool) async {
        while !Task.isCancelled, let request = await queue.get() {
            if isLeading() {
                await process(request, queue)
            }
            await queue.done(request)
        }
    }

    private func process(_ request: ReconcileRequest, _ queue: WorkQueue<ReconcileRequest>) async {
        guard store.isFresh(request.key) else {
            logger.debug(
                "cache older than our last write; requeueing",
                metadata: ["controller": "\(name)", "object": "\(request)"]
            )
            await queue.add(request, after: staleCacheRequeueDelay)
            return
        }
        let reconcileID = UUID().uuidString
        var logger = self.logger
        logger[metadataKey: "controller"] = "\(name)"
        logger[metadataKey: "namespace"] = "\(request.namespace ?? "")"
        logger[metadataKey: "name"] = "\(request.name)"
        logger[metadataKey: "reconcileID"] = "\(reconcileID)"
        let context = Context(
            controller: name,
            store: store,
            client: client,
            logger: logger,
            reconcileID: reconcileID,
            stores: stores
        )
        metrics.setActiveWorkers(
            activeWorkers.withLock {
                $0 += 1; return $0
            }
        )
        defer {
            metrics.setActiveWorkers(
                activeWorkers.withLock {
                    $0 -= 1; return $0
                }
            )
        }
        let time = ElapsedClock(clock)
        logger.debug("reconciling")
        do {
            let result = try await reconcile(request, context)
            switch result {
            case .done:
                metrics.reconciled(.success, duration: time.now)
                await queue.forget(request)
            case .requeue(let delay) where delay <= .zero:
                metrics.reconciled(.requeue, duration: time.now)
                await queue.addRateLimited(request)
            case .requeue(let delay):
                metrics.reconciled(.requeueAfter, duration: time.now)
                await queue.forget(request)
                await queue.add(request, after: delay)
            }
        } catch {
            metrics.reconciled(.error, duration: time.now)
            if Task.isCancelled {
                logger.debug("reconcile cancelled", metadata: ["error": "\(error)"])
            } else {
                logger.error("reconciler error", metadata: ["error": "\(error)"])
            }
            await queue.addRateLimited(request)
        }
    }
}
