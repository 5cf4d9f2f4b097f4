public import Foundation
public import KubeCore

/// The pure core of the ``EventRecorder``: turns occurrences into events.k8s.io/v1 writes, aggregating repeats into
/// a series and rate limiting floods. A value type with one `mutating func` per input, each returning what to write.
///
/// It follows client-go's `tools/events` broadcaster
/// (<https://github.com/kubernetes/client-go/blob/master/tools/events/event_broadcaster.go>):
///
/// - **Isomorphic events become a series.** Occurrences with the same type, reason, action, `regarding` and
///   `related` (and, as every occurrence of one aggregator shares them, the same reporting controller and
///   instance) are one event. The first is created as a new `Event` object; the second sets
///   `series: {count: 2, lastObservedTime}` and is patched at once; later ones only count up in memory
///   (``Action/aggregated``) and are written by ``tick(now:)``. As in client-go, the `note` is not part of the key:
///   a repeat with a different note counts into the series and keeps the first note. Unlike client-go, the
///   references are compared without their `resourceVersion`, so repeats across updates of the object stay one
///   series.
/// - **Series end after a quiet period.** ``tick(now:)`` writes the final count of a series not observed for
///   ``Configuration/finishTime`` (client-go's 6 minutes) and forgets it; a later occurrence starts a new `Event`.
///   A single event is forgotten ``Configuration/finishTime`` after its `eventTime`. Until a tick forgets it, an
///   entry keeps aggregating, so how late a series ends depends on how often the owner ticks. A live series is
///   re-written every ``Configuration/refreshTime`` (client-go's 30 minutes) so the API server's event TTL (one
///   hour by default) does not delete it while it recurs.
/// - **Floods are dropped.** Each new event (one that would create an object) takes a token from a bucket per
///   `regarding` object: ``Configuration/burst`` tokens (25), refilled one per ``Configuration/refillInterval``
///   (5 minutes), as client-go's `EventSourceObjectSpamFilter` in `tools/record` (which the events.k8s.io
///   broadcaster lacks). Unlike client-go, Warning and Normal events have a bucket each, so a flood of Normal
///   events (a release of many services, each its own series) never silences the Warning that follows it.
///   Repeats of a cached event cost no token: they write at most once now and once per tick.
/// - **Memory is bounded.** Series and buckets are kept in least-recently-used maps of ``Configuration/cacheSize``
///   (4096) entries each. A series evicted before its final write loses its unwritten count.
/// - **API limits.** The note is truncated to 1024 bytes (on a UTF-8 character boundary) as validation requires;
///   the event is named `<regarding name>.<hex>` like client-go (the hex being the nanoseconds since 1970, kept
///   strictly increasing so two events made in the same nanosecond do not collide) in the regarding object's
///   namespace, or `default` for cluster-scoped objects.
///
/// `now` is wall-clock time: it is stamped into `eventTime` and `series.lastObservedTime` and used for the windows.
public struct EventAggregator: Sendable {
    /// Identity, windows, limits and sizes.
    public struct Configuration: Sendable, Hashable {
        /// `reportingController`, e.g. `agri-operator`; required by the API.
        public var reportingController: String
        /// `reportingInstance`, e.g. `agri-operator-<pod name>`; required by the API, at most 128 characters.
        public var reportingInstance: String
        /// New events allowed at once per regarding object (client-go: 25).
        public var burst: Int
        /// How long it takes to earn one more new event per regarding object (client-go: 5 minutes).
        public var refillInterval: Duration
        /// How long after its last observation a series (or after its `eventTime` a single event) is finished and
        /// forgotten (client-go: 6 minutes).
        public var finishTime: Duration
        /// How often a live series is re-written (client-go: 30 minutes).
        public var refreshTime: Duration
        /// The most series and the most rate-limit buckets kept (client-go: 4096).
        public var cacheSize: Int

        /// Creates a configuration with client-go's defaults.
        ///
        /// - Parameters:
        ///   - reportingController: The controller's name, e.g. `agri-operator`.
        ///   - reportingInstance: This instance's name, e.g. `agri-operator-<pod name>`.
        ///   - burst: New events allowed at once per regarding object.
        ///   - refillInterval: Time to earn one more new event per regarding object.
        ///   - finishTime: Quiet time after which a series is finished.
        ///   - refreshTime: How often a live series is re-written.
        ///   - cacheSize: The most series and buckets kept.
        public init(
            reportingController: String,
            reportingInstance: String,
            burst: Int = 25,
            refillInterval: Duration = .seconds(300),
            finishTime: Duration = .seconds(360),
            refreshTime: Duration = .seconds(1800),
            cacheSize: Int = 4096
        ) {
            self.reportingController = reportingController
            self.reportingInstance = reportingInstance
            self.burst = burst
            self.refillInterval = refillInterval
            self.finishTime = finishTime
            self.refreshTime = refreshTime
            self.cacheSize = cacheSize
        }
    }

    /// What the owner must write.
    public enum Action: Sendable, Hashable {
        /// Create this new `Event` (it has no `series`).
        case create(Event)
        /// Patch this event's `series` (`count`, `lastObservedTime`) on the server; create the whole event if it
        /// no longer exists there (it expired).
        case patchSeries(Event)
        /// Counted into a cached series; a later ``EventAggregator/tick(now:)`` writes it.
        case aggregated
        /// Dropped by the rate limit.
        case dropped
    }

    /// The most bytes of a `note` the API accepts.
    public static let maximumNoteBytes = 1024
    /// The longest object name the API accepts.
    static let maximumNameLength = 253

    private struct Entry: Sendable {
        var event: Event
        /// The series count last handed out for writing; `nil` for a single event.
        var writtenCount: Int32?
        /// When the event or its series was last handed out for writing.
        var lastWrite: Date
    }

    /// The configuration.
    public let configuration: Configuration
    private var series: LeastRecentlyUsed<EventSeriesKey, Entry>
    private var buckets: LeastRecentlyUsed<BucketKey, TokenBucket>

    /// A rate-limit bucket: one per regarding object and event type, so Normal events never use up a Warning's tokens.
    private struct BucketKey: Hashable, Sendable {
        var regarding: ObjectReference
        var type: EventType
    }
    private var lastNameStamp: Int64 = 0

    /// Creates an empty aggregator.
    ///
    /// - Parameter configuration: Identity, windows, limits and sizes.
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.series = LeastRecentlyUsed(capacity: configuration.cacheSize)
        self.buckets = LeastRecentlyUsed(capacity: configuration.cacheSize)
    }

    /// How many events (single or series) are cached.
    public var cachedEventCount: Int { series.count }

    /// Records one occurrence at `now`.
    ///
    /// - Parameters:
    ///   - occurrence: What happened.
    ///   - now: The wall-clock time of the occurrence.
    /// - Returns: ``Action/create(_:)`` for a new event, ``Action/patchSeries(_:)`` when its second occurrence
    ///   starts a series, ``Action/aggregated`` for later repeats, ``Action/dropped`` when rate limited.
    public mutating func record(_ occurrence: EventOccurrence, now: Date) -> Action {
        let key = EventSeriesKey(occurrence)
        if var entry = series.value(for: key) {
            let observed = MicroTime(now)
            if var current = entry.event.series {
                current.count += 1
                current.lastObservedTime = observed
                entry.event.series = current
                series.insert(entry, for: key)
                return .aggregated
            }
            entry.event.series = EventSeries(count: 2, lastObservedTime: observed)
            entry.writtenCount = 2
            entry.lastWrite = now
            series.insert(entry, for: key)
            return .patchSeries(entry.event)
        }
        let bucketKey = BucketKey(regarding: key.regarding, type: key.type)
        var bucket =
            buckets.value(for: bucketKey)
            ?? TokenBucket(burst: configuration.burst, refillInterval: configuration.refillInterval, now: now)
        let allowed = bucket.take(now: now)
        buckets.insert(bucket, for: bucketKey)
        guard allowed else { return .dropped }
        let event = makeEvent(occurrence, now: now)
        series.insert(Entry(event: event, writtenCount: nil, lastWrite: now), for: key)
        return .create(event)
    }

    /// Finishes quiet series and refreshes live ones at `now`; call it periodically (e.g. every minute).
    ///
    /// - Parameter now: The wall-clock time.
    /// - Returns: ``Action/patchSeries(_:)`` for each finished series with an unwritten count (its final write,
    ///   after which it is forgotten) and for each live series not written for ``Configuration/refreshTime``.
    public mutating func tick(now: Date) -> [Action] {
        var actions: [Action] = []
        let finish = configuration.finishTime.seconds
        let refresh = configuration.refreshTime.seconds
        for key in series.keys {
            guard let entry = series.peek(key) else { continue }
            guard let current = entry.event.series else {
                let eventTime = entry.event.eventTime?.date ?? entry.lastWrite
                if now.timeIntervalSince(eventTime) >= finish { series.remove(key) }
                continue
            }
            if now.timeIntervalSince(current.lastObservedTime.date) >= finish {
                series.remove(key)
                if entry.writtenCount != current.count { actions.append(.patchSeries(entry.event)) }
            } else if now.timeIntervalSince(entry.lastWrite) >= refresh {
                series.update(key) { entry in
                    entry.writtenCount = current.count
                    entry.lastWrite = now
                }
                actions.append(.patchSeries(entry.event))
            }
        }
        return actions
    }

    /// Hands out every series count not yet written, e.g. before shutting down; the series stay cached.
    ///
    /// - Parameter now: The wall-clock time.
    /// - Returns: ``Action/patchSeries(_:)`` for each series whose count changed since its last write.
    public mutating func flush(now: Date) -> [Action] {
        var actions: [Action] = []
        for key in series.keys {
            guard let entry = series.peek(key), let current = entry.event.series, entry.writtenCount != current.count
            else { continue }
            series.update(key) { entry in
                entry.writtenCount = current.count
                entry.lastWrite = now
            }
            actions.append(.patchSeries(entry.event))
        }
        return actions
    }

    private mutating func makeEvent(_ occurrence: EventOccurrence, now: Date) -> Event {
        let nanoseconds = Int64(min(max(now.timeIntervalSince1970 * 1e9, 0), 9e18))
        lastNameStamp = max(nanoseconds, lastNameStamp + 1)
        let suffix = "." + String(lastNameStamp, radix: 16)
        let regardingName = String((occurrence.regarding.name ?? "").prefix(Self.maximumNameLength - suffix.count))
        let namespace = occurrence.regarding.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return Event(
            metadata: ObjectMeta(name: regardingName + suffix, namespace: namespace),
            eventTime: MicroTime(now),
            reportingController: configuration.reportingController,
            reportingInstance: configuration.reportingInstance,
            action: occurrence.action,
            reason: occurrence.reason,
            regarding: occurrence.regarding,
            related: occurrence.related,
            note: occurrence.note.map { Self.truncatedNote($0) },
            type: occurrence.type.rawValue
        )
    }

    /// `note` cut to at most ``maximumNoteBytes`` bytes of UTF-8 without splitting a character.
    ///
    /// - Parameter note: The note.
    /// - Returns: The note, or its longest prefix that fits.
    public static func truncatedNote(_ note: String) -> String {
        guard note.utf8.count > maximumNoteBytes else { return note }
        var result = ""
        var bytes = 0
        for character in note {
            let size = character.utf8.count
            if bytes + size > maximumNoteBytes { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
