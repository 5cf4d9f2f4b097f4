import DequeModule
import Metrics
public import ServiceLifecycle

/// A deduplicating, rate-limited, delaying queue of work items shared by a controller's workers.
///
/// The semantics are those of client-go's `workqueue` as controller-runtime uses it:
///
/// - **Dedup.** An item waiting in the queue is queued once however often it is added.
/// - **One worker per item.** An item handed out by ``get()`` is *processing* until ``done(_:)``. Adding it meanwhile
///   marks it *dirty*; ``done(_:)`` then queues it once more, so the change is seen by a later pass and never by two
///   workers at once.
/// - **Delays.** ``add(_:after:)`` queues an item later; of several pending delays the earliest wins.
/// - **Backoff.** ``addRateLimited(_:)`` delays by the item's own exponential backoff (5 ms doubling to 1000 s by
///   default, see ``ItemExponentialBackoff``) or by the queue's overall limit on retries (10 a second after a burst
///   of 100 by default, see ``RetryRateLimit``), whichever is later, as controller-runtime's default rate limiter
///   does; ``forget(_:)`` after a success resets the item's backoff. Two differences from
///   client-go keep a burst of failures (say, conflicts while another writer triggers reconcile after reconcile) from
///   turning a rollout's 30-second pause into a 1000-second stall: a failure of a pass that an event started before
///   the item's retry was due keeps that retry and does not count as one more failure (only retries double the
///   delay), and a failure's backoff never delays an item past a recheck asked for with ``add(_:after:)`` that has
///   not happened yet.
/// - **Shutdown.** ``shutDown()`` stops handing out items: waiting ``get()`` calls return `nil` and adds are ignored.
///   Unlike client-go, items still queued are dropped rather than handed out (reconciles are level-triggered; the
///   next start lists everything again). ``shutDownWithDrain()`` also waits for items being processed.
///
/// Time comes from the injected clock. Delayed items become ready whenever the queue is used after their deadline;
/// to wake workers suspended in ``get()`` at the deadline, ``run()`` must be running, e.g. as a `Service` in the
/// controller's task group. Bounded concurrency is the owner's: it runs `maxConcurrentReconciles` workers, each
/// looping over ``get()`` and ``done(_:)``.
public actor WorkQueue<Item: Hashable & Sendable>: Service {
    private let clock: ElapsedClock
    private let metrics: WorkQueueMetrics?
    private var backoff: ItemExponentialBackoff<Item>
    private var retryLimit: RetryRateLimit

    /// Items ready to hand out, in order.
    private var queue: Deque<Item> = []
    /// Items that need processing: those in `queue` and those re-added while processing.
    private var dirty: Set<Item> = []
    /// Items handed out and not yet done, with the time they were handed out.
    private var processing: [Item: Duration] = [:]
    /// When each queued item was queued, for `workqueue_queue_duration_seconds`.
    private var queuedAt: [Item: Duration] = [:]
    /// Delayed items and the time they become ready.
    private var delayed: [Item: Duration] = [:]
    /// The earliest pending recheck of each item asked for with ``add(_:after:)``, kept until the item is handed out
    /// at or after it: the latest time ``addRateLimited(_:)`` may delay the item to.
    private var rechecks: [Item: Duration] = [:]
    /// When each failed item's retry is due (set by ``addRateLimited(_:)``, cleared by ``forget(_:)``).
    private var retries: [Item: Duration] = [:]

    /// Whether ``shutDown()`` or ``shutDownWithDrain()`` was called.
    public private(set) var isShuttingDown = false

    private let getWaiters = WaiterQueue<Item>()
    private let drainWaiters = WaiterQueue<Void>()
    private let wakeUp = WakeSignal()

    /// Makes a queue.
    /// - Parameters:
    ///   - clock: The source of time for delays, backoff and metrics.
    ///   - backoff: The per-item failure backoff used by ``addRateLimited(_:)``.
    ///   - retryLimit: The limit on retries of all items together used by ``addRateLimited(_:)``.
    ///   - metrics: Where to report the upstream workqueue metrics; `nil` reports none.
    public init(
        clock: any Clock<Duration> = ContinuousClock(),
        backoff: ItemExponentialBackoff<Item> = ItemExponentialBackoff(),
        retryLimit: RetryRateLimit = RetryRateLimit(),
        metrics: WorkQueueMetrics? = nil
    ) {
        self.clock = ElapsedClock(clock)
        self.backoff = backoff
        self.retryLimit = retryLimit
        self.metrics = metrics
    }

    /// The number of items ready to hand out (not counting delayed or processing items), like client-go's `Len`.
    public var len: Int {
        promoteDueItems()
        return queue.count
    }

    /// How many failures of `item` the backoff remembers.
    public func numRequeues(_ item: Item) -> Int {
        backoff.numRequeues(item)
    }

    /// Queues `item` unless it is already queued; an item being processed is queued again once it is done.
    public func add(_ item: Item) {
        guard !isShuttingDown else { return }
        metrics?.adds.increment()
        guard dirty.insert(item).inserted else { return }
        guard processing[item] == nil else { return }
        enqueue(item)
        handOutReadyItems()
    }

    /// Queues `item` once `delay` has passed; if it is already waiting for an earlier time, that time wins.
    ///
    /// The time is also remembered as a recheck: until the item is handed out at or after it, a failure's backoff
    /// (``addRateLimited(_:)``) does not delay the item beyond it.
    public func add(_ item: Item, after delay: Duration) {
        guard !isShuttingDown else { return }
        guard delay > .zero else { return add(item) }
        let deadline = clock.now + delay
        rechecks[item] = min(rechecks[item] ?? deadline, deadline)
        schedule(item, at: deadline)
    }

    /// Queues `item` after its next backoff delay or the overall retry limit's delay, whichever is later, counting
    /// one more failure, or at its pending recheck if that comes first; when the item's previous retry is not yet
    /// due, at that retry without counting a failure or taking from the overall limit.
    /// Each call counts in `workqueue_retries_total`.
    public func addRateLimited(_ item: Item) {
        guard !isShuttingDown else { return }
        metrics?.retries.increment()
        let now = clock.now
        var deadline: Duration
        if let retry = retries[item], now < retry {
            // An event started this pass before the retry was due: the retry stands, the failure is not counted.
            deadline = retry
        } else {
            deadline = now + max(backoff.nextDelay(for: item), retryLimit.reserve(now: now))
            retries[item] = deadline
        }
        if let recheck = rechecks[item] { deadline = min(deadline, recheck) }
        guard deadline > clock.now else { return add(item) }
        schedule(item, at: deadline)
    }

    private func schedule(_ item: Item, at deadline: Duration) {
        if let existing = delayed[item], existing <= deadline { return }
        delayed[item] = deadline
        wakeUp.signal()
    }

    /// Forgets the failures of `item`, e.g. after a successful reconcile, so its next failure backs off from the start.
    public func forget(_ item: Item) {
        backoff.forget(item)
        retries[item] = nil
    }

    /// Hands out the next ready item, suspending until there is one.
    ///
    /// The caller must call ``done(_:)`` with the item when it has finished, whatever the outcome.
    /// - Returns: The item, or `nil` once the queue is shutting down or the calling task is cancelled.
    public func get() async -> Item? {
        promoteDueItems()
        guard !isShuttingDown else { return nil }
        if let item = takeFirst() { return item }
        return await getWaiters.wait()
    }

    /// Marks `item` as finished; if it was added while processing, it is queued again.
    public func done(_ item: Item) {
        guard let started = processing.removeValue(forKey: item) else { return }
        metrics?.workDuration.record((clock.now - started).seconds)
        if dirty.contains(item), !isShuttingDown {
            enqueue(item)
            handOutReadyItems()
        }
        if processing.isEmpty { drainWaiters.resumeAll(()) }
        updateGauges()
    }

    /// Stops handing out items and ignores new ones; waiting ``get()`` calls return `nil`.
    public func shutDown() {
        guard !isShuttingDown else { return }
        isShuttingDown = true
        queue.removeAll()
        queuedAt.removeAll()
        delayed.removeAll()
        rechecks.removeAll()
        retries.removeAll()
        dirty.subtract(dirty.subtracting(processing.keys))
        getWaiters.resumeAll(nil)
        wakeUp.signal()
        updateGauges()
    }

    /// Shuts down like ``shutDown()`` and then waits until every item handed out has been marked done.
    ///
    /// Returns early if the calling task is cancelled; callers bound the drain with a deadline that way.
    public func shutDownWithDrain() async {
        shutDown()
        while !processing.isEmpty {
            guard await drainWaiters.wait() != nil else { return }
        }
    }

    /// Makes delayed items ready at their deadlines, waking workers suspended in ``get()``, until shutdown.
    ///
    /// A graceful shutdown of the surrounding `ServiceGroup` shuts the queue down (without draining: the controller
    /// that owns the queue drains it first if it wants to); cancellation ends the loop.
    public func run() async throws {
        let wakeUp = self.wakeUp
        await withGracefulShutdownHandler {
            await runDelayLoop()
        } onGracefulShutdown: {
            wakeUp.signal()
        }
    }

    private func runDelayLoop() async {
        while !isShuttingDown, !Task.isCancelled {
            if Task.isShuttingDownGracefully {
                shutDown()
                return
            }
            promoteDueItems()
            guard let deadline = delayed.values.min() else {
                await wakeUp.wait()
                continue
            }
            let clock = self.clock
            let wakeUp = self.wakeUp
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await clock.sleep(until: deadline) }
                group.addTask { await wakeUp.wait() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    // MARK: - Internals

    private func enqueue(_ item: Item) {
        queue.append(item)
        queuedAt[item] = clock.now
        updateGauges()
    }

    private func takeFirst() -> Item? {
        guard let item = queue.popFirst() else { return nil }
        let now = clock.now
        dirty.remove(item)
        processing[item] = now
        if let recheck = rechecks[item], recheck <= now { rechecks[item] = nil }
        if let queued = queuedAt.removeValue(forKey: item) {
            metrics?.queueDuration.record((now - queued).seconds)
        }
        updateGauges()
        return item
    }

    private func handOutReadyItems() {
        while !queue.isEmpty {
            var handedOut = false
            getWaiters.resumeFirst {
                handedOut = true
                // The queue is not empty and nothing else runs on the actor meanwhile.
                return takeFirst()!
            }
            if !handedOut { return }
        }
    }

    private func promoteDueItems() {
        guard !delayed.isEmpty else { return }
        let now = clock.now
        let due = delayed.filter { $0.value <= now }.sorted { $0.value < $1.value }
        for (item, _) in due {
            delayed[item] = nil
            add(item)
        }
    }

    private func updateGauges() {
        guard let metrics else { return }
        metrics.depth.record(queue.count)
        let now = clock.now
        let ages = processing.values.map { (now - $0).seconds }
        metrics.unfinishedWork.record(ages.reduce(0, +))
        metrics.longestRunningProcessor.record(ages.max() ?? 0)
    }
}
