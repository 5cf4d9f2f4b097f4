import KubeCore
import KubeRuntime
import Testing

@Suite("Mapping watched objects to primary requests")
struct RequestMapperTests {
    static func child(
        _ name: String,
        namespace: String = "ns",
        owners: [OwnerReference] = []
    ) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)", ownerReferences: owners))
    }

    static func owner(
        kind: String = "Deployment",
        apiVersion: String = "apps/v1",
        name: String = "web",
        controller: Bool? = true
    ) -> OwnerReference {
        OwnerReference(apiVersion: apiVersion, kind: kind, name: name, uid: "uid-\(name)", controller: controller)
    }

    struct OwnerCase: Sendable, CustomTestStringConvertible {
        var label: String
        var owners: [OwnerReference]
        var expected: ReconcileRequest?
        var testDescription: String { label }
    }

    static let ownerCases: [OwnerCase] = [
        OwnerCase(
            label: "a controller owner of the primary kind",
            owners: [owner()],
            expected: .init(namespace: "ns", name: "web")
        ),
        OwnerCase(
            label: "another API version of the same group",
            owners: [owner(apiVersion: "apps/v1beta2")],
            expected: .init(namespace: "ns", name: "web")
        ),
        OwnerCase(label: "an owner that is not the controller", owners: [owner(controller: false)], expected: nil),
        OwnerCase(label: "an owner without the controller flag", owners: [owner(controller: nil)], expected: nil),
        OwnerCase(label: "a controller of another kind", owners: [owner(kind: "StatefulSet")], expected: nil),
        OwnerCase(
            label: "a controller of the same kind in another group",
            owners: [owner(apiVersion: "example.com/v1")],
            expected: nil
        ),
        OwnerCase(
            label: "a plain owner next to the controller owner",
            owners: [owner(name: "plain", controller: false), owner(name: "boss")],
            expected: .init(namespace: "ns", name: "boss")
        ),
        OwnerCase(label: "no owners", owners: [], expected: nil),
    ]

    @Test("A child maps to its controller owner of the primary kind and group only", arguments: ownerCases)
    func childMapsToControllerOwner(_ testCase: OwnerCase) {
        let request = ReconcileRequest.controllerOwner(
            of: Self.child("web-abc", owners: testCase.owners),
            ownerType: Deployment.self
        )
        #expect(request == testCase.expected)
    }

    @Test("A cluster-scoped owner is requested without a namespace")
    func clusterScopedOwner() {
        let child = Self.child("x", owners: [Self.owner(kind: "Namespace", apiVersion: "v1", name: "team")])
        #expect(
            ReconcileRequest.controllerOwner(of: child, ownerType: Namespace.self)
                == .init(namespace: nil, name: "team")
        )
    }

    @Test("The primary mapper requests each object itself, on events and relists")
    func primaryMapsToItself() {
        var mapper = RequestMapper<ConfigMap>.primary
        let a = Self.child("a")
        #expect(
            mapper.requests(for: .applied(WatchEvent(type: .added, object: a))) == [.init(namespace: "ns", name: "a")]
        )
        #expect(
            mapper.requests(for: .applied(WatchEvent(type: .deleted, object: a))) == [.init(namespace: "ns", name: "a")]
        )
        let relisted = mapper.requests(for: .replaced([Self.child("b"), Self.child("c")]))
        #expect(relisted == [.init(namespace: "ns", name: "b"), .init(namespace: "ns", name: "c")])
    }

    @Test("A child that changes owner queues both the old and the new owner")
    func ownerChangeQueuesBoth() {
        var mapper = RequestMapper<ConfigMap>.controllerOwner(Deployment.self)
        let before = Self.child("x", owners: [Self.owner(name: "old")])
        let after = Self.child("x", owners: [Self.owner(name: "new")])
        #expect(
            mapper.requests(for: .applied(WatchEvent(type: .added, object: before))) == [
                .init(namespace: "ns", name: "old")
            ]
        )
        let requests = mapper.requests(for: .applied(WatchEvent(type: .modified, object: after)))
        #expect(requests == [.init(namespace: "ns", name: "new"), .init(namespace: "ns", name: "old")])
        let deleted = mapper.requests(for: .applied(WatchEvent(type: .deleted, object: after)))
        #expect(deleted == [.init(namespace: "ns", name: "new")])
    }

    @Test("A relist queues the owners of children that disappeared while the watch was down")
    func relistQueuesVanishedChildren() {
        var mapper = RequestMapper<ConfigMap>.controllerOwner(Deployment.self)
        _ = mapper.requests(
            for: .applied(WatchEvent(type: .added, object: Self.child("x", owners: [Self.owner(name: "a")])))
        )
        _ = mapper.requests(
            for: .applied(WatchEvent(type: .added, object: Self.child("y", owners: [Self.owner(name: "b")])))
        )
        let requests = mapper.requests(for: .replaced([Self.child("y", owners: [Self.owner(name: "b")])]))
        #expect(Set(requests) == [.init(namespace: "ns", name: "a"), .init(namespace: "ns", name: "b")])
        #expect(requests.count == 2)
        // Once relisted, the vanished child is forgotten.
        #expect(mapper.requests(for: .replaced([])) == [.init(namespace: "ns", name: "b")])
    }

    @Test("A watches mapping fans one object out to every primary it names, without duplicates")
    func watchesMapping() {
        var mapper = RequestMapper<Secret> { secret in
            (secret.metadata.annotations?["used-by"] ?? "").split(separator: ",").map {
                ReconcileRequest(namespace: secret.metadata.namespace, name: String($0))
            }
        }
        let secret = Secret(
            metadata: ObjectMeta(name: "creds", namespace: "ns", annotations: ["used-by": "a,b,a"])
        )
        let requests = mapper.requests(for: .applied(WatchEvent(type: .modified, object: secret)))
        #expect(requests == [.init(namespace: "ns", name: "a"), .init(namespace: "ns", name: "b")])
    }

    @Test("Bookmarks and errors map to nothing")
    func bookmarksMapToNothing() {
        var mapper = RequestMapper<ConfigMap>.primary
        #expect(mapper.requests(for: .applied(WatchEvent(type: .bookmark, object: Self.child("a")))).isEmpty)
    }
}
