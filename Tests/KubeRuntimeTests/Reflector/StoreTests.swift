import KubeCore
import KubeRuntime
import Testing

@Suite("Store", .timeLimit(.minutes(1)))
struct StoreTests {
    static func configMap(
        _ name: String,
        namespace: String = "ns",
        resourceVersion: String = "1",
        uid: String? = nil,
        labels: [String: String]? = nil,
        owners: [String] = [],
        data: [String: String]? = nil
    ) -> ConfigMap {
        ConfigMap(
            metadata: ObjectMeta(
                name: name,
                namespace: namespace,
                uid: uid ?? "uid-\(name)",
                resourceVersion: resourceVersion,
                labels: labels,
                ownerReferences: owners.isEmpty
                    ? nil
                    : owners.map { OwnerReference(apiVersion: "v1", kind: "Owner", name: $0, uid: $0) },
                managedFields: [ManagedFieldsEntry(manager: "kubectl", operation: "Apply")]
            ),
            data: data
        )
    }

    static func key(_ name: String, namespace: String = "ns") -> ObjectKey {
        ObjectKey(namespace: namespace, name: name)
    }

    @Test("Replace swaps the whole content: objects missing from the new list disappear")
    func replace() {
        let store = Store<ConfigMap>()
        store.replace(all: [Self.configMap("a"), Self.configMap("b")], resourceVersion: "10")
        store.replace(all: [Self.configMap("b", resourceVersion: "11"), Self.configMap("c")], resourceVersion: "12")
        #expect(store.list().map(\.name) == ["b", "c"])
        #expect(store.get(Self.key("a")) == nil)
        #expect(store.get(Self.key("b"))?.metadata.resourceVersion == "11")
        #expect(store.resourceVersion == "12")
    }

    @Test("Events add, modify and delete objects, and bookmarks advance the resourceVersion")
    func events() {
        let store = Store<ConfigMap>()
        store.replace(all: [], resourceVersion: "1")
        store.apply(WatchEvent(type: .added, object: Self.configMap("a", resourceVersion: "2", data: ["k": "1"])))
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "3", data: ["k": "2"])))
        #expect(store.get(Self.key("a"))?.data == ["k": "2"])
        store.apply(WatchEvent(type: .deleted, object: Self.configMap("a", resourceVersion: "4")))
        #expect(store.get(Self.key("a")) == nil)
        #expect(store.count == 0)
        store.apply(WatchEvent(type: .bookmark, object: ConfigMap(metadata: ObjectMeta(resourceVersion: "9"))))
        #expect(store.resourceVersion == "9")
        #expect(store.count == 0)
    }

    @Test("The owner index finds children and forgets them when the owner reference goes")
    func ownerIndex() {
        let store = Store<ConfigMap>()
        store.replace(
            all: [
                Self.configMap("a", owners: ["o1"]), Self.configMap("b", owners: ["o1", "o2"]),
                Self.configMap("c"),
            ],
            resourceVersion: "1"
        )
        #expect(store.byOwner(uid: "o1").map(\.name) == ["a", "b"])
        #expect(store.byOwner(uid: "o2").map(\.name) == ["b"])
        store.apply(WatchEvent(type: .modified, object: Self.configMap("b", resourceVersion: "2", owners: ["o2"])))
        #expect(store.byOwner(uid: "o1").map(\.name) == ["a"])
        store.apply(WatchEvent(type: .deleted, object: Self.configMap("a", resourceVersion: "3")))
        #expect(store.byOwner(uid: "o1").isEmpty)
    }

    @Test("The label index and label selectors find labelled objects")
    func labels() throws {
        let store = Store<ConfigMap>()
        store.replace(
            all: [
                Self.configMap("a", labels: ["app": "web", "tier": "front"]),
                Self.configMap("b", labels: ["app": "db"]),
                Self.configMap("c", namespace: "other", labels: ["app": "web"]),
            ],
            resourceVersion: "1"
        )
        #expect(store.byLabel(key: "app", value: "web").map(\.name) == ["a", "c"])
        let selector = try LabelSelector(parsing: "app in (web,db),tier!=back")
        #expect(store.list(labelSelector: selector).map(\.name) == ["a", "b", "c"])
        #expect(store.list(namespace: "ns", labelSelector: selector).map(\.name) == ["a", "b"])
        #expect(store.list(namespace: "other").map(\.name) == ["c"])
    }

    @Test("A store indexing only some label keys answers by index for them and by scanning for the others")
    func indexedLabelKeys() {
        let store = Store<ConfigMap>(indexedLabelKeys: ["app"])
        store.replace(
            all: [
                Self.configMap("a", labels: ["app": "web", "tier": "front"]),
                Self.configMap("b", labels: ["app": "db", "tier": "front"]),
                Self.configMap("c", namespace: "other", labels: ["app": "web"]),
            ],
            resourceVersion: "1"
        )
        store.apply(
            WatchEvent(type: .modified, object: Self.configMap("b", resourceVersion: "2", labels: ["app": "web"]))
        )
        #expect(store.byLabel(key: "app", value: "web").map(\.name) == ["a", "b", "c"])
        #expect(store.byLabel(key: "tier", value: "front").map(\.name) == ["a"])
        #expect(store.byIndex(Store<ConfigMap>.labelIndex, value: "tier=front").isEmpty)
        store.apply(WatchEvent(type: .deleted, object: Self.configMap("a", resourceVersion: "3")))
        #expect(store.byLabel(key: "app", value: "web").map(\.name) == ["b", "c"])
        #expect(store.byLabel(key: "tier", value: "front").isEmpty)
    }

    @Test("Custom index functions are kept up to date")
    func customIndex() {
        let store = Store<ConfigMap>(indexers: ["secret": { object in object.data?["secretRef"].map { [$0] } ?? [] }])
        store.replace(
            all: [Self.configMap("a", data: ["secretRef": "s1"]), Self.configMap("b", data: ["secretRef": "s2"])],
            resourceVersion: "1"
        )
        #expect(store.byIndex("secret", value: "s1").map(\.name) == ["a"])
        store.apply(
            WatchEvent(type: .modified, object: Self.configMap("b", resourceVersion: "2", data: ["secretRef": "s1"]))
        )
        #expect(store.byIndex("secret", value: "s1").map(\.name) == ["a", "b"])
        #expect(store.byIndex("secret", value: "s2").isEmpty)
        #expect(store.byIndex("unknown", value: "s1").isEmpty)
    }

    @Test("The transform runs before storing, on lists and on events")
    func transform() {
        let store = Store<ConfigMap>(transform: Store.dropManagedFields)
        store.replace(all: [Self.configMap("a")], resourceVersion: "1")
        store.apply(WatchEvent(type: .added, object: Self.configMap("b")))
        #expect(store.get(Self.key("a"))?.metadata.managedFields == nil)
        #expect(store.get(Self.key("b"))?.metadata.managedFields == nil)
        #expect(Self.configMap("c").metadata.managedFields != nil)
    }

    @Test("waitUntilSynced returns once the first list is stored")
    func synced() async {
        let store = Store<ConfigMap>()
        #expect(!store.isSynced)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await store.waitUntilSynced() } }
            await settle()
            store.replace(all: [], resourceVersion: "1")
        }
        #expect(store.isSynced)
        await store.waitUntilSynced()
    }

    @Test("After our own write the key is stale until the event with that resourceVersion arrives")
    func readYourWrites() {
        let store = Store<ConfigMap>()
        store.replace(all: [Self.configMap("a", resourceVersion: "5")], resourceVersion: "5")
        store.recordWrite(Self.configMap("a", resourceVersion: "8"))
        #expect(!store.isFresh(Self.key("a")))
        guard case .stale = store.getFresh(Self.key("a")) else {
            Issue.record("expected a stale read")
            return
        }
        // An older event arriving after the write does not make the cache fresh.
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "6")))
        #expect(!store.isFresh(Self.key("a")))
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "8")))
        #expect(store.isFresh(Self.key("a")))
        guard case .fresh(let object) = store.getFresh(Self.key("a")) else {
            Issue.record("expected a fresh read")
            return
        }
        #expect(object?.metadata.resourceVersion == "8")
        #expect(store.isFresh(Self.key("b")), "keys without writes are fresh")
    }

    @Test("A write the cache already holds is fresh at once")
    func writeAlreadyObserved() {
        let store = Store<ConfigMap>()
        store.replace(all: [Self.configMap("a", resourceVersion: "8")], resourceVersion: "8")
        store.recordWrite(Self.configMap("a", resourceVersion: "8"))
        #expect(store.isFresh(Self.key("a")))
    }

    @Test("A write recorded after the watch already delivered it and a newer change is fresh at once")
    func writeRecordedLate() {
        let store = Store<ConfigMap>()
        store.replace(all: [Self.configMap("a", resourceVersion: "5")], resourceVersion: "5")
        // The watch delivers our write (8) and someone else's later change (9) before the writer records 8.
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "8")))
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "9")))
        store.recordWrite(Self.configMap("a", resourceVersion: "8"))
        #expect(store.isFresh(Self.key("a")))
        // A write the store has not observed is still pending.
        store.recordWrite(Self.configMap("a", resourceVersion: "12"))
        #expect(!store.isFresh(Self.key("a")))
    }

    @Test("Only the most recent observations are remembered for late-recorded writes")
    func recentObservationsAreBounded() {
        let store = Store<ConfigMap>()
        store.replace(all: [], resourceVersion: "1")
        store.apply(WatchEvent(type: .added, object: Self.configMap("a", resourceVersion: "2")))
        for index in 0..<Store<ConfigMap>.recentObservationCapacity {
            store.apply(
                WatchEvent(type: .added, object: Self.configMap("other-\(index)", resourceVersion: "\(index + 3)"))
            )
        }
        store.apply(WatchEvent(type: .modified, object: Self.configMap("a", resourceVersion: "99999")))
        store.recordWrite(Self.configMap("a", resourceVersion: "2"))
        #expect(!store.isFresh(Self.key("a")), "an observation older than the window is forgotten")
    }

    @Test("Deletion of the written object clears the write, deletion of an older incarnation does not")
    func deletionAfterWrite() {
        let store = Store<ConfigMap>()
        store.replace(all: [], resourceVersion: "1")
        store.recordWrite(Self.configMap("a", resourceVersion: "8", uid: "new"))
        store.apply(WatchEvent(type: .deleted, object: Self.configMap("a", resourceVersion: "7", uid: "old")))
        #expect(!store.isFresh(Self.key("a")))
        store.apply(WatchEvent(type: .deleted, object: Self.configMap("a", resourceVersion: "9", uid: "new")))
        #expect(store.isFresh(Self.key("a")))
    }

    @Test("A relist that started after the write clears it even if the written version was skipped")
    func relistCoversEarlierWrites() {
        let store = Store<ConfigMap>()
        store.replace(all: [Self.configMap("a", resourceVersion: "5")], resourceVersion: "5")
        store.recordWrite(Self.configMap("a", resourceVersion: "8"))
        // A relist without relistStarted() (e.g. one begun before the write) proves nothing.
        store.replace(all: [Self.configMap("a", resourceVersion: "9")], resourceVersion: "9")
        #expect(!store.isFresh(Self.key("a")))
        store.relistStarted()
        store.recordWrite(Self.configMap("b", resourceVersion: "10"))
        store.replace(all: [Self.configMap("a", resourceVersion: "9")], resourceVersion: "9")
        #expect(store.isFresh(Self.key("a")))
        #expect(!store.isFresh(Self.key("b")), "a write during the relist is not covered by it")
    }
}
