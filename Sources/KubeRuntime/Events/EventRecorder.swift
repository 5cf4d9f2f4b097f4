public import Foundation
public import KubeClient
public import KubeCore
public import Logging
public import ServiceLifecycle

/// Records events.k8s.io/v1 events for controllers: the thin I/O owner of an ``EventAggregator``, like client-go's
/// `tools/events` `EventBroadcaster` and `EventRecorder` in one.
///
/// Callers (reconcilers) call ``record(_:reason:action:note:regarding:related:)``, which never blocks, never fails
/// and never throws: the occurrence is stamped with the current wall time and put into a bounded buffer
/// (``Configuration/bufferSize``, client-go's 1000); when the buffer is full the new occurrence is dropped, as
/// client-go's broadcaster does (`DropIfChannelFull`). Run the recorder as a `ServiceLifecycle.Service`: ``run()``
/// takes occurrences from the buffer, asks the aggregator what to write and writes it through ``KubeClient`` one
/// request at a time, and every ``Configuration/tickInterval`` lets the aggregator finish and refresh series.
///
/// Writes: a new event is created (`POST`); a series is written as a JSON merge patch of `series` alone; a series
/// patch that finds no event (it expired on the server) creates the whole event instead. Transport errors, 5xx, 429
/// and timeouts are retried up to ``Configuration/maximumAttempts`` times ``Configuration/retryInterval`` apart
/// (±25 % jitter; client-go: 12 tries, 10 s); other rejections (invalid, forbidden, already exists for a new event)
/// are logged and the event abandoned. Errors are logged, never thrown to callers. While one write is retried, new
/// occurrences wait in the buffer and overflow is dropped: during an API outage events are lost rather than piling
/// up.
///
/// Shutdown: on graceful shutdown the recorder stops accepting occurrences, writes those already buffered, writes
/// every series count not yet written (``EventAggregator/flush(now:)``) and returns. Cancellation stops at once.
/// Run it once.
public final class EventRecorder: ServiceLifecycle.Service, Sendable {
    /// Identity, windows, limits, buffer and retries.
    public struct Configuration: Sendable, Hashable {
        /// The aggregator's identity, windows, rate limit and cache size.
        public var aggregator: EventAggregator.Configuration
        /// The most occurrences waiting to be processed (client-go: 1000).
        public var bufferSize: Int
        /// How often series are finished and refreshed.
        public var tickInterval: Duration
        /// The most attempts per write (client-go: 12).
        public var maximumAttempts: Int
        /// The pause between attempts, jittered by ±25 % (client-go: 10 s).
        public var retryInterval: Duration

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - aggregator: The aggregator's configuration.
        ///   - bufferSize: The most occurrences waiting to be processed.
        ///   - tickInterval: How often series are finished and refreshed.
        ///   - maximumAttempts: The most attempts per write.
        ///   - retryInterval: The pause between attempts.
        public init(
            aggregator: EventAggregator.Configuration,
            bufferSize: Int = 1000,
            tickInterval: Duration = .seconds(60),
            maximumAttempts: Int = 12,
            retryInterval: Duration = .seconds(10)
        ) {
            self.aggregator = aggregator
            self.bufferSize = bufferSize
            self.tickInterval = tickInterval
            self.maximumAttempts = maximumAttempts
            self.retryInterval = retryInterval
        }
    }

    private enum Input: Sendable {
        case occurrence(EventOccurrence, Date)
        case tick
    }

    /// The configuration.
    public let configuration: Configuration
    private let client: KubeClient
    private let clock: any Clock<Duration>
    private let wallClock: @Sendable () -> Date
    private let logger: Logger
    private let inputs: AsyncStream<Input>
    private let continuation: AsyncStream<Input>.Continuation

    /// Creates a recorder; nothing is written until ``run()`` runs.
    ///
    /// - Parameters:
    ///   - client: The API client that writes the events.
    ///   - configuration: Identity, windows, limits, buffer and retries.
    ///   - clock: The clock for ticks and retry pauses.
    ///   - wallClock: The wall-clock time stamped into events; `Date()` by default.
    ///   - logger: Where write failures are logged.
    public init(
        client: KubeClient,
        configuration: Configuration,
        clock: any Clock<Duration> = ContinuousClock(),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "event-recorder")
    ) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.wallClock = wallClock
        self.logger = logger
        (inputs, continuation) = AsyncStream.makeStream(
            of: Input.self,
            bufferingPolicy: .bufferingOldest(max(1, configuration.bufferSize))
        )
    }

    /// Records an event about `regarding`; returns at once.
    ///
    /// - Parameters:
    ///   - type: `Normal` or `Warning`.
    ///   - reason: Why, in CamelCase, e.g. `RolloutStarted`.
    ///   - action: What was done or failed, e.g. `Reconciling`.
    ///   - note: A human-readable description (truncated to 1 kB).
    ///   - regarding: The object the event is about.
    ///   - related: A second object involved.
    public func record(
        _ type: EventType,
        reason: String,
        action: String,
        note: String? = nil,
        regarding: ObjectReference,
        related: ObjectReference? = nil
    ) {
        record(
            EventOccurrence(
                type: type,
                reason: reason,
                action: action,
                note: note,
                regarding: regarding,
                related: related
            )
        )
    }

    /// Records an event about `object`; returns at once.
    ///
    /// - Parameters:
    ///   - type: `Normal` or `Warning`.
    ///   - reason: Why, in CamelCase, e.g. `RolloutStarted`.
    ///   - action: What was done or failed, e.g. `Reconciling`.
    ///   - note: A human-readable description (truncated to 1 kB).
    ///   - object: The object the event is about.
    public func record<Object: KubernetesObject>(
        _ type: EventType,
        reason: String,
        action: String,
        note: String? = nil,
        about object: Object
    ) {
        record(type, reason: reason, action: action, note: note, regarding: ObjectReference(referencing: object))
    }

    /// Records an occurrence; returns at once. Dropped when the buffer is full or the recorder has stopped.
    ///
    /// - Parameter occurrence: What happened.
    public func record(_ occurrence: EventOccurrence) {
        if case .dropped = continuation.yield(.occurrence(occurrence, wallClock())) {
            logger.debug(
                "event dropped: buffer full or recorder stopped",
                metadata: ["reason": "\(occurrence.reason)", "name": "\(occurrence.regarding.name ?? "")"]
            )
        }
    }

    /// Processes occurrences until graceful shutdown (then drains and flushes) or cancellation; never throws.
    public func run() async throws {
        let elapsed = ElapsedClock(clock)
        var aggregator = EventAggregator(configuration: configuration.aggregator)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [continuation, configuration] in
                var next = elapsed.now
                while true {
                    next += configuration.tickInterval
                    do { try await elapsed.sleep(until: next) } catch { return }
                    continuation.yield(.tick)
                }
            }
            await withGracefulShutdownHandler {
                for await input in inputs {
                    let actions: [EventAggregator.Action]
                    switch input {
                    case .occurrence(let occurrence, let time):
                        actions = [aggregator.record(occurrence, now: time)]
                    case .tick:
                        actions = aggregator.tick(now: wallClock())
                    }
                    for action in actions { await perform(action, elapsed: elapsed) }
                }
            } onGracefulShutdown: { [continuation] in
                continuation.finish()
            }
            group.cancelAll()
        }
        continuation.finish()
        guard !Task.isCancelled else { return }
        for action in aggregator.flush(now: wallClock()) { await perform(action, elapsed: elapsed) }
    }

    private func perform(_ action: EventAggregator.Action, elapsed: ElapsedClock) async {
        switch action {
        case .create(let event):
            await write(event, elapsed: elapsed) { [client] in
                _ = try await client.create(event)
            }
        case .patchSeries(let event):
            guard let series = event.series, let name = event.metadata.name else { return }
            let patch: JSONValue
            do {
                patch = .object(["series": try JSONValue(encoding: series)])
            } catch {
                logger.error("event series not encodable", metadata: ["error": "\(error)"])
                return
            }
            await write(event, elapsed: elapsed) { [client] in
                do {
                    _ = try await client.patch(
                        Event.self,
                        name: name,
                        namespace: event.metadata.namespace,
                        patch: .merge(patch)
                    )
                } catch let error as KubeError where error.code == .notFound {
                    var recreated = event
                    recreated.metadata.resourceVersion = nil
                    do {
                        _ = try await client.create(recreated)
                    } catch let error as KubeError where error.code == .alreadyExists {
                        // Created meanwhile (client-go: safe to retry, the next attempt patches it).
                        throw RetryableWriteError(underlying: error)
                    }
                }
            }
        case .aggregated, .dropped:
            return
        }
    }

    /// Why a write that the API rejected is retried anyway.
    private struct RetryableWriteError: Error {
        var underlying: KubeError
    }

    private func write(
        _ event: Event,
        elapsed: ElapsedClock,
        _ body: @Sendable () async throws -> Void
    ) async {
        var attempt = 1
        while true {
            do {
                try await body()
                return
            } catch {
                let metadata: Logger.Metadata = [
                    "event": "\(event.metadata.namespace ?? "")/\(event.metadata.name ?? "")",
                    "reason": "\(event.reason ?? "")",
                    "error": "\(error)",
                ]
                guard Self.isRetryable(error), attempt < configuration.maximumAttempts, !Task.isCancelled else {
                    logger.warning("event not written", metadata: metadata)
                    return
                }
                logger.debug("event write failed, retrying", metadata: metadata)
                let pause = configuration.retryInterval * Double.random(in: 0.75...1.25)
                do { try await elapsed.sleep(until: elapsed.now + pause) } catch { return }
                attempt += 1
            }
        }
    }

    /// Transport errors, 5xx, 429 and timeouts are worth another try; other API rejections are not.
    static func isRetryable(_ error: any Error) -> Bool {
        if error is RetryableWriteError { return true }
        guard let error = error as? KubeError else { return true }
        switch error.code {
        case .transport, .internalError, .serviceUnavailable, .serverTimeout, .tooManyRequests, .unknown:
            return true
        default:
            return false
        }
    }
}
