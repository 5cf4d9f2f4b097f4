import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Testing

@Suite("Finalizer helper", .timeLimit(.minutes(1)))
struct FinalizerTests {
    static let finalizer = Finalizer("example.com/cleanup")

    struct StepCase: Sendable, CustomTestStringConvertible {
        var deleting: Bool
        var finalizers: [String]?
        var expected: Finalizer.Step
        var testDescription: String { "deleting: \(deleting), finalizers: \(finalizers ?? [])" }
    }

    static let stepCases: [StepCase] = [
        StepCase(deleting: false, finalizers: nil, expected: .addFinalizerThenApply),
        StepCase(deleting: false, finalizers: ["other"], expected: .addFinalizerThenApply),
        StepCase(deleting: false, finalizers: ["other", "example.com/cleanup"], expected: .apply),
        StepCase(deleting: true, finalizers: ["example.com/cleanup"], expected: .cleanupThenRemoveFinalizer),
        StepCase(deleting: true, finalizers: ["other"], expected: .none),
        StepCase(deleting: true, finalizers: nil, expected: .none),
    ]

    @Test(
        "The decision follows kube-rs: add before apply, clean up before removing, nothing once removed",
        arguments: stepCases
    )
    func decision(_ testCase: StepCase) {
        let object = ConfigMap(
            metadata: ObjectMeta(
                name: "a",
                deletionTimestamp: testCase.deleting ? Time(Date(timeIntervalSince1970: 0)) : nil,
                finalizers: testCase.finalizers
            )
        )
        #expect(Self.finalizer.step(for: object) == testCase.expected)
    }

    @Test("Against the test server the finalizer is added before apply and removed after cleanup, idempotently")
    func lifecycle() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let log = Log()
            let apply: (ConfigMap) async throws -> ReconcileResult = { object in
                log.append("apply finalizers=\(object.metadata.finalizers ?? [])")
                return .done
            }
            let cleanup: (ConfigMap) async throws -> ReconcileResult = { object in
                log.append("cleanup")
                return .done
            }
            let created = try await client.create(
                ControllerTestServer.configMap("a", data: ["k": "v"]).withFinalizers(["other"])
            )
            #expect(
                try await Self.finalizer.reconcile(created, client: client, apply: apply, cleanup: cleanup) == .done
            )
            var current = try await client.get(ConfigMap.self, name: "a", namespace: ControllerTestServer.namespace)
            #expect(current.metadata.finalizers == ["other", "example.com/cleanup"])
            // Running again only applies.
            _ = try await Self.finalizer.reconcile(current, client: client, apply: apply, cleanup: cleanup)
            #expect(
                log.entries == [
                    "apply finalizers=[\"other\", \"example.com/cleanup\"]",
                    "apply finalizers=[\"other\", \"example.com/cleanup\"]",
                ]
            )

            try await client.delete(ConfigMap.self, name: "a", namespace: ControllerTestServer.namespace)
            current = try await client.get(ConfigMap.self, name: "a", namespace: ControllerTestServer.namespace)
            #expect(current.metadata.deletionTimestamp != nil)
            #expect(
                try await Self.finalizer.reconcile(current, client: client, apply: apply, cleanup: cleanup) == .done
            )
            current = try await client.get(ConfigMap.self, name: "a", namespace: ControllerTestServer.namespace)
            #expect(current.metadata.finalizers == ["other"], "only our finalizer was removed")
            // Being deleted without our finalizer: nothing runs.
            #expect(
                try await Self.finalizer.reconcile(current, client: client, apply: apply, cleanup: cleanup) == .done
            )
            #expect(log.entries.count == 3)
            #expect(log.entries.last == "cleanup")
        }
    }

    @Test("Removing the last finalizer lets the server delete the object")
    func lastFinalizerDeletes() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let created = try await client.create(ControllerTestServer.configMap("b", data: [:]))
            let store = Store<ConfigMap>()
            _ = try await Self.finalizer.reconcile(
                created,
                client: client,
                store: store,
                apply: { _ in .done },
                cleanup: { _ in .done }
            )
            #expect(!store.isFresh(ObjectKey(created)), "the finalizer write is recorded for read-your-writes")
            try await client.delete(ConfigMap.self, name: "b", namespace: ControllerTestServer.namespace)
            let deleting = try await client.get(ConfigMap.self, name: "b", namespace: ControllerTestServer.namespace)
            let result = try await Self.finalizer.reconcile(
                deleting,
                client: client,
                apply: { _ in .done },
                cleanup: { _ in .requeue(after: .seconds(5)) }
            )
            #expect(result == .requeue(after: .seconds(5)), "cleanup's own result is returned")
            await #expect(throws: KubeError.self) {
                try await client.get(ConfigMap.self, name: "b", namespace: ControllerTestServer.namespace)
            }
        }
    }

    @Test("A stale object conflicts: nothing runs, the finalizer is not written, and the result is a short requeue")
    func staleObjectRequeues() async throws {
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            let stale = try await client.create(ControllerTestServer.configMap("c", data: [:]))
            var newer = stale
            newer.data = ["changed": "yes"]
            _ = try await client.update(newer)
            let ran = Locked(false)
            let result = try await Self.finalizer.reconcile(
                stale,
                client: client,
                apply: { _ in
                    ran.withLock { $0 = true }
                    return .done
                },
                cleanup: { _ in .done }
            )
            #expect(result == .requeue(after: Self.finalizer.conflictRequeueDelay))
            #expect(!ran.withLock { $0 })
            let current = try await client.get(ConfigMap.self, name: "c", namespace: ControllerTestServer.namespace)
            #expect(current.metadata.finalizers == nil)
            #expect(fixture.server.requestLog.entries.contains { $0.verb == "patch" && $0.code == 409 })
        }
    }

    @Test("A cleanup that throws keeps the finalizer")
    func failedCleanupKeepsFinalizer() async throws {
        struct CleanupFailed: Error {}
        try await ControllerTestServer.with { fixture in
            let client = fixture.client
            _ = try await client.create(
                ControllerTestServer.configMap("d", data: [:]).withFinalizers(["example.com/cleanup"])
            )
            try await client.delete(ConfigMap.self, name: "d", namespace: ControllerTestServer.namespace)
            let deleting = try await client.get(ConfigMap.self, name: "d", namespace: ControllerTestServer.namespace)
            await #expect(throws: CleanupFailed.self) {
                try await Self.finalizer.reconcile(
                    deleting,
                    client: client,
                    apply: { _ in .done },
                    cleanup: { _ in throw CleanupFailed() }
                )
            }
            let current = try await client.get(ConfigMap.self, name: "d", namespace: ControllerTestServer.namespace)
            #expect(current.metadata.finalizers == ["example.com/cleanup"])
        }
    }
}

extension ConfigMap {
    func withFinalizers(_ finalizers: [String]) -> ConfigMap {
        var copy = self
        copy.metadata.finalizers = finalizers
        return copy
    }
}
