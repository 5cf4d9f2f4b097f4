import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

/// Servers with the workload simulation on, objects to run in them, and polling for asynchronous state.
enum SimulationFixtures {
    static func startServer(
        podReadyDelay: Duration = .milliseconds(100)
    ) async throws -> KubeTestServer {
        try await KubeTestServer.start(
            KubeTestServer.Configuration(
                tls: false,
                simulation: WorkloadSimulation.Configuration(podReadyDelay: podReadyDelay)
            )
        )
    }

    /// How long a poll or an observed watch waits. Alone these take well under a second; in the full first test pass
    /// (700 tests on two cores, CPU-bound fuzzers among them) the simulation's tasks were starved past 30 seconds.
    static let patience: Duration = .seconds(120)

    /// Polls `condition` every 20 ms until it holds; records an issue naming `what` after ``patience``.
    static func poll(_ what: String, _ condition: () async throws -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while clock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting until \(what)")
    }

    static func get(_ server: KubeTestServer, _ type: ResourceType, _ name: String) async -> JSONValue? {
        try? await server.store.get(type, namespace: "default", name: name)
    }

    static func list(_ server: KubeTestServer, _ type: ResourceType) async throws -> [JSONValue] {
        try await server.store.list(type, namespace: "default").items
    }

    static func condition(_ object: JSONValue?, _ type: String) -> JSONValue? {
        object?[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    static func deployment(
        _ name: String,
        replicas: Int64? = 3,
        image: String = "nginx:1.27",
        strategy: JSONValue? = nil,
        progressDeadlineSeconds: Int64? = nil
    ) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "app", "image": .string(image)]]],
                ],
            ],
        ]
        if let replicas { object[path: ["spec", "replicas"]] = .integer(replicas) }
        if let strategy { object[path: ["spec", "strategy"]] = strategy }
        if let progressDeadlineSeconds {
            object[path: ["spec", "progressDeadlineSeconds"]] = .integer(progressDeadlineSeconds)
        }
        return object
    }

    static func statefulSet(_ name: String, replicas: Int64, image: String = "postgres:17") -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .integer(replicas), "serviceName": .string(name),
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "db", "image": .string(image)]]],
                ],
                "volumeClaimTemplates": [
                    [
                        "metadata": ["name": "data"],
                        "spec": [
                            "accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]],
                        ],
                    ]
                ],
            ],
        ]
    }

    static func job(_ name: String, image: String = "busybox:1.36", backoffLimit: Int64? = nil) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "template": [
                    "spec": [
                        "restartPolicy": "Never", "containers": [["name": "main", "image": .string(image)]],
                    ]
                ]
            ],
        ]
        if let backoffLimit { object[path: ["spec", "backoffLimit"]] = .integer(backoffLimit) }
        return object
    }

    /// Pods owned (through `ownerReferences`) by an object with this uid.
    static func pods(_ server: KubeTestServer, ownedBy uid: String) async throws -> [JSONValue] {
        try await list(server, SimulatedResource.pods).filter { ObjectRules.ownerUIDs(of: $0).contains(uid) }
    }

    static func isReady(_ pod: JSONValue) -> Bool {
        pod[path: ["status", "conditions"]]?.arrayValue?.contains {
            $0["type"] == "Ready" && $0["status"] == "True"
        } == true
    }
}

extension SimulationFixtures {
    /// Rewrites a stored object through the main resource, as a client update would.
    static func modify(
        _ server: KubeTestServer,
        _ type: ResourceType,
        _ name: String,
        _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws {
        _ = try await server.store.update(type, namespace: "default", name: name) { old throws(APIError) in
            var new = old ?? [:]
            change(&new)
            return new
        }
    }

    /// Reads a watch until `done` says the observed state is final, calling `check` on the state after every event.
    ///
    /// The state is the objects by name, starting from `initial`. The watch is closed after 30 seconds, which
    /// records an issue, so a broken simulation cannot hang the test.
    static func observe(
        _ server: KubeTestServer,
        _ type: ResourceType,
        from initial: [JSONValue],
        resourceVersion: String,
        check: ([String: JSONValue]) -> Void,
        until done: ([String: JSONValue]) -> Bool
    ) async throws {
        let (id, stream) = try await server.store.watch(type, namespace: "default", resourceVersion: resourceVersion)
        let store = server.store
        let timeout = Task {
            try await Task.sleep(for: patience)
            await store.cancelWatch(id)
        }
        defer { timeout.cancel() }
        var state = Dictionary(initial.map { (ObjectRules.name(of: $0), $0) }, uniquingKeysWith: { $1 })
        for await message in stream {
            guard case .event(let type, let object, _) = message else { continue }
            if type == "DELETED" {
                state.removeValue(forKey: ObjectRules.name(of: object))
            } else {
                state[ObjectRules.name(of: object)] = object
            }
            check(state)
            if done(state) {
                await store.cancelWatch(id)
                return
            }
        }
        Issue.record("the watch ended before the expected state was observed")
    }
}
