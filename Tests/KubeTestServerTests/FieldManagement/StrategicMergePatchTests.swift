import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Strategic merge patch")
struct StrategicMergePatchTests {
    typealias F = Fixtures

    static let live: JSONValue = {
        var object = F.deployment(
            labels: ["app": "web", "tier": "front"],
            replicas: 2,
            containers: [
                ["name": "web", "image": "nginx:1", "args": ["-a", "-b"], "ports": [["containerPort": 80]]],
                F.container("sidecar", image: "envoy:1"),
            ]
        )
        object[path: ["metadata", "finalizers"]] = ["example.com/a"]
        return object
    }()

    static func patch(_ patch: JSONValue) throws -> JSONValue {
        try StrategicMergePatch.apply(patch, to: live, schema: .builtIn)
    }

    @Test("kubectl label and annotate merge maps and delete with null")
    func labels() throws {
        let result = try Self.patch([
            "metadata": ["labels": ["team": "agri", "tier": nil], "annotations": ["note": "x", "gone": nil]]
        ])
        #expect(result[path: ["metadata", "labels"]] == ["app": "web", "team": "agri"])
        #expect(result[path: ["metadata", "annotations"]] == ["note": "x"])
    }

    @Test("kubectl scale replaces a scalar")
    func scale() throws {
        let result = try Self.patch(["spec": ["replicas": 5]])
        #expect(result[path: ["spec", "replicas"]] == 5)
        #expect(F.containerNames(result) == ["web", "sidecar"])
    }

    @Test("kubectl set image merges containers by name and keeps the other containers and fields")
    func setImage() throws {
        let result = try Self.patch([
            "spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:2"]]]]]
        ])
        let containers = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        #expect(containers.map { $0["image"] } == ["nginx:2", "envoy:1"])
        #expect(containers.first?["args"] == ["-a", "-b"])
    }

    /// Upstream `mergeSortedSlice` places server-only items after patch items they cannot be ordered against,
    /// so a new container lands right after the patched one.
    @Test("A new container follows the patch order and a container port without protocol matches the TCP port")
    func appendAndDefaultKey() throws {
        let result = try Self.patch([
            "spec": [
                "template": [
                    "spec": [
                        "containers": [
                            ["name": "web", "ports": [["containerPort": 80, "name": "http"]]],
                            ["name": "init", "image": "busybox"],
                        ]
                    ]
                ]
            ]
        ])
        let containers = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        #expect(F.containerNames(result) == ["web", "init", "sidecar"])
        #expect(containers.first?["ports"] == [["containerPort": 80, "name": "http"]])
    }

    @Test("$patch: delete removes the keyed item")
    func deleteItem() throws {
        let result = try Self.patch([
            "spec": ["template": ["spec": ["containers": [["name": "sidecar", "$patch": "delete"]]]]]
        ])
        #expect(F.containerNames(result) == ["web"])
    }

    @Test("$patch: replace replaces a list or an object")
    func replace() throws {
        let list = try Self.patch([
            "spec": ["template": ["spec": ["containers": [["$patch": "replace"], ["name": "only", "image": "x"]]]]]
        ])
        #expect(list[path: ["spec", "template", "spec", "containers"]] == [["name": "only", "image": "x"]])
        let object = try Self.patch(["metadata": ["labels": ["$patch": "replace", "new": "1"]]])
        #expect(object[path: ["metadata", "labels"]] == ["new": "1"])
        let emptied = try Self.patch(["metadata": ["labels": ["$patch": "delete"]]])
        #expect(emptied[path: ["metadata", "labels"]] == [:])
    }

    @Test("Atomic lists are replaced and sets are merged")
    func atomicAndSets() throws {
        let result = try Self.patch([
            "metadata": ["finalizers": ["example.com/b"]],
            "spec": ["template": ["spec": ["containers": [["name": "web", "args": ["-c"]]]]]],
        ])
        #expect(result[path: ["metadata", "finalizers"]] == ["example.com/b", "example.com/a"])
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["args"] == ["-c"])
    }

    @Test("$deleteFromPrimitiveList removes values and $retainKeys drops unlisted members")
    func primitiveDeletionAndRetainKeys() throws {
        let result = try Self.patch([
            "metadata": [
                "$deleteFromPrimitiveList/finalizers": ["example.com/a"],
                "labels": ["$retainKeys": ["app"]],
            ]
        ])
        #expect(result[path: ["metadata", "finalizers"]] == [])
        #expect(result[path: ["metadata", "labels"]] == ["app": "web"])
    }

    @Test("$setElementOrder orders the merged list")
    func setElementOrder() throws {
        let result = try Self.patch([
            "spec": [
                "template": [
                    "spec": [
                        "$setElementOrder/containers": [["name": "sidecar"], ["name": "web"]],
                        "containers": [["name": "web", "image": "nginx:3"]],
                    ]
                ]
            ]
        ])
        #expect(F.containerNames(result) == ["sidecar", "web"])
        let untouched = try Self.patch([
            "spec": ["template": ["spec": ["$setElementOrder/containers": [["name": "sidecar"], ["name": "web"]]]]]
        ])
        #expect(F.containerNames(untouched) == ["sidecar", "web"])
    }

    @Test("New members with directives or nulls inside are created clean")
    func newMembers() throws {
        let result = try Self.patch([
            "spec": ["strategy": ["type": "Recreate", "rollingUpdate": nil, "$retainKeys": ["type"]]]
        ])
        #expect(result[path: ["spec", "strategy"]] == ["type": "Recreate"])
    }

    @Test(
        "Malformed patches are rejected",
        arguments: [
            JSONValue.array([]),
            ["metadata": ["labels": ["$patch": "explode"]]],
            ["spec": ["template": ["spec": ["containers": [["image": "no-name"]]]]]],
        ]
    )
    func rejected(patch: JSONValue) {
        #expect(throws: StrategicMergePatch.InvalidPatch.self) { try Self.patch(patch) }
    }
}
