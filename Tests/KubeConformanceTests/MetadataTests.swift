import Foundation
import KubeClient
import KubeCore
import KubeTestServer
import Testing

/// Metadata-only reads: `Accept: application/json;as=PartialObjectMetadata(List);g=meta.k8s.io;v=v1`.
@Suite("Conformance: metadata-only reads", .timeLimit(.minutes(1)))
struct MetadataTests {
    /// An owner and a child that references it, labelled and with data.
    static func makeFamily(_ env: Conformance.Environment) async throws -> (owner: ConfigMap, child: ConfigMap) {
        let owner = try await env.client.create(env.configMap("owner", data: ["role": "owner"]))
        var child = env.configMap("child", labels: ["app": "farm"], data: ["password": "not-in-metadata"])
        child.metadata.ownerReferences = [
            OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: try #require(owner.metadata.uid))
        ]
        return (owner, try await env.client.create(child))
    }

    @Test("A metadata list has labels, ownerReferences and resourceVersions, and no data")
    func list() async throws {
        try await Conformance.run { env in
            let (owner, child) = try await Self.makeFamily(env)
            let list = try await env.client.list(metadataOf: ConfigMap.resource, namespace: env.namespace)
            #expect(list.kind == "PartialObjectMetadataList")
            #expect(list.apiVersion == "meta.k8s.io/v1")
            #expect(list.metadata.resourceVersion?.isEmpty == false)
            let items = Dictionary(uniqueKeysWithValues: list.items.map { ($0.metadata.name ?? "", $0) })
            let cached = try #require(items["child"])
            #expect(cached.kind == "PartialObjectMetadata")
            #expect(cached.apiVersion == "meta.k8s.io/v1")
            #expect(cached.metadata.labels == ["app": "farm"])
            #expect(cached.metadata.ownerReferences?.map(\.uid) == [owner.metadata.uid].compactMap { $0 })
            #expect(cached.metadata.resourceVersion == child.metadata.resourceVersion)
            #expect(cached.metadata.uid == child.metadata.uid)

            let raw = try await env.client.send(KubeRequest.listMetadata(ConfigMap.resource, namespace: env.namespace))
            let json = try JSONValue(parsing: raw.body)
            let rawItems = json["items"]?.arrayValue ?? []
            #expect(rawItems.count == list.items.count)
            for item in rawItems {
                #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == ["apiVersion", "kind", "metadata"])
            }
        }
    }

    @Test("A metadata get returns one PartialObjectMetadata")
    func get() async throws {
        try await Conformance.run { env in
            let (_, child) = try await Self.makeFamily(env)
            let metadata = try await env.client.get(
                metadataOf: ConfigMap.resource,
                name: "child",
                namespace: env.namespace
            )
            #expect(metadata.kind == "PartialObjectMetadata")
            #expect(metadata.metadata.labels == ["app": "farm"])
            #expect(metadata.metadata.resourceVersion == child.metadata.resourceVersion)
        }
    }

    @Test("A metadata watch sends PartialObjectMetadata for ADDED, MODIFIED and DELETED")
    func watch() async throws {
        try await Conformance.run { env in
            let start = try await env.client.list(metadataOf: ConfigMap.resource, namespace: env.namespace)
            let stream = try await env.client.watch(
                metadataOf: ConfigMap.resource,
                namespace: env.namespace,
                options: WatchOptions(resourceVersion: start.metadata.resourceVersion, timeoutSeconds: 30)
            )
            var object = try await env.client.create(env.configMap("watched", labels: ["v": "1"], data: ["k": "v"]))
            object.metadata.labels = ["v": "2"]
            _ = try await env.client.update(object)
            _ = try await env.client.delete(ConfigMap.self, name: "watched", namespace: env.namespace)

            var seen: [(WatchEvent<PartialObjectMetadata>.EventType, String?, String?)] = []
            for try await event in stream where event.type != .bookmark {
                seen.append((event.type, event.object.kind, event.object.metadata.labels?["v"]))
                if seen.count == 3 { break }
            }
            #expect(seen.map(\.0) == [.added, .modified, .deleted])
            #expect(seen.map(\.1) == Array(repeating: "PartialObjectMetadata", count: 3))
            #expect(seen.map(\.2) == ["1", "2", "2"])
        }
    }

    @Test(
        "An unsupported as= without a fallback is 406 Not Acceptable; with a fallback the full object comes back",
        arguments: [
            ("application/json;as=Foo;g=meta.k8s.io;v=v1", nil),
            ("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1alpha1", nil),
            ("application/json;as=Foo;g=meta.k8s.io;v=v1,application/json", "ConfigMapList"),
        ] as [(String, String?)]
    )
    func negotiation(accept: String, expectedKind: String?) async throws {
        try await Conformance.run { env in
            _ = try await env.client.create(env.configMap("a", data: ["k": "v"]))
            var request = KubeRequest.list(ConfigMap.resource, namespace: env.namespace)
            request.headers = [KubeRequest.Header("Accept", accept)]
            if let expectedKind {
                let response = try await env.client.send(request)
                let json = try JSONValue(parsing: response.body)
                #expect(json["kind"]?.stringValue == expectedKind)
                #expect(json["items"]?.arrayValue?.first?["data"] == ["k": "v"])
            } else {
                let code = await env.errorCode { _ = try await env.client.send(request) }
                #expect(code == .notAcceptable)
            }
        }
    }

    @Test("Asking for a single PartialObjectMetadata on a list is 406 Not Acceptable")
    func listAsSingleObject() async throws {
        try await Conformance.run { env in
            var request = KubeRequest.list(ConfigMap.resource, namespace: env.namespace)
            request.headers = [
                KubeRequest.Header("Accept", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1")
            ]
            let code = await env.errorCode { _ = try await env.client.send(request) }
            #expect(code == .notAcceptable)
        }
    }

    @Test("A label-selected watch sends DELETED with the last matching labels when an object leaves the selection")
    func leavingTheSelection() async throws {
        try await Conformance.run { env in
            var object = try await env.client.create(env.configMap("mover", labels: ["watched": "yes"]))
            let stream = try await env.client.watch(
                ConfigMap.self,
                namespace: env.namespace,
                options: WatchOptions(
                    labelSelector: "watched=yes",
                    resourceVersion: object.metadata.resourceVersion,
                    timeoutSeconds: 30
                )
            )
            object.metadata.labels = ["watched": "no"]
            let moved = try await env.client.update(object)
            for try await event in stream where event.type != .bookmark {
                #expect(event.type == .deleted)
                #expect(event.object.metadata.labels == ["watched": "yes"])
                #expect(event.object.metadata.resourceVersion == moved.metadata.resourceVersion)
                break
            }
        }
    }
}
