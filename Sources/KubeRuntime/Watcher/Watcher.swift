public import KubeClient
public import KubeCore
public import Logging
public import ServiceLifecycle
import Synchronization

/// The list-then-watch loop for one kind: executes ``WatcherStateMachine`` actions against a `KubeClient` and keeps
/// a ``Store`` in step with the API server.
///
/// The watcher is the thin I/O owner of the pure machine. It
/// - lists in pages (`limit`/`continue`, no resourceVersion: a consistent read), applies the store's transform to
///   each page as it arrives and, after the last page, replaces the store in one step and reports
///   ``Event/replaced(_:)`` with the objects as stored (each watch event's object, too, is reported as stored);
/// - watches from the last resourceVersion with bookmarks and a random `timeoutSeconds`, applying each `ADDED`,
///   `MODIFIED` and `DELETED` event to the store and reporting it as ``Event/applied(_:)``;
/// - maps failures for the machine: `KubeError.code == .expired` (`410 Gone`, also as an `ERROR` event) relists,
///   `.tooManyRequests` backs off for at least its `Retry-After`, anything else backs off with jitter;
/// - sleeps for backoff on the injected clock;
/// - abandons a watch that has delivered nothing (no event, no bookmark) for longer than
///   ``WatcherStateMachine/Configuration/inactivityTimeout`` and watches again from the last resourceVersion: a
///   watchdog child task sleeps until the last activity plus the timeout and races the task consuming the stream.
///
/// It is a swift-service-lifecycle `Service`: ``run()`` loops until its task is cancelled or a graceful shutdown
/// begins, then finishes ``events``. All its tasks are structured children of ``run()``. Run it once.
///
/// ``events`` is optional to consume. Its buffer is bounded (the initializer's `eventBufferSize`); when the
/// consumer falls behind, the oldest undelivered events are dropped. The ``store`` is
/// the source of truth: a consumer that enqueues keys for a level-triggered reconcile loses nothing it cannot
/// recover with a periodic resync from the store.
///
/// `labelSelector` and `fieldSelector` restrict both the list and the watch, so the store holds only matching
/// objects; the server sends `DELETED` for an object that stops matching and `ADDED` for one that starts to. For
/// kinds where only metadata matters, `Watcher(metadataOnly: ConfigMap.resource, client: client)` makes a
/// `Watcher<PartialObjectMetadata>` that lists and watches any resource as ``KubeCore/PartialObjectMetadata``.
public final class Watcher<Object: KubernetesObject>: ServiceLifecycle.Service, Sendable {
    /// A change the watcher made to its store.
    public enum Event: Sendable {
        /// A watch event (`ADDED`, `MODIFIED` or `DELETED`) was applied; its object as stored (the store's transform
        /// applied).
        case applied(WatchEvent<Object>)
        /// A full list replaced the whole store with these objects, as stored (the store's transform applied).
        case replaced([Object])
    }

    /// The cache the watcher fills.
    public let store: Store<Object>
    /// The changes applied to ``store``, for one consumer; finished when ``run()`` returns.
    public let events: AsyncStream<Event>

    /// How the watcher lists a page and opens a watch: the typed verbs, or the metadata-only ones.
    struct Requests: Sendable {
        var list: @Sendable (ListOptions) async throws -> ObjectList<Object>
        var watch: @Sendable (WatchOptions) async throws -> WatchStream<Object>
    }

    private let continuation: AsyncStream<Event>.Continuation
    private let requests: Requests
    private let labelSelector: String?
    private let fieldSelector: String?
    private let configuration: WatcherStateMachine<Object>.Configuration
    private let clock: any Clock<Duration>
    private let random: @Sendable () -> Double
    private let logger: Logger

    /// Makes a watcher; nothing happens until ``run()``.
    /// - Parameters:
    ///   - client: The client to list and watch with.
    ///   - namespace: The namespace to watch; `nil` for all namespaces.
    ///   - labelSelector: Only objects whose labels match, e.g. `app=web,tier!=db`; `nil` for all.
    ///   - fieldSelector: Only objects whose fields match, e.g. `metadata.name=web`; `nil` for all.
    ///   - store: The cache to fill.
    ///   - configuration: Page size, inactivity timeout, backoff and watch timeouts.
    ///   - clock: The clock for backoff sleeps and the inactivity timeout.
    ///   - eventBufferSize: How many undelivered ``Event``s ``events`` keeps (the newest win).
    ///   - random: A source of numbers in `0..<1`, for jitter and watch timeouts.
    ///   - logger: The logger.
    public convenience init(
        client: KubeClient,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        store: Store<Object> = Store(),
        configuration: WatcherStateMachine<Object>.Configuration = .init(),
        clock: any Clock<Duration> = ContinuousClock(),
        eventBufferSize: Int = 1024,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "kube-runtime.watcher")
    ) {
        let requests = Requests(
            list: { options in try await client.list(Object.self, namespace: namespace, options: options) },
            watch: { options in try await client.watch(Object.self, namespace: namespace, options: options) }
        )
        self.init(
            requests: requests,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            store: store,
            configuration: configuration,
            clock: clock,
            eventBufferSize: eventBufferSize,
            random: random,
            logger: logger
        )
    }

    /// The designated initializer: the public ones choose how to list and watch.
    init(
        requests: Requests,
        labelSelector: String?,
        fieldSelector: String?,
        store: Store<Object>,
        configuration: WatcherStateMachine<Object>.Configuration,
        clock: any Clock<Duration>,
        eventBufferSize: Int,
        random: @escaping @Sendable () -> Double,
        logger: Logger
    ) {
        self.requests = requests
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.random = random
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(
            of: Event.self,
            bufferingPolicy: .bufferingNewest(eventBufferSize)
        )
    }

    /// Lists and watches until the task is cancelled or a graceful shutdown begins.
    public func run() async throws {
        defer { continuation.finish() }
        await cancelWhenGracefulShutdown { [self] in
            await runLoop()
        }
    }

    // MARK: - The loop

    private func runLoop() async {
        let time = ElapsedClock(clock)
        let loop = LoopState(machine: WatcherStateMachine(configuration: configuration, random: random))
        var action = loop.withLock { $0.machine.start() }
        while !Task.isCancelled {
            if case .replaceCacheAndWatch = action {
                // Outside the `switch`, so that no binding of the listed objects lives on through the watch, which
                // runs for minutes: the store keeps its own (possibly transformed) copies, and holding the raw list
                // that long would undo `Store.dropManagedFields` (measured in docs/benchmarks.md).
                let parameters = replaceCache(taking: &action)
                action = await watch(parameters, loop, time)
                continue
            }
            switch action {
            case .list(let token, let resourceVersion, let limit):
                if token == nil { store.relistStarted() }
                action = await list(continue: token, resourceVersion: resourceVersion, limit: limit, loop, time)
            case .replaceCacheAndWatch:
                preconditionFailure("handled before the switch")
            case .watch(let parameters):
                action = await watch(parameters, loop, time)
            case .apply(let event):
                apply(event)
                action = .none
            case .sleep(let delay):
                logger.debug("backing off for \(delay)")
                do { try await time.sleep(until: time.now + delay) } catch { return }
                action = loop.withLock { $0.machine.backoffElapsed() }
            case .resetInactivityTimer, .none:
                // Only a cancelled watch or list yields no action; if the task was not cancelled after all, resume
                // whatever the machine's state says (a watch from the last resourceVersion, or the pending backoff).
                action = loop.withLock { state in
                    let watch = state.machine.inactivityTimeout()
                    if case .none = watch { return state.machine.backoffElapsed() }
                    return watch
                }
                if case .none = action { return }
            }
        }
    }

    /// Replaces the store with a `.replaceCacheAndWatch` action's items, reports them, clears the action and
    /// returns the watch to start.
    private func replaceCache(
        taking action: inout WatcherStateMachine<Object>.Action
    ) -> WatcherStateMachine<Object>.WatchParameters {
        guard case .replaceCacheAndWatch(let items, let resourceVersion, let parameters) = action else {
            preconditionFailure("replaceCache(taking:) needs a replaceCacheAndWatch action")
        }
        action = .none
        store.replace(transformed: items, resourceVersion: resourceVersion)
        continuation.yield(.replaced(items))
        logger.debug("listed \(items.count) objects at resourceVersion \(resourceVersion)")
        return parameters
    }

    private func list(
        continue token: String?,
        resourceVersion: String?,
        limit: Int?,
        _ loop: LoopState<Object>,
        _ time: ElapsedClock
    ) async -> WatcherStateMachine<Object>.Action {
        do {
            let options = ListOptions(
                labelSelector: labelSelector,
                fieldSelector: fieldSelector,
                limit: limit,
                continue: token,
                resourceVersion: resourceVersion
            )
            let page = try await requests.list(options)
            // Transformed page by page: a relist of thousands of objects then holds their stored form (e.g. an
            // `AppliedObject` summary) until the last page, not every page as received.
            let items = store.transformed(page.items)
            return loop.withLock { state in
                state.machine.listPageReceived(
                    items: items,
                    continue: page.metadata.continue,
                    resourceVersion: page.metadata.resourceVersion ?? ""
                )
            }
        } catch {
            if Task.isCancelled { return .none }
            logger.debug("list failed: \(error)")
            let failure = Self.failure(for: error)
            return loop.withLock { $0.machine.listFailed(failure, now: time.now) }
        }
    }

    /// Runs one watch until it ends, fails or stays silent too long; returns the machine's next action.
    private func watch(
        _ parameters: WatcherStateMachine<Object>.WatchParameters,
        _ loop: LoopState<Object>,
        _ time: ElapsedClock
    ) async -> WatcherStateMachine<Object>.Action {
        loop.withLock { state in
            state.lastActivity = time.now
            state.finished = false
        }
        let timeout = configuration.inactivityTimeout
        return await withTaskGroup(of: WatcherStateMachine<Object>.Action?.self) { group in
            group.addTask { [self] in
                await consumeWatch(parameters, loop, time)
            }
            group.addTask {
                while true {
                    let deadline = loop.withLock { $0.lastActivity } + timeout
                    do { try await time.sleep(until: deadline) } catch { return nil }
                    let next: WatcherStateMachine<Object>.Action? = loop.withLock { state in
                        guard !state.finished, time.now >= state.lastActivity + timeout else { return nil }
                        state.finished = true
                        return state.machine.inactivityTimeout()
                    }
                    if let next { return next }
                    if loop.withLock({ $0.finished }) { return nil }
                }
            }
            var result: WatcherStateMachine<Object>.Action = .none
            while let next = await group.next() {
                if let next {
                    result = next
                    break
                }
            }
            group.cancelAll()
            if case .watch = result { logger.debug("restarting a watch") }
            return result
        }
    }

    /// Consumes one watch stream, applying events; returns the next action once the stream ends or fails, or `nil`
    /// when the watchdog decided first (or the task was cancelled).
    private func consumeWatch(
        _ parameters: WatcherStateMachine<Object>.WatchParameters,
        _ loop: LoopState<Object>,
        _ time: ElapsedClock
    ) async -> WatcherStateMachine<Object>.Action? {
        let options = WatchOptions(
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            resourceVersion: parameters.resourceVersion,
            timeoutSeconds: parameters.timeoutSeconds,
            allowWatchBookmarks: parameters.allowWatchBookmarks
        )
        do {
            let stream = try await requests.watch(options)
            for try await event in stream {
                let next: WatcherStateMachine<Object>.Action? = loop.withLock { state in
                    guard !state.finished else { return nil }
                    state.lastActivity = time.now
                    let action = state.machine.watchEventReceived(event, now: time.now)
                    switch action {
                    case .apply, .resetInactivityTimer, .none: break
                    case .list, .replaceCacheAndWatch, .watch, .sleep: state.finished = true
                    }
                    return action
                }
                guard let next else { return nil }
                switch next {
                case .apply(let event): apply(event)
                case .resetInactivityTimer:
                    if event.type == .bookmark { store.apply(event) }
                case .none: break
                case .list, .replaceCacheAndWatch, .watch, .sleep: return next
                }
            }
            return loop.withLock { state in
                guard !state.finished else { return nil }
                state.finished = true
                return state.machine.watchEnded()
            }
        } catch {
            if Task.isCancelled { return nil }
            logger.debug("watch failed: \(error)")
            let failure = Self.failure(for: error)
            return loop.withLock { state in
                guard !state.finished else { return nil }
                state.finished = true
                return state.machine.watchFailed(failure, now: time.now)
            }
        }
    }

    private func apply(_ event: WatchEvent<Object>) {
        let stored = store.transformed(event)
        store.apply(transformed: stored)
        continuation.yield(.applied(stored))
    }

    /// Maps a list or watch error to what the state machine distinguishes.
    package static func failure(for error: any Error) -> WatcherStateMachine<Object>.Failure {
        guard let error = error as? KubeError else { return .other }
        if error.code == .expired { return .expired }
        if error.code == .tooManyRequests { return .tooManyRequests(retryAfter: error.retryAfter) }
        return .other
    }
}

/// The state shared by the loop, the task consuming a watch and its watchdog; the mutex protects it.
private final class LoopState<Object: KubernetesObject>: Sendable {
    struct Value: Sendable {
        var machine: WatcherStateMachine<Object>
        /// When the current watch last started or delivered an event or bookmark.
        var lastActivity: Duration = .zero
        /// Whether the current watch's outcome has been decided; later inputs from it are ignored.
        var finished = false
    }

    private let mutex: Mutex<Value>

    init(machine: WatcherStateMachine<Object>) { mutex = Mutex(Value(machine: machine)) }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
