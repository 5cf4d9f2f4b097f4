import Foundation
import KubeCore
import KubeRuntime
import Testing

/// Pure tests of ``EventAggregator``: series, windows, rate limiting and API limits, with time passed in.
@Suite("Event aggregation")
struct EventAggregatorTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let pod = ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "shop", name: "web-0", uid: "u-1")

    static func configuration(cacheSize: Int = 4096) -> EventAggregator.Configuration {
        EventAggregator.Configuration(
            reportingController: "agri-operator",
            reportingInstance: "agri-operator-0",
            cacheSize: cacheSize
        )
    }

    static func occurrence(
        _ type: EventType = .normal,
        reason: String = "Scaled",
        action: String = "Scaling",
        note: String? = "scaled to 3",
        regarding: ObjectReference = pod,
        related: ObjectReference? = nil
    ) -> EventOccurrence {
        EventOccurrence(type: type, reason: reason, action: action, note: note, regarding: regarding, related: related)
    }

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func createdEvent(_ action: EventAggregator.Action) -> Event? {
        if case .create(let event) = action { event } else { nil }
    }

    static func patchedSeries(_ action: EventAggregator.Action) -> (name: String?, series: EventSeries?)? {
        if case .patchSeries(let event) = action { (event.metadata.name, event.series) } else { nil }
    }

    @Test("The first occurrence creates an events.k8s.io event with every required field")
    func firstOccurrenceCreates() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let event = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(0))))
        #expect(event.apiVersion == "events.k8s.io/v1")
        #expect(event.kind == "Event")
        #expect(event.metadata.namespace == "shop")
        let name = try #require(event.metadata.name)
        #expect(name.hasPrefix("web-0."))
        #expect(UInt64(name.dropFirst("web-0.".count), radix: 16) != nil)
        #expect(event.eventTime == MicroTime(Self.at(0)))
        #expect(event.series == nil)
        #expect(event.reportingController == "agri-operator")
        #expect(event.reportingInstance == "agri-operator-0")
        #expect(event.type == "Normal")
        #expect(event.reason == "Scaled")
        #expect(event.action == "Scaling")
        #expect(event.note == "scaled to 3")
        #expect(event.regarding == Self.pod)
    }

    @Test("Repeats become one series: the second patches count 2, later ones only count until a tick writes them")
    func repeatsBecomeASeries() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let created = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(0))))
        let second = try #require(Self.patchedSeries(aggregator.record(Self.occurrence(), now: Self.at(1))))
        #expect(second.name == created.metadata.name)
        #expect(second.series == EventSeries(count: 2, lastObservedTime: MicroTime(Self.at(1))))
        for index in 3...10 {
            #expect(aggregator.record(Self.occurrence(), now: Self.at(Double(index))) == .aggregated)
        }
        #expect(aggregator.cachedEventCount == 1)
        // Still live five minutes after the last occurrence: nothing to write.
        #expect(aggregator.tick(now: Self.at(10 + 300)).isEmpty)
        // Six minutes after the last occurrence the series finishes with its final count.
        let final = try #require(aggregator.tick(now: Self.at(10 + 360)).first.flatMap(Self.patchedSeries))
        #expect(final.name == created.metadata.name)
        #expect(final.series == EventSeries(count: 10, lastObservedTime: MicroTime(Self.at(10))))
        #expect(aggregator.cachedEventCount == 0)
        // A later occurrence starts a new event.
        let next = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(400))))
        #expect(next.metadata.name != created.metadata.name)
    }

    @Test(
        "Occurrences that differ in type, reason, action, regarding or related are distinct events",
        arguments: [
            occurrence(.warning),
            occurrence(reason: "ScaledDown"),
            occurrence(action: "Deleting"),
            occurrence(regarding: ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "shop", name: "web-1")),
            occurrence(regarding: ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "other", name: "web-0")),
            occurrence(related: ObjectReference(apiVersion: "v1", kind: "Node", name: "node-a")),
        ]
    )
    func differentOccurrencesAreDistinct(_ other: EventOccurrence) throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let first = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(0))))
        let second = try #require(Self.createdEvent(aggregator.record(other, now: Self.at(0))))
        #expect(first.metadata.name != second.metadata.name)
        #expect(aggregator.cachedEventCount == 2)
    }

    @Test(
        "A different note or resourceVersion continues the series, keeping the first note",
        arguments: [
            occurrence(note: "scaled to 4"),
            occurrence(
                regarding: ObjectReference(
                    apiVersion: "v1",
                    kind: "Pod",
                    namespace: "shop",
                    name: "web-0",
                    uid: "u-1",
                    resourceVersion: "42"
                )
            ),
        ]
    )
    func noteAndResourceVersionAreNotPartOfTheKey(_ repeated: EventOccurrence) throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        _ = aggregator.record(Self.occurrence(), now: Self.at(0))
        guard case .patchSeries(let event) = aggregator.record(repeated, now: Self.at(1)) else {
            Issue.record("expected a series patch")
            return
        }
        #expect(event.note == "scaled to 3")
        #expect(event.series?.count == 2)
    }

    @Test("A single event is forgotten six minutes after its eventTime; a repeat after that creates a new one")
    func singleEventsExpire() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let first = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(0))))
        #expect(aggregator.tick(now: Self.at(359)).isEmpty)
        #expect(aggregator.cachedEventCount == 1)
        #expect(aggregator.tick(now: Self.at(360)).isEmpty, "a single event needs no final write")
        #expect(aggregator.cachedEventCount == 0)
        let second = try #require(Self.createdEvent(aggregator.record(Self.occurrence(), now: Self.at(361))))
        #expect(second.metadata.name != first.metadata.name)
    }

    @Test("A live series is re-written every 30 minutes and only then")
    func liveSeriesAreRefreshed() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        _ = aggregator.record(Self.occurrence(), now: Self.at(0))
        _ = aggregator.record(Self.occurrence(), now: Self.at(1))
        // Keep the series alive with an occurrence every minute for 40 minutes, ticking every minute.
        var refreshes: [(Double, Int32?)] = []
        for minute in 1...40 {
            let now = Self.at(Double(minute) * 60)
            #expect(aggregator.record(Self.occurrence(), now: now) == .aggregated)
            for action in aggregator.tick(now: now) {
                refreshes.append((Double(minute), Self.patchedSeries(action)?.series?.count))
            }
        }
        #expect(refreshes.map(\.0) == [31])
        #expect(refreshes.map(\.1) == [33], "1 created, 1 at the second, 31 more")
    }

    @Test("A finished series whose count was already written needs no final write")
    func finishedSeriesWithoutNewCountsWritesNothing() {
        var aggregator = EventAggregator(configuration: Self.configuration())
        _ = aggregator.record(Self.occurrence(), now: Self.at(0))
        _ = aggregator.record(Self.occurrence(), now: Self.at(1))
        #expect(aggregator.tick(now: Self.at(1 + 360)).isEmpty)
        #expect(aggregator.cachedEventCount == 0)
    }

    @Test("Flush hands out every unwritten series count once, and keeps the series")
    func flushWritesPendingCounts() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        for index in 0..<5 { _ = aggregator.record(Self.occurrence(), now: Self.at(Double(index))) }
        _ = aggregator.record(Self.occurrence(reason: "Other"), now: Self.at(0))
        let flushed = aggregator.flush(now: Self.at(5))
        #expect(flushed.count == 1)
        #expect(try #require(flushed.first.flatMap(Self.patchedSeries)).series?.count == 5)
        #expect(aggregator.flush(now: Self.at(6)).isEmpty)
        #expect(aggregator.cachedEventCount == 2)
    }

    @Test(
        "A flood about one object is cut after the burst and refilled one event per five minutes",
        arguments: [(burst: 25, refill: 300.0), (burst: 3, refill: 10.0)]
    )
    func rateLimitPerObject(burst: Int, refill: Double) {
        var configuration = Self.configuration()
        configuration.burst = burst
        configuration.refillInterval = .seconds(refill)
        var aggregator = EventAggregator(configuration: configuration)
        var created = 0
        for index in 0..<(burst + 5) {
            if case .create = aggregator.record(Self.occurrence(reason: "Reason\(index)"), now: Self.at(0)) {
                created += 1
            }
        }
        #expect(created == burst)
        #expect(aggregator.record(Self.occurrence(reason: "Late"), now: Self.at(refill - 1)) == .dropped)
        if case .create = aggregator.record(Self.occurrence(reason: "Later"), now: Self.at(refill)) {
        } else {
            Issue.record("one token should be back after the refill interval")
        }
        #expect(aggregator.record(Self.occurrence(reason: "Latest"), now: Self.at(refill)) == .dropped)
        // Another object has its own bucket.
        let other = ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "shop", name: "web-1", uid: "u-2")
        if case .create = aggregator.record(Self.occurrence(regarding: other), now: Self.at(0)) {
        } else {
            Issue.record("another object should not be limited")
        }
    }

    @Test("Warnings have a bucket of their own: Normal events that used up theirs do not silence a Warning")
    func warningsNotStarvedByNormalEvents() {
        var configuration = Self.configuration()
        configuration.burst = 2
        var aggregator = EventAggregator(configuration: configuration)
        for reason in ["A", "B"] {
            if case .create = aggregator.record(Self.occurrence(reason: reason), now: Self.at(0)) {
            } else {
                Issue.record("the burst allows two Normal events")
            }
        }
        #expect(aggregator.record(Self.occurrence(reason: "C"), now: Self.at(0)) == .dropped)
        if case .create = aggregator.record(Self.occurrence(.warning, reason: "Failed"), now: Self.at(0)) {
        } else {
            Issue.record("a Warning should not be limited by the Normal events' bucket")
        }
        _ = aggregator.record(Self.occurrence(.warning, reason: "Failed again"), now: Self.at(0))
        #expect(aggregator.record(Self.occurrence(.warning, reason: "Third"), now: Self.at(0)) == .dropped)
    }

    @Test("Repeats of a cached event are counted even when the object's bucket is empty")
    func repeatsCostNoToken() {
        var configuration = Self.configuration()
        configuration.burst = 1
        var aggregator = EventAggregator(configuration: configuration)
        _ = aggregator.record(Self.occurrence(), now: Self.at(0))
        #expect(aggregator.record(Self.occurrence(reason: "Other"), now: Self.at(0)) == .dropped)
        if case .patchSeries = aggregator.record(Self.occurrence(), now: Self.at(1)) {
        } else {
            Issue.record("expected the series to start")
        }
        #expect(aggregator.record(Self.occurrence(), now: Self.at(2)) == .aggregated)
    }

    @Test("Time going backwards mints no tokens")
    func backwardsTimeMintsNothing() {
        var configuration = Self.configuration()
        configuration.burst = 1
        var aggregator = EventAggregator(configuration: configuration)
        _ = aggregator.record(Self.occurrence(reason: "A"), now: Self.at(1000))
        #expect(aggregator.record(Self.occurrence(reason: "B"), now: Self.at(0)) == .dropped)
        #expect(aggregator.record(Self.occurrence(reason: "C"), now: Self.at(1000)) == .dropped)
    }

    @Test("The cache keeps at most cacheSize events and forgets the least recently used")
    func cacheIsBounded() throws {
        var aggregator = EventAggregator(configuration: Self.configuration(cacheSize: 2))
        _ = aggregator.record(Self.occurrence(reason: "A"), now: Self.at(0))
        _ = aggregator.record(Self.occurrence(reason: "B"), now: Self.at(1))
        _ = aggregator.record(Self.occurrence(reason: "A"), now: Self.at(2))
        _ = aggregator.record(Self.occurrence(reason: "C"), now: Self.at(3))
        #expect(aggregator.cachedEventCount == 2)
        // B was least recently used and is gone: it starts over. A is still a series.
        #expect(Self.createdEvent(aggregator.record(Self.occurrence(reason: "B"), now: Self.at(4))) != nil)
        #expect(aggregator.cachedEventCount == 2)
        #expect(Self.createdEvent(aggregator.record(Self.occurrence(reason: "A"), now: Self.at(5))) != nil)
    }

    @Test(
        "Notes are cut to 1024 bytes without splitting a character",
        arguments: [
            (String(repeating: "a", count: 1024), 1024),
            (String(repeating: "a", count: 2000), 1024),
            (String(repeating: "é", count: 600), 1024),
            ("a" + String(repeating: "é", count: 600), 1023),
            (String(repeating: "🌾", count: 300), 1024),
            ("ab" + String(repeating: "🌾", count: 300), 1022),
        ]
    )
    func notesAreTruncated(note: String, expectedBytes: Int) throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let event = try #require(Self.createdEvent(aggregator.record(Self.occurrence(note: note), now: Self.at(0))))
        let truncated = try #require(event.note)
        #expect(truncated.utf8.count == expectedBytes)
        #expect(note.hasPrefix(truncated))
    }

    @Test("Events made in the same nanosecond get distinct, increasing names")
    func namesAreUnique() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        var stamps: [UInt64] = []
        for index in 0..<5 {
            let event = try #require(
                Self.createdEvent(aggregator.record(Self.occurrence(reason: "R\(index)"), now: Self.at(0)))
            )
            let name = try #require(event.metadata.name)
            stamps.append(try #require(UInt64(name.dropFirst("web-0.".count), radix: 16)))
        }
        #expect(stamps == stamps.sorted())
        #expect(Set(stamps).count == 5)
    }

    @Test("A cluster-scoped object's events go to the default namespace, and long names stay within 253 characters")
    func namespaceAndNameLimits() throws {
        var aggregator = EventAggregator(configuration: Self.configuration())
        let node = ObjectReference(apiVersion: "v1", kind: "Node", name: String(repeating: "n", count: 253))
        let event = try #require(
            Self.createdEvent(aggregator.record(Self.occurrence(regarding: node), now: Self.at(0)))
        )
        #expect(event.metadata.namespace == "default")
        let name = try #require(event.metadata.name)
        #expect(name.count == 253)
        #expect(name.hasPrefix("nnnn"))
    }

    @Test("A reference made from an object carries its type, identity and resourceVersion")
    func referenceFromObject() {
        var map = ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "shop"))
        map.metadata.uid = "u-9"
        map.metadata.resourceVersion = "7"
        let reference = ObjectReference(referencing: map)
        #expect(
            reference
                == ObjectReference(
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    namespace: "shop",
                    name: "settings",
                    uid: "u-9",
                    resourceVersion: "7"
                )
        )
    }
}
