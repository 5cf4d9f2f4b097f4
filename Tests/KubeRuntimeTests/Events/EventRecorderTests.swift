import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Logging
import ServiceLifecycle
import Testing

/// ``EventRecorder`` against a real ``KubeTestServer``: what ends up stored as events.k8s.io/v1 Events.
@Suite("Event recorder against KubeTestServer", .timeLimit(.minutes(1)))
struct EventRecorderTests {
    static let namespace = "default"
    static let regarding = ObjectReference(
        apiVersion: "v1",
        kind: "ConfigMap",
        namespace: namespace,
        name: "settings",
        uid: "u-1"
    )

    static func configuration(
        finishTime: Duration = .seconds(360),
        tickInterval: Duration = .seconds(60)
    ) -> EventRecorder.Configuration {
        EventRecorder.Configuration(
            aggregator: EventAggregator.Configuration(
                reportingController: "agri-operator",
                reportingInstance: "agri-operator-test",
                finishTime: finishTime
            ),
            tickInterval: tickInterval,
            maximumAttempts: 4,
            retryInterval: .milliseconds(20)
        )
    }

    @Test("Recording the same event ten times stores one Event whose series counts ten")
    func repeatsBecomeOneSeries() async throws {
        try await withRecorder(Self.configuration()) { _, client, recorder in
            try await Self.runUntilGracefulShutdown(recorder) {
                for _ in 0..<10 {
                    recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
                }
            }
            let events = try await client.list(Event.self, namespace: Self.namespace).items
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.series?.count == 10)
            #expect(event.reason == "Synced")
            #expect(event.action == "Reconciling")
            #expect(event.type == "Normal")
            #expect(event.reportingController == "agri-operator")
            #expect(event.reportingInstance == "agri-operator-test")
            #expect(event.regarding?.name == "settings")
            #expect(event.eventTime != nil)
        }
    }

    @Test("Different reasons are stored as distinct Events")
    func differentReasonsAreDistinct() async throws {
        try await withRecorder(Self.configuration()) { _, client, recorder in
            try await Self.runUntilGracefulShutdown(recorder) {
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
                recorder.record(
                    .warning,
                    reason: "SyncFailed",
                    action: "Reconciling",
                    note: "boom",
                    regarding: Self.regarding
                )
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
            }
            let events = try await client.list(Event.self, namespace: Self.namespace).items
            let summary = events.map { "\($0.type ?? "") \($0.reason ?? "") \($0.series?.count ?? 1)" }.sorted()
            #expect(summary == ["Normal Synced 2", "Warning SyncFailed 1"])
            #expect(events.first { $0.reason == "SyncFailed" }?.note == "boom")
        }
    }

    @Test("A series reaches its final count once it has been quiet for the finish time, without shutting down")
    func ticksFinishSeries() async throws {
        // A finish time long enough that ten records queued at once fall into one series even on a loaded machine.
        let configuration = Self.configuration(finishTime: .seconds(3), tickInterval: .milliseconds(100))
        try await withRecorder(configuration) { _, client, recorder in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await recorder.run() }
                for _ in 0..<10 {
                    recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
                }
                try await poll("the series counts ten") {
                    let events = try await client.list(Event.self, namespace: Self.namespace).items
                    return events.count == 1 && events.first?.series?.count == 10
                }
                group.cancelAll()
                try await group.waitForAll()
            }
        }
    }

    @Test("Server errors on create are retried and the event is written")
    func serverErrorsAreRetried() async throws {
        try await withRecorder(Self.configuration()) { server, client, recorder in
            server.faults.inject(.internalError, count: 2, verb: "create", resource: "events")
            try await Self.runUntilGracefulShutdown(recorder) {
                recorder.record(.warning, reason: "SyncFailed", action: "Reconciling", regarding: Self.regarding)
            }
            let events = try await client.list(Event.self, namespace: Self.namespace).items
            #expect(events.map(\.reason) == ["SyncFailed"])
            #expect(server.requestLog.count(verb: "create", resource: "events") == 3)
        }
    }

    @Test("An event the server rejects as invalid is abandoned, not retried")
    func invalidEventsAreAbandoned() async throws {
        try await withRecorder(Self.configuration()) { server, client, recorder in
            try await Self.runUntilGracefulShutdown(recorder) {
                // The event's name starts with the regarding name, which is no DNS subdomain: 422 Invalid.
                let invalid = ObjectReference(
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    namespace: "default",
                    name: "Not_Valid"
                )
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: invalid)
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
            }
            #expect(server.requestLog.count(verb: "create", resource: "events") == 2)
            let events = try await client.list(Event.self, namespace: Self.namespace).items
            #expect(events.count == 1)
        }
    }

    @Test("A series whose Event expired on the server is created again with its count")
    func expiredSeriesIsRecreated() async throws {
        try await withRecorder(Self.configuration()) { _, client, recorder in
            try await Self.runUntilGracefulShutdown(recorder) {
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
                try await poll("the event is created") {
                    try await !client.list(Event.self, namespace: Self.namespace).items.isEmpty
                }
                let created = try #require(try await client.list(Event.self, namespace: Self.namespace).items.first)
                _ = try await client.delete(Event.self, name: created.name, namespace: Self.namespace)
                recorder.record(.normal, reason: "Synced", action: "Reconciling", regarding: Self.regarding)
            }
            let events = try await client.list(Event.self, namespace: Self.namespace).items
            #expect(events.count == 1)
            #expect(events.first?.series?.count == 2)
        }
    }

    @Test("A full buffer drops new occurrences instead of blocking the caller")
    func fullBufferDropsNewOccurrences() async throws {
        var configuration = Self.configuration()
        configuration.bufferSize = 2
        try await withRecorder(configuration) { _, client, recorder in
            // Nothing consumes before run(): the first two are buffered, the rest dropped.
            for index in 0..<5 {
                recorder.record(.normal, reason: "Reason\(index)", action: "Reconciling", regarding: Self.regarding)
            }
            try await Self.runUntilGracefulShutdown(recorder) {}
            let reasons = try await client.list(Event.self, namespace: Self.namespace).items.compactMap(\.reason)
            #expect(reasons.sorted() == ["Reason0", "Reason1"])
        }
    }

    // MARK: - Support

    func withRecorder(
        _ configuration: EventRecorder.Configuration,
        _ body: (KubeTestServer, KubeClient, EventRecorder) async throws -> Void
    ) async throws {
        let server = try await KubeTestServer.start()
        let client: KubeClient
        do {
            var clientConfiguration = ClientConfiguration(
                server: try #require(URL(string: server.url)),
                certificateAuthorityPEM: server.caCertificatePEM,
                token: server.configuration.bearerToken
            )
            clientConfiguration.retryPolicy = .never
            client = try KubeClient(configuration: clientConfiguration)
        } catch {
            try? await server.shutdown()
            throw error
        }
        let recorder = EventRecorder(client: client, configuration: configuration)
        do {
            try await body(server, client, recorder)
        } catch {
            try? await client.shutdown()
            try? await server.shutdown()
            throw error
        }
        try await client.shutdown()
        try await server.shutdown()
    }

    /// Runs the recorder in a `ServiceGroup`, runs `body`, then shuts the group down gracefully and waits.
    static func runUntilGracefulShutdown(_ recorder: EventRecorder, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(services: [recorder], logger: Logger(label: "event-recorder-test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

}
