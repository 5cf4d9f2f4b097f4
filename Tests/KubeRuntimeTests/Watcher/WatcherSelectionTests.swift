import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestServer
import Synchronization
import Testing

/// Watchers that cache less: only objects matching a selector, or only metadata. Each case runs against a real
/// ``KubeTestServer`` and ends by comparing the cache with a fresh list of the same selection.
@Suite("Watcher selections: label selectors and metadata-only", .timeLimit(.minutes(1)))
struct WatcherSelectionTests {
    static let namespace = "default"

    static func configMap(_ name: String, labels: [String: String]) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: ["name": name])
    }

    @Test("A watcher with a label selector caches only matching objects and drops one that stops matching")
    func labelSelector() async throws {
        try await withClient { client in
            _ = try await client.create(Self.configMap("a", labels: ["tier": "web"]))
            _ = try await client.create(Self.configMap("b", labels: ["tier": "db"]))
            _ = try await client.create(Self.configMap("c", labels: ["tier": "web"]))
            let watcher = Watcher<ConfigMap>(
                client: client,
                namespace: Self.namespace,
                labelSelector: "tier=web",
                configuration: .init(pageSize: 1, initialBackoff: .milliseconds(20))
            )
            try await Self.running(watcher) {
                await watcher.store.waitUntilSynced()
                #expect(watcher.store.list().map(\.name) == ["a", "c"])

                var a = try await client.get(ConfigMap.self, name: "a", namespace: Self.namespace)
                a.metadata.labels = ["tier": "db"]
                _ = try await client.update(a)
                var b = try await client.get(ConfigMap.self, name: "b", namespace: Self.namespace)
                b.metadata.labels = ["tier": "web"]
                _ = try await client.update(b)
                _ = try await client.create(Self.configMap("d", labels: ["tier": "db"]))

                let selected = ListOptions(labelSelector: "tier=web")
                try await poll("the cache holds b and c") { watcher.store.list().map(\.name) == ["b", "c"] }
                let fresh = try await client.list(ConfigMap.self, namespace: Self.namespace, options: selected)
                #expect(Self.snapshot(watcher.store.list()) == Self.snapshot(fresh.items))
                #expect(watcher.store.byLabel(key: "tier", value: "db").isEmpty)
            }
        }
    }

    @Test("A watcher with a field selector caches only the named object")
    func fieldSelector() async throws {
        try await withClient { client in
            _ = try await client.create(Self.configMap("a", labels: [:]))
            _ = try await client.create(Self.configMap("b", labels: [:]))
            let watcher = Watcher<ConfigMap>(
                client: client,
                namespace: Self.namespace,
                fieldSelector: "metadata.name=b"
            )
            try await Self.running(watcher) {
                await watcher.store.waitUntilSynced()
                #expect(watcher.store.list().map(\.name) == ["b"])
                _ = try await client.delete(ConfigMap.self, name: "b", namespace: Self.namespace)
                try await poll("the cache is empty") { watcher.store.count == 0 }
            }
        }
    }

    @Test("A metadata-only watcher caches PartialObjectMetadata and converges with a metadata list")
    func metadataOnly() async throws {
        try await withClient { client in
            let owner = try await client.create(Self.configMap("owner", labels: ["role": "owner"]))
            var child = Self.configMap("child", labels: ["role": "child"])
            child.metadata.ownerReferences = [
                OwnerReference(
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    name: "owner",
                    uid: try #require(owner.metadata.uid)
                )
            ]
            _ = try await client.create(child)
            _ = try await client.create(Self.configMap("gone", labels: [:]))
            let watcher = Watcher(
                metadataOnly: ConfigMap.resource,
                client: client,
                namespace: Self.namespace,
                store: Store(transform: Store.dropManagedFields),
                configuration: .init(pageSize: 1, initialBackoff: .milliseconds(20))
            )
            try await Self.running(watcher) {
                await watcher.store.waitUntilSynced()
                #expect(watcher.store.list().map(\.name) == ["child", "gone", "owner"])
                #expect(watcher.store.list().allSatisfy { $0.kind == "PartialObjectMetadata" })
                #expect(watcher.store.byOwner(uid: try #require(owner.metadata.uid)).map(\.name) == ["child"])

                var changed = try await client.get(ConfigMap.self, name: "child", namespace: Self.namespace)
                changed.metadata.labels = ["role": "changed"]
                _ = try await client.update(changed)
                _ = try await client.create(Self.configMap("new", labels: [:]))
                _ = try await client.delete(ConfigMap.self, name: "gone", namespace: Self.namespace)

                try await poll("the cache equals a fresh metadata list") {
                    let fresh = try await client.list(metadataOf: ConfigMap.resource, namespace: Self.namespace)
                    return Self.snapshot(watcher.store.list()) == Self.snapshot(fresh.items)
                }
                let fresh = try await client.list(metadataOf: ConfigMap.resource, namespace: Self.namespace)
                #expect(Self.snapshot(watcher.store.list()) == Self.snapshot(fresh.items))
                let cached = watcher.store.get(ObjectKey(namespace: Self.namespace, name: "child"))
                #expect(cached?.metadata.labels == ["role": "changed"])
                #expect(cached?.metadata.managedFields == nil)
                #expect(watcher.store.list().map(\.name) == ["child", "new", "owner"])
            }
        }
    }

    @Test(
        "A watcher transforms each list page and event, once per object, and reports the objects as stored"
    )
    func transformPerPage() async throws {
        try await withClient { client in
            for name in ["a", "b", "c", "d", "e"] { _ = try await client.create(Self.configMap(name, labels: [:])) }
            let calls = Mutex(0)
            let store = Store<ConfigMap>(transform: { configMap in
                calls.withLock { $0 += 1 }
                var slim = configMap
                slim.data = nil
                return slim
            })
            let watcher = Watcher<ConfigMap>(
                client: client,
                namespace: Self.namespace,
                store: store,
                configuration: .init(pageSize: 2, initialBackoff: .milliseconds(20))
            )
            try await Self.running(watcher) {
                var events = watcher.events.makeAsyncIterator()
                guard case .replaced(let listed) = try #require(await events.next()) else {
                    Issue.record("the first event is not the list")
                    return
                }
                #expect(listed.map(\.name).sorted() == ["a", "b", "c", "d", "e"])
                #expect(listed.allSatisfy { $0.data == nil })
                #expect(watcher.store.list().allSatisfy { $0.data == nil })
                #expect(calls.withLock { $0 } == 5)

                _ = try await client.create(Self.configMap("f", labels: [:]))
                guard case .applied(let added) = try #require(await events.next()) else {
                    Issue.record("the next event is not the new object's")
                    return
                }
                #expect(added.type == .added && added.object.name == "f")
                #expect(added.object.data == nil, "a watch event reports its object as stored, too")
                #expect(watcher.store.get(ObjectKey(namespace: Self.namespace, name: "f"))?.data == nil)
                #expect(calls.withLock { $0 } == 6)
            }
        }
    }

    // MARK: - Support

    /// Starts a server and a client that never retries by itself; runs `body`; shuts both down.
    func withClient(_ body: (KubeClient) async throws -> Void) async throws {
        let server = try await KubeTestServer.start()
        do {
            var configuration = ClientConfiguration(
                server: try #require(URL(string: server.url)),
                certificateAuthorityPEM: server.caCertificatePEM,
                token: server.configuration.bearerToken
            )
            configuration.retryPolicy = .never
            let client = try KubeClient(configuration: configuration)
            do {
                try await body(client)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    /// Runs the watcher as a child task while `body` runs, then cancels it and waits for it to return.
    static func running<Object>(_ watcher: Watcher<Object>, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            try await body()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// Names and resourceVersions, sorted.
    static func snapshot<Object: KubernetesObject>(_ objects: [Object]) -> [String] {
        objects.map { "\($0.metadata.name ?? "")@\($0.metadata.resourceVersion ?? "")" }.sorted()
    }
}
