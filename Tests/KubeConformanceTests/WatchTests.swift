import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Testing

@Suite("Conformance: watch", .timeLimit(.minutes(1)))
struct WatchTests {
    @Test("a watch from a list's resourceVersion sees ADDED, MODIFIED and DELETED in order")
    func orderedEvents() async throws {
        try await Conformance.run { env in
            let list = try await env.client.list(ConfigMap.self, namespace: env.namespace)
            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30)
            )
            var created = try await env.client.create(env.configMap("watched", data: ["v": "1"]))
            created.data = ["v": "2"]
            _ = try await env.client.update(created)
            _ = try await env.client.delete(ConfigMap.self, name: "watched", namespace: env.namespace)

            var seen: [(WatchEvent<ConfigMap>.EventType, String?)] = []
            for try await event in stream where event.type != .bookmark {
                seen.append((event.type, event.object.data?["v"]))
                if seen.count == 3 { break }
            }
            #expect(seen.map(\.0) == [.added, .modified, .deleted])
            #expect(seen.map(\.1) == ["1", "2", "2"])
        }
    }

    @Test("a watch resumed from an event's resourceVersion sees only what came after")
    func resume() async throws {
        try await Conformance.run { env in
            let list = try await env.client.list(ConfigMap.self, namespace: env.namespace)
            let first = try await env.client.create(env.configMap("one"))
            _ = try await env.client.create(env.configMap("two"))
            let resumeFrom = try #require(first.metadata.resourceVersion)
            _ = list

            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: resumeFrom, timeoutSeconds: 30)
            )
            _ = try await env.client.create(env.configMap("three"))
            var names: [String] = []
            for try await event in stream where event.type == .added {
                names.append(event.object.name)
                if names.count == 2 { break }
            }
            #expect(names == ["two", "three"])
        }
    }

    @Test("a watch with a label selector sees objects enter and leave the selection")
    func selectorTransitions() async throws {
        try await Conformance.run { env in
            let list = try await env.client.list(ConfigMap.self, namespace: env.namespace)
            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(
                    labelSelector: "watched=yes",
                    resourceVersion: list.metadata.resourceVersion,
                    timeoutSeconds: 30
                )
            )
            var object = try await env.client.create(env.configMap("mover", labels: ["watched": "no"]))
            object.metadata.labels = ["watched": "yes"]
            object = try await env.client.update(object)
            object.metadata.labels = ["watched": "no"]
            _ = try await env.client.update(object)

            var types: [WatchEvent<ConfigMap>.EventType] = []
            for try await event in stream where event.type != .bookmark {
                types.append(event.type)
                if types.count == 2 { break }
            }
            #expect(types == [.added, .deleted])
        }
    }

    @Test("a watch from a resourceVersion that left the history fails with Expired (410)")
    func expired() async throws {
        try await Conformance.run { env in
            let old: String
            if let server = env.server {
                let created = try await env.client.create(env.configMap("old"))
                old = try #require(created.metadata.resourceVersion)
                _ = try await env.client.create(env.configMap("newer"))
                await server.faults.compactHistory()
            } else {
                // A real cluster compacts etcd every few minutes: version 1 is long gone.
                old = "1"
            }
            do {
                let stream = try await env.client.watch(
                    ConfigMap.self,
                    namespace: env.namespace,
                    options: WatchOptions(resourceVersion: old, timeoutSeconds: 10)
                )
                for try await event in stream where event.type != .bookmark {
                    Issue.record("expected 410 Expired, got \(event.type)")
                    break
                }
                Issue.record("the watch ended without an error")
            } catch let error as KubeError {
                #expect(error.code == .expired)
                #expect(error.httpCode == 410 || error.status?.code == 410)
            }
        }
    }

    @Test(
        "bookmarks carry a fresh resourceVersion and timeoutSeconds ends the stream cleanly",
        .enabled(if: Conformance.isInProcess, "a real API server sends bookmarks about once a minute")
    )
    func bookmarksAndTimeout() async throws {
        try await Conformance.run { env in
            let created = try await env.client.create(env.configMap("marker"))
            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: created.metadata.resourceVersion, timeoutSeconds: 2)
            )
            var bookmarks: [String] = []
            for try await event in stream where event.type == .bookmark {
                bookmarks.append(event.object.metadata.resourceVersion ?? "")
            }
            #expect(!bookmarks.isEmpty, "at least one bookmark in two seconds")
            #expect(bookmarks.allSatisfy { !$0.isEmpty })
        }
    }

    @Test(
        "a watch dropped by the server ends, and a new one resumes without losing events",
        .enabled(if: Conformance.isInProcess, Conformance.needsTestServer)
    )
    func droppedWatch() async throws {
        try await Conformance.run { env in
            let server = try env.testServer()
            let list = try await env.client.list(ConfigMap.self, namespace: env.namespace)
            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30)
            )
            _ = try await env.client.create(env.configMap("before"))
            var lastVersion = list.metadata.resourceVersion
            var iterator = stream.makeAsyncIterator()
            while let event = try await iterator.next() {
                lastVersion = event.object.metadata.resourceVersion
                if event.type == .added { break }
            }
            await server.faults.dropAllWatches()
            while let event = try await iterator.next() {
                if event.type != .bookmark {
                    Issue.record("unexpected event after drop: \(event.type)")
                }
            }
            _ = try await env.client.create(env.configMap("during"))
            let resumed = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: lastVersion, timeoutSeconds: 30)
            )
            for try await event in resumed where event.type == .added {
                #expect(event.object.name == "during")
                break
            }
        }
    }
}
