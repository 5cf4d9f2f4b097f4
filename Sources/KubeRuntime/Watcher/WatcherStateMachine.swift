public import KubeCore

/// The decisions of a list-then-watch loop, as a pure value: one `mutating func` per input, each returning the
/// ``Action`` its owner (the watcher's I/O loop) must execute.
///
/// ## Why a state machine
///
/// Watching is where controllers silently go wrong: a watch that ends must resume where it stopped, a
/// resourceVersion that is too old (`410 Gone`) must trigger a full relist, transient errors must back off without
/// hammering the API server, and — the most common real failure — a connection can stay open while delivering
/// nothing. kube-rs's watcher awaits I/O inside its transitions, which makes these rules hard to test. Here every
/// rule is a transition of a value type, tested by a table; the owner only performs I/O and feeds results back.
///
/// ## States
///
/// ```
///             start
///   initial ─────────▶ listing ──(last page)──▶ watching(rv) ──┐ event / bookmark: rv advances,
///                      ▲  │  ▲                   │  ▲  │  ▲     │ inactivity timer reset
///         more pages ──┘  │  │                   │  │  │  └─────┘
///                         │  └──── 410 Expired ──┘  │  │ watch ended cleanly / inactivity timeout:
///                         │                         │  │ watch again from rv, no backoff
///              list error │        watch error      │  └────────────────────────────┐
///                         ▼                         │                               │
///                      backoff(then: list) ◀────────┴──▶ backoff(then: watch(rv)) ───┘ backoff elapsed
/// ```
///
/// - **listing** pages through a consistent list (`resourceVersion` unset, `limit` = ``Configuration/pageSize``),
///   accumulating items. Only when the last page arrives does the owner replace its cache, all at once
///   (``Action/replaceCacheAndWatch(items:resourceVersion:watch:)``): a half-listed cache never becomes visible, and
///   objects deleted while the watcher was away disappear with the swap.
/// - **watching** remembers the resourceVersion of the last event or bookmark. A watch that ends cleanly (the
///   server's `timeoutSeconds` elapsed, a load balancer closed it) resumes from there at once. So does a watch that
///   stayed silent — no event and no bookmark — for longer than ``Configuration/inactivityTimeout``: the owner runs
///   a timer that every watch start, event and bookmark resets (``Action/resetInactivityTimer``), and reports
///   ``inactivityTimeout()`` when it fires. Watches ask for bookmarks, so a quiet but healthy watch is not silent.
/// - **410 Expired** (`resourceVersion too old`, during a watch or as an `ERROR` event) relists at once: no
///   resourceVersion we know is still served. An expired continue token during paging restarts the list.
/// - **backoff** follows any other failure: `0.8 s` doubling to `30 s`, plus up to the same again of random jitter
///   (client-go's reflector backoff and kube-rs's `default_backoff`). The exponent resets when the previous failure
///   lies more than ``Configuration/backoffResetAfter`` (2 minutes) back, i.e. after a stable period. A `429` with
///   `Retry-After` waits at least as long as the server asked.
///
/// Each watch asks the server to end it after a random `timeoutSeconds` between 5 and 10 minutes, like client-go, so
/// that many watchers restarted together do not reconnect in lockstep.
///
/// Randomness and time come in from outside (`random` in the initializer, `now` on the inputs that need it), so the
/// machine is deterministic under test. Inputs that do not fit the current state (a late event from a watch the
/// owner already abandoned) return ``Action/none``.
public struct WatcherStateMachine<Object: KubernetesObject>: Sendable {
    /// Tunables of the loop; the defaults are those of client-go and kube-rs.
    public struct Configuration: Sendable, Hashable {
        /// Items per list page (`limit`); `nil` lists in one request.
        public var pageSize: Int?
        /// How long a watch may stay silent before it is restarted.
        public var inactivityTimeout: Duration
        /// The first backoff delay.
        public var initialBackoff: Duration
        /// The longest backoff delay before jitter.
        public var maximumBackoff: Duration
        /// The jitter added to each delay, as a fraction of it: a delay `d` becomes `d + random * jitter * d`.
        public var jitter: Double
        /// A failure more than this long after the previous one starts the backoff over.
        public var backoffResetAfter: Duration
        /// The range of the watch `timeoutSeconds`, chosen at random for each watch.
        public var watchTimeoutSeconds: ClosedRange<Int>

        /// Makes a configuration.
        public init(
            pageSize: Int? = 500,
            inactivityTimeout: Duration = .seconds(300),
            initialBackoff: Duration = .milliseconds(800),
            maximumBackoff: Duration = .seconds(30),
            jitter: Double = 1.0,
            backoffResetAfter: Duration = .seconds(120),
            watchTimeoutSeconds: ClosedRange<Int> = 300...600
        ) {
            self.pageSize = pageSize
            self.inactivityTimeout = inactivityTimeout
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.jitter = jitter
            self.backoffResetAfter = backoffResetAfter
            self.watchTimeoutSeconds = watchTimeoutSeconds
        }
    }

    /// The parameters of one watch request.
    public struct WatchParameters: Sendable, Hashable {
        /// Resume after this resourceVersion.
        public var resourceVersion: String
        /// Ask the server to end the watch after this many seconds.
        public var timeoutSeconds: Int
        /// Always `true`: bookmarks keep the resourceVersion fresh and tell a quiet watch from a stalled one.
        public var allowWatchBookmarks: Bool
    }

    /// Why a list or watch failed, as far as the machine cares.
    public enum Failure: Sendable, Hashable {
        /// `410 Gone` / reason `Expired`: the resourceVersion or continue token is no longer served.
        case expired
        /// `429 Too Many Requests`, with the server's `Retry-After` if it sent one.
        case tooManyRequests(retryAfter: Duration?)
        /// Anything else: transport errors, `5xx`, decoding failures, unexpected `ERROR` events.
        case other
    }

    /// What the owner must do next.
    public enum Action: Sendable {
        /// Request a list page. `continue` is `nil` for the first page; `resourceVersion` is `nil` for a consistent
        /// (most recent) read.
        case list(continue: String?, resourceVersion: String?, limit: Int?)
        /// Replace the whole cache with `items` in one step, mark it synced at `resourceVersion`, then start a watch
        /// and its inactivity timer.
        case replaceCacheAndWatch(items: [Object], resourceVersion: String, watch: WatchParameters)
        /// Abandon any current watch and start a new one with these parameters, and (re)start its inactivity timer.
        case watch(WatchParameters)
        /// Apply an ADDED, MODIFIED or DELETED event to the cache and reset the inactivity timer.
        case apply(WatchEvent<Object>)
        /// Reset the inactivity timer (a bookmark arrived).
        case resetInactivityTimer
        /// Abandon any current list or watch, wait this long, then report ``backoffElapsed()``.
        case sleep(Duration)
        /// Nothing to do.
        case none
    }

    enum Resume: Sendable, Hashable {
        case list
        case watch(resourceVersion: String)
    }

    enum State: Sendable {
        case initial
        case listing(items: [Object], continue: String?)
        case watching(resourceVersion: String)
        case backingOff(then: Resume)
    }

    /// The configuration in force.
    public let configuration: Configuration
    private let random: @Sendable () -> Double
    private(set) var state: State = .initial
    /// How many failures in a row the backoff counts; the next delay is `initialBackoff * 2^failures`.
    private(set) var consecutiveFailures = 0
    private var lastFailure: Duration?

    /// Makes a machine in its initial state.
    /// - Parameters:
    ///   - configuration: The tunables.
    ///   - random: A source of numbers in `0..<1`, for jitter and watch timeouts.
    public init(
        configuration: Configuration = Configuration(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.random = random
    }

    /// The resourceVersion the next watch resumes from, once the first list has completed.
    public var resourceVersion: String? {
        switch state {
        case .watching(let resourceVersion), .backingOff(then: .watch(let resourceVersion)): resourceVersion
        case .initial, .listing, .backingOff(then: .list): nil
        }
    }

    // MARK: - Inputs

    /// The owner starts the loop: list everything.
    public mutating func start() -> Action {
        guard case .initial = state else { return .none }
        return beginList()
    }

    /// A list page arrived.
    /// - Parameters:
    ///   - items: The page's items.
    ///   - continue: The continue token; `nil` or empty on the last page.
    ///   - resourceVersion: The list's `metadata.resourceVersion`.
    public mutating func listPageReceived(items: [Object], continue token: String?, resourceVersion: String) -> Action {
        guard case .listing(var accumulated, _) = state else { return .none }
        accumulated.append(contentsOf: items)
        if let token, !token.isEmpty {
            state = .listing(items: accumulated, continue: token)
            return .list(continue: token, resourceVersion: nil, limit: configuration.pageSize)
        }
        state = .watching(resourceVersion: resourceVersion)
        return .replaceCacheAndWatch(
            items: accumulated,
            resourceVersion: resourceVersion,
            watch: watchParameters(resourceVersion)
        )
    }

    /// A list request failed.
    public mutating func listFailed(_ failure: Failure, now: Duration) -> Action {
        guard case .listing = state else { return .none }
        if failure == .expired {
            // Only a continue token can expire during a list: start over without one.
            return beginList()
        }
        return backOff(then: .list, failure: failure, now: now)
    }

    /// An event arrived on the current watch.
    ///
    /// The owner reports `ERROR` events whose status is `410` as ``watchFailed(_:now:)`` with ``Failure/expired``;
    /// an `ERROR` event passed here counts as ``Failure/other``.
    public mutating func watchEventReceived(_ event: WatchEvent<Object>, now: Duration) -> Action {
        guard case .watching(let current) = state else { return .none }
        let resourceVersion = event.object.metadata.resourceVersion ?? current
        switch event.type {
        case .added, .modified, .deleted:
            state = .watching(resourceVersion: resourceVersion)
            return .apply(event)
        case .bookmark:
            state = .watching(resourceVersion: resourceVersion)
            return .resetInactivityTimer
        case .error:
            return backOff(then: .watch(resourceVersion: current), failure: .other, now: now)
        }
    }

    /// The watch stream ended without an error (server-side timeout or a closed connection): watch again.
    public mutating func watchEnded() -> Action {
        guard case .watching(let resourceVersion) = state else { return .none }
        return .watch(watchParameters(resourceVersion))
    }

    /// The watch failed: relist on ``Failure/expired``, back off otherwise.
    public mutating func watchFailed(_ failure: Failure, now: Duration) -> Action {
        guard case .watching(let resourceVersion) = state else { return .none }
        if failure == .expired { return beginList() }
        return backOff(then: .watch(resourceVersion: resourceVersion), failure: failure, now: now)
    }

    /// The watch delivered nothing, not even a bookmark, for ``Configuration/inactivityTimeout``: restart it from the
    /// last resourceVersion.
    public mutating func inactivityTimeout() -> Action {
        guard case .watching(let resourceVersion) = state else { return .none }
        return .watch(watchParameters(resourceVersion))
    }

    /// The backoff sleep is over: resume what failed.
    public mutating func backoffElapsed() -> Action {
        guard case .backingOff(let resume) = state else { return .none }
        switch resume {
        case .list:
            return beginList()
        case .watch(let resourceVersion):
            state = .watching(resourceVersion: resourceVersion)
            return .watch(watchParameters(resourceVersion))
        }
    }

    // MARK: - Transitions

    private mutating func beginList() -> Action {
        state = .listing(items: [], continue: nil)
        return .list(continue: nil, resourceVersion: nil, limit: configuration.pageSize)
    }

    private mutating func backOff(then resume: Resume, failure: Failure, now: Duration) -> Action {
        if let lastFailure, now - lastFailure >= configuration.backoffResetAfter {
            consecutiveFailures = 0
        }
        lastFailure = now
        var delay = configuration.initialBackoff
        for _ in 0..<consecutiveFailures {
            delay *= 2
            if delay >= configuration.maximumBackoff { break }
        }
        delay = min(delay, configuration.maximumBackoff)
        consecutiveFailures += 1
        delay += delay * (random() * configuration.jitter)
        if case .tooManyRequests(let retryAfter?) = failure {
            delay = max(delay, retryAfter)
        }
        state = .backingOff(then: resume)
        return .sleep(delay)
    }

    private func watchParameters(_ resourceVersion: String) -> WatchParameters {
        let range = configuration.watchTimeoutSeconds
        let span = Double(range.upperBound - range.lowerBound + 1)
        let timeout = range.lowerBound + min(Int(random() * span), range.upperBound - range.lowerBound)
        return WatchParameters(resourceVersion: resourceVersion, timeoutSeconds: timeout, allowWatchBookmarks: true)
    }
}
