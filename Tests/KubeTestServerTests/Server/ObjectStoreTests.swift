import Foundation
import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Object storage semantics")
struct ObjectStoreTests {
    static let deployments = BuiltInResources.types.first { $0.plural == "deployments" }!
    static let configMaps = BuiltInResources.types.first { $0.plural == "configmaps" }!

    static func deployment(_ name: String, namespace: String = "default", replicas: Int64 = 1) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": [
                "replicas": .integer(replicas), "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": ["containers": [["name": "web", "image": "nginx"]]],
                ],
            ],
        ]
    }

    static func configMap(_ name: String, labels: [String: String] = [:], owner: String? = nil) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"],
        ]
        object[path: ["metadata", "labels"]] = .object(JSONObject(strings: labels))
        if let owner {
            object[path: ["metadata", "ownerReferences"]] = [
                [
                    "apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": .string(owner),
                    "blockOwnerDeletion": true,
                ]
            ]
        }
        return object
    }

    @Test("Create assigns uid, resourceVersion and generation 1, and a second create is AlreadyExists")
    func create() async throws {
        let store = ObjectStore()
        let created = try await store.create(Self.deployments, object: Self.deployment("web"))
        #expect(ObjectRules.uid(of: created).isEmpty == false)
        #expect(created[path: ["metadata", "generation"]] == 1)
        #expect(ObjectRules.resourceVersion(of: created) == String(await store.revision))
        await #expect(throws: APIError.alreadyExists(Self.deployments.groupResource, name: "web")) {
            try await store.create(Self.deployments, object: Self.deployment("web"))
        }
    }

    @Test("Creating in a missing namespace is NotFound for the namespace")
    func missingNamespace() async throws {
        let store = ObjectStore()
        await #expect(throws: APIError.namespaceNotFound("nope")) {
            try await store.create(Self.deployments, object: Self.deployment("web", namespace: "nope"))
        }
    }

    @Test("An update with a stale resourceVersion is a Conflict; spec changes bump generation, status does not")
    func updateConflictAndGeneration() async throws {
        let store = ObjectStore()
        let created = try await store.create(Self.deployments, object: Self.deployment("web"))
        let scaled = try await store.update(Self.deployments, namespace: "default", name: "web") { old in
            var new = old!
            new[path: ["spec", "replicas"]] = 3
            return new
        }.object
        #expect(scaled[path: ["metadata", "generation"]] == 2)
        let error = await #expect(throws: APIError.self) {
            try await store.update(Self.deployments, namespace: "default", name: "web") { _ in created }
        }
        #expect(error?.reason == "Conflict")
        #expect(error?.status.message?.contains("the object has been modified") == true)
        let withStatus = try await store.update(
            Self.deployments,
            namespace: "default",
            name: "web",
            subresource: "status"
        ) { old in
            var new = old!
            new["status"] = ["replicas": 3]
            new[path: ["spec", "replicas"]] = 9
            return new
        }.object
        #expect(withStatus[path: ["status", "replicas"]] == 3)
        #expect(withStatus[path: ["spec", "replicas"]] == 3)
        #expect(withStatus[path: ["metadata", "generation"]] == 2)
        let mainIgnoresStatus = try await store.update(Self.deployments, namespace: "default", name: "web") { old in
            var new = old!
            new["status"] = ["replicas": 7]
            return new
        }.object
        #expect(mainIgnoresStatus[path: ["status", "replicas"]] == 3)
    }

    @Test("A no-op update keeps the resourceVersion")
    func noOpUpdate() async throws {
        let store = ObjectStore()
        let created = try await store.create(Self.configMaps, object: Self.configMap("a"))
        let updated = try await store.update(Self.configMaps, namespace: "default", name: "a") { $0! }.object
        #expect(ObjectRules.resourceVersion(of: updated) == ObjectRules.resourceVersion(of: created))
    }

    @Test("Finalizers keep a deleted object until the last one is removed")
    func finalizers() async throws {
        let store = ObjectStore()
        var object = Self.configMap("a")
        object[path: ["metadata", "finalizers"]] = ["example.com/hold"]
        _ = try await store.create(Self.configMaps, object: object)
        guard case .pending(let pending) = try await store.delete(Self.configMaps, namespace: "default", name: "a")
        else {
            Issue.record("expected a pending deletion")
            return
        }
        #expect(ObjectRules.isBeingDeleted(pending))
        _ = try await store.update(Self.configMaps, namespace: "default", name: "a") { old in
            var new = old!
            new[path: ["metadata", "finalizers"]] = []
            return new
        }
        await #expect(throws: APIError.notFound(Self.configMaps.groupResource, name: "a")) {
            try await store.get(Self.configMaps, namespace: "default", name: "a")
        }
        #expect(await store.storedUIDsMatchObjects())
    }

    @Test("Deleting an owner deletes its dependents; Orphan removes the owner references instead")
    func garbageCollection() async throws {
        let store = ObjectStore()
        let owner = try await store.create(Self.deployments, object: Self.deployment("web"))
        _ = try await store.create(Self.configMaps, object: Self.configMap("child", owner: ObjectRules.uid(of: owner)))
        _ = try await store.delete(Self.deployments, namespace: "default", name: "web")
        #expect(try await store.list(Self.configMaps, namespace: "default").items.isEmpty)

        let second = try await store.create(Self.deployments, object: Self.deployment("web"))
        _ = try await store.create(Self.configMaps, object: Self.configMap("kept", owner: ObjectRules.uid(of: second)))
        _ = try await store.delete(Self.deployments, namespace: "default", name: "web", propagationPolicy: .orphan)
        let kept = try await store.get(Self.configMaps, namespace: "default", name: "kept")
        #expect(kept[path: ["metadata", "ownerReferences"]] == nil)
        #expect(await store.storedUIDsMatchObjects())
    }

    @Test("An object created for an owner that does not exist is collected at once; one with a live owner stays")
    func ownerLookup() async throws {
        let store = ObjectStore()
        let owner = try await store.create(Self.deployments, object: Self.deployment("web"))
        _ = try await store.create(Self.configMaps, object: Self.configMap("owned", owner: ObjectRules.uid(of: owner)))
        _ = try await store.create(Self.configMaps, object: Self.configMap("orphan", owner: "no-such-uid"))
        let names = try await store.list(Self.configMaps, namespace: "default").items.map(ObjectRules.name(of:))
        #expect(names == ["owned"])
        // Updating the owner keeps its UID counted once; replacing it under the same name counts the new UID.
        _ = try await store.update(Self.deployments, namespace: "default", name: "web") { old in
            var new = old!
            new[path: ["spec", "replicas"]] = 3
            return new
        }
        #expect(await store.storedUIDsMatchObjects())
        _ = try await store.delete(Self.deployments, namespace: "default", name: "web")
        #expect(try await store.list(Self.configMaps, namespace: "default").items.isEmpty)
        #expect(await store.storedUIDsMatchObjects())
    }

    @Test("Foreground deletion removes the owner only after its dependents")
    func foreground() async throws {
        let store = ObjectStore()
        let owner = try await store.create(Self.deployments, object: Self.deployment("web"))
        var child = Self.configMap("child", owner: ObjectRules.uid(of: owner))
        child[path: ["metadata", "finalizers"]] = ["example.com/hold"]
        _ = try await store.create(Self.configMaps, object: child)
        let result = try await store.delete(
            Self.deployments,
            namespace: "default",
            name: "web",
            propagationPolicy: .foreground
        )
        guard case .pending(let pending) = result else {
            Issue.record("expected the owner to wait for its dependent")
            return
        }
        #expect(ObjectRules.finalizers(of: pending).contains("foregroundDeletion"))
        _ = try await store.update(Self.configMaps, namespace: "default", name: "child") { old in
            var new = old!
            new[path: ["metadata", "finalizers"]] = nil
            return new
        }
        await #expect(throws: APIError.self) {
            try await store.get(Self.deployments, namespace: "default", name: "web")
        }
    }

    @Test("Foreground deletion completes at once when no dependent has a finalizer")
    func foregroundImmediate() async throws {
        let store = ObjectStore()
        let owner = try await store.create(Self.deployments, object: Self.deployment("web"))
        _ = try await store.create(Self.configMaps, object: Self.configMap("child", owner: ObjectRules.uid(of: owner)))
        let result = try await store.delete(
            Self.deployments,
            namespace: "default",
            name: "web",
            propagationPolicy: .foreground
        )
        guard case .deleted = result else {
            Issue.record("expected the owner to be gone")
            return
        }
        #expect(try await store.list(Self.configMaps, namespace: nil).items.isEmpty)
        #expect(await store.storedUIDsMatchObjects())
    }

    @Test("Deleting a namespace deletes its objects")
    func namespaceDeletion() async throws {
        let store = ObjectStore()
        let namespaces = BuiltInResources.types[0]
        _ = try await store.create(namespaces, object: ["metadata": ["name": "team"]])
        var object = Self.configMap("a")
        object[path: ["metadata", "namespace"]] = "team"
        _ = try await store.create(Self.configMaps, object: object)
        _ = try await store.delete(namespaces, namespace: nil, name: "team")
        #expect(try await store.list(Self.configMaps, namespace: "team").items.isEmpty)
        await #expect(throws: APIError.self) { try await store.get(namespaces, namespace: nil, name: "team") }
        #expect(await store.storedUIDsMatchObjects())
    }

    @Test("Lists page with limit and continue in key order")
    func paging() async throws {
        let store = ObjectStore()
        for name in ["c", "a", "b"] { _ = try await store.create(Self.configMaps, object: Self.configMap(name)) }
        let first = try await store.list(Self.configMaps, namespace: "default", limit: 2)
        #expect(first.items.map(ObjectRules.name(of:)) == ["a", "b"])
        #expect(first.remainingItemCount == 1)
        let token = try #require(first.continueToken)
        let second = try await store.list(Self.configMaps, namespace: "default", limit: 2, continueToken: token)
        #expect(second.items.map(ObjectRules.name(of:)) == ["c"])
        #expect(second.continueToken == nil)
        await store.compactHistory()
        _ = try await store.create(Self.configMaps, object: Self.configMap("d"))
        await store.compactHistory()
        await #expect(throws: APIError.expiredContinue) {
            try await store.list(Self.configMaps, namespace: "default", limit: 2, continueToken: token)
        }
    }

    @Test("Lists see objects created and deleted between them, before and after a page's last key")
    func listsFollowWrites() async throws {
        let store = ObjectStore()
        for name in ["b", "d", "f"] { _ = try await store.create(Self.configMaps, object: Self.configMap(name)) }
        let first = try await store.list(Self.configMaps, namespace: "default", limit: 2)
        #expect(first.items.map(ObjectRules.name(of:)) == ["b", "d"])
        for name in ["a", "e"] { _ = try await store.create(Self.configMaps, object: Self.configMap(name)) }
        _ = try await store.delete(Self.configMaps, namespace: "default", name: "f")
        let token = try #require(first.continueToken)
        let rest = try await store.list(Self.configMaps, namespace: "default", continueToken: token)
        #expect(rest.items.map(ObjectRules.name(of:)) == ["e"])
        let all = try await store.list(Self.configMaps, namespace: "default")
        #expect(all.items.map(ObjectRules.name(of:)) == ["a", "b", "d", "e"])
        let selected = try await store.list(
            Self.configMaps,
            namespace: "default",
            labels: try SelectorQuery(labelSelector: "app notin (web),!missing")
        )
        #expect(selected.items.map(ObjectRules.name(of:)) == ["a", "b", "d", "e"])
    }

    @Test("Lists and watch events send a stored object's text: the bytes serializing it writes, renewed by each write")
    func serializedText() async throws {
        let store = ObjectStore()
        let (id, stream) = try await store.watch(Self.configMaps, namespace: "default", resourceVersion: nil)
        // Escapes and a non-ASCII key: the cases where the writer's output is easiest to get wrong.
        var object = Self.configMap("a", labels: ["app": "web \"quoted\"\n"])
        object["data"] = ["zoë": "1", "a/b": "\u{1}"]
        _ = try await store.create(Self.configMaps, object: object)
        let first = try await store.list(Self.configMaps, namespace: "default")
        _ = try await store.update(Self.configMaps, namespace: "default", name: "a") { old in
            var new = old!
            new[path: ["data", "zoë"]] = "2"
            return new
        }
        let second = try await store.list(Self.configMaps, namespace: "default")
        await store.cancelWatch(id)

        for list in [first, second] {
            let item = try #require(list.serializedItems.first)
            #expect(item.serialized == (try item.object.serialized()))
            let metadata: JSONValue = ["resourceVersion": .string(String(list.resourceVersion))]
            let body = APIServer.listBody(
                apiVersion: "v1",
                kind: "ConfigMapList",
                metadata: metadata,
                items: list.serializedItems
            )
            let whole: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMapList", "metadata": metadata, "items": .array(list.items),
            ]
            #expect(body == (try whole.serialized()))
        }
        #expect(first.items[0][path: ["data", "zoë"]] == "1")
        #expect(second.items[0][path: ["data", "zoë"]] == "2")
        #expect(String(decoding: second.serializedItems[0].serialized, as: UTF8.self).contains(#""zoë":"2""#))

        var lines = 0
        for await message in stream {
            guard case .event(let type, let object, let stored) = message else { continue }
            let text = try #require(stored, "an ADDED or MODIFIED event carries the stored object's text")
            #expect(text.object == object)
            #expect(APIServer.eventLine(message) == APIServer.eventLine(.event(type: type, object: object)))
            lines += 1
        }
        #expect(lines == 2)
    }

    @Test("A custom resource served in another version than stored gets its own text, with that version")
    func serializedTextConverted() throws {
        var widgets = Self.configMaps
        widgets.group = "example.com"
        widgets.version = "v2"
        widgets.isCustom = true
        let stored = SerializedObject(["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"]])
        let served = ObjectStore.converted(stored, to: widgets)
        #expect(served !== stored)
        #expect(served.object["apiVersion"] == "example.com/v2")
        #expect(served.serialized == (try served.object.serialized()))
        widgets.version = "v1"
        #expect(ObjectStore.converted(stored, to: widgets) === stored)
    }

    @Test("A watch resumes after a resourceVersion and reports selector moves as ADDED and DELETED")
    func watchResume() async throws {
        let store = ObjectStore()
        let start = String(await store.revision)
        _ = try await store.create(Self.configMaps, object: Self.configMap("a", labels: ["app": "web"]))
        _ = try await store.update(Self.configMaps, namespace: "default", name: "a") { old in
            var new = old!
            new[path: ["metadata", "labels", "app"]] = "db"
            return new
        }
        let (id, stream) = try await store.watch(
            Self.configMaps,
            namespace: "default",
            labels: try SelectorQuery(labelSelector: "app=web"),
            resourceVersion: start
        )
        await store.sendBookmark(to: id, kind: "ConfigMap")
        await store.cancelWatch(id)
        var types: [String] = []
        for await message in stream {
            if case .event(let type, _, _) = message { types.append(type) }
        }
        #expect(types == ["ADDED", "DELETED", "BOOKMARK"])
    }

    @Test("A watch from a compacted resourceVersion is 410 Expired")
    func watchExpired() async throws {
        let store = ObjectStore(historyLimit: 2)
        for name in ["a", "b", "c", "d"] { _ = try await store.create(Self.configMaps, object: Self.configMap(name)) }
        let error = await #expect(throws: APIError.self) {
            try await store.watch(Self.configMaps, namespace: nil, resourceVersion: "2")
        }
        #expect(error?.code == 410)
        #expect(error?.status.message?.hasPrefix("too old resource version: 2") == true)
    }

    @Test("A watch from resourceVersion 0 starts with ADDED for every object")
    func watchInitialEvents() async throws {
        let store = ObjectStore()
        for name in ["a", "b"] { _ = try await store.create(Self.configMaps, object: Self.configMap(name)) }
        let (id, stream) = try await store.watch(Self.configMaps, namespace: "default", resourceVersion: "0")
        await store.cancelWatch(id)
        var names: [String] = []
        for await case .event("ADDED", let object, _) in stream { names.append(ObjectRules.name(of: object)) }
        #expect(names == ["a", "b"])
    }

    @Test("Creating a CRD serves its resource; deleting it removes the resource and its objects")
    func customResourceDefinition() async throws {
        let store = ObjectStore()
        let crds = BuiltInResources.types.first { $0.plural == "customresourcedefinitions" }!
        let crd: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "singular": "widget", "kind": "Widget"],
                "versions": [
                    [
                        "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                        "schema": ["openAPIV3Schema": ["type": "object"]],
                    ]
                ],
            ],
        ]
        let stored = try await store.create(crds, object: crd)
        #expect(stored[path: ["status", "conditions"]]?.arrayValue?.count == 2)
        let widgets = try #require(await store.resourceType(group: "example.com", version: "v1", plural: "widgets"))
        #expect(widgets.hasStatus)
        _ = try await store.create(
            widgets,
            object: [
                "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w", "namespace": "default"],
            ]
        )
        _ = try await store.delete(crds, namespace: nil, name: "widgets.example.com")
        #expect(await store.resourceType(group: "example.com", version: "v1", plural: "widgets") == nil)
        #expect(await store.allObjects(of: widgets.groupResource).isEmpty)
    }

    @Test("Dropping all watches finishes their streams")
    func dropWatches() async throws {
        let store = ObjectStore()
        let (_, stream) = try await store.watch(Self.configMaps, namespace: nil, resourceVersion: nil)
        #expect(await store.openWatchCount == 1)
        await store.dropAllWatches()
        var count = 0
        for await _ in stream { count += 1 }
        #expect(count == 0)
        #expect(await store.openWatchCount == 0)
    }
}
