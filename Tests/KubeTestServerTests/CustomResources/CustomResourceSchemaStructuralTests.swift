import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Custom resource defaulting, pruning and merge semantics")
struct CustomResourceSchemaStructuralTests {
    let schema = CustomResourceSchema(
        openAPIV3Schema: [
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object",
                    "default": [:],
                    "properties": [
                        "replicas": ["type": "integer", "default": 1],
                        "strategy": [
                            "type": "object",
                            "default": ["type": "Rolling"],
                            "properties": [
                                "type": ["type": "string"],
                                "maxSurge": ["type": "integer", "default": 25],
                            ],
                        ],
                        "note": ["type": "string", "default": "none"],
                        "label": ["type": "string", "nullable": true, "default": "x"],
                        "ports": [
                            "type": "array",
                            "x-kubernetes-list-type": "map",
                            "x-kubernetes-list-map-keys": ["port", "protocol"],
                            "items": [
                                "type": "object",
                                "properties": [
                                    "port": ["type": "integer"],
                                    "protocol": ["type": "string", "default": "TCP"],
                                ],
                            ],
                        ],
                        "tags": ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]],
                        "args": ["type": "array", "items": ["type": "string"]],
                        "selector": [
                            "type": "object",
                            "x-kubernetes-map-type": "atomic",
                            "additionalProperties": ["type": "string"],
                        ],
                        "pools": [
                            "type": "object",
                            "additionalProperties": [
                                "type": "object",
                                "properties": ["size": ["type": "integer", "default": 3]],
                            ],
                        ],
                        "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                        "template": [
                            "type": "object",
                            "x-kubernetes-embedded-resource": true,
                            "properties": ["spec": ["type": "object"]],
                        ],
                    ],
                ],
                "status": ["type": "object", "properties": ["ready": ["type": "boolean"]]],
            ],
        ]
    )

    @Test("Defaults fill absent fields recursively, including the defaults' own defaults")
    func nestedDefaults() {
        let defaulted = schema.applyingDefaults(to: ["apiVersion": "a/v1", "kind": "K"])
        #expect(defaulted[path: ["spec", "replicas"]] == 1)
        #expect(defaulted[path: ["spec", "strategy"]] == ["type": "Rolling", "maxSurge": 25])
        #expect(defaulted[path: ["spec", "note"]] == "none")
        #expect(defaulted["status"] == nil)
    }

    @Test("Present values are kept and null is replaced only where the field is not nullable")
    func presentAndNull() {
        let defaulted = schema.applyingDefaults(to: ["spec": ["replicas": 5, "note": nil, "label": nil]])
        #expect(defaulted[path: ["spec", "replicas"]] == 5)
        #expect(defaulted[path: ["spec", "note"]] == "none")
        #expect(defaulted[path: ["spec", "label"]] == .null)
    }

    @Test("Defaults reach array items and additionalProperties values")
    func arraysAndMaps() {
        let defaulted = schema.applyingDefaults(
            to: [
                "spec": [
                    "ports": [["port": 80], ["port": 53, "protocol": "UDP"]], "pools": ["a": [:], "b": ["size": 9]],
                ]
            ]
        )
        #expect(
            defaulted[path: ["spec", "ports"]] == [["port": 80, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]]
        )
        #expect(defaulted[path: ["spec", "pools"]] == ["a": ["size": 3], "b": ["size": 9]])
    }

    @Test("Pruning drops unknown fields and keeps apiVersion, kind and metadata at the root")
    func pruning() {
        let object: JSONValue = [
            "apiVersion": "a/v1", "kind": "K", "metadata": ["name": "n", "anything": 1], "junk": 1,
            "spec": [
                "replicas": 2, "unknown": true, "ports": [["port": 1, "bogus": 2]],
                "pools": ["x": ["size": 1, "y": 2]],
            ],
            "status": ["ready": true, "phase": "Up"],
        ]
        let pruned = schema.pruning(object)
        #expect(
            pruned == [
                "apiVersion": "a/v1", "kind": "K", "metadata": ["name": "n", "anything": 1],
                "spec": ["replicas": 2, "ports": [["port": 1]], "pools": ["x": ["size": 1]]],
                "status": ["ready": true],
            ]
        )
    }

    @Test("Pruning keeps everything under x-kubernetes-preserve-unknown-fields and type meta of embedded resources")
    func preserveUnknown() {
        let object: JSONValue = [
            "spec": [
                "extra": ["free": ["form": [1, 2]]],
                "template": [
                    "apiVersion": "v1", "kind": "Pod", "metadata": ["labels": ["a": "b"]], "spec": [:], "x": 1,
                ],
                "selector": ["app": "web"],
            ]
        ]
        let pruned = schema.pruning(object)
        #expect(pruned[path: ["spec", "extra"]] == ["free": ["form": [1, 2]]])
        #expect(
            pruned[path: ["spec", "template"]]
                == ["apiVersion": "v1", "kind": "Pod", "metadata": ["labels": ["a": "b"]], "spec": [:]]
        )
        #expect(pruned[path: ["spec", "selector"]] == ["app": "web"])
    }

    @Test("Merge schema reads list types, map keys and atomic maps by field path")
    func mergeSchema() {
        let merge = schema.mergeSchema
        #expect(merge.listType(["spec", "ports"]) == .map(keys: ["port", "protocol"]))
        #expect(merge.listType(["spec", "tags"]) == .set)
        #expect(merge.listType(["spec", "args"]) == .atomic)
        #expect(merge.listType(["spec", "missing"]) == .atomic)
        #expect(merge.isAtomicObject(["spec", "selector"]))
        #expect(!merge.isAtomicObject(["spec", "strategy"]))
        #expect(!merge.isAtomicObject(["spec", "ports"]))
    }

    @Test("Merge schema skips list levels and follows additionalProperties")
    func mergeSchemaNested() {
        let nested = CustomResourceSchema(
            openAPIV3Schema: [
                "type": "object",
                "properties": [
                    "spec": [
                        "type": "object",
                        "properties": [
                            "containers": [
                                "type": "array",
                                "items": [
                                    "type": "object",
                                    "properties": [
                                        "env": [
                                            "type": "array", "x-kubernetes-list-type": "map",
                                            "x-kubernetes-list-map-keys": ["name"],
                                            "items": ["type": "object"],
                                        ]
                                    ],
                                ],
                            ],
                            "groups": [
                                "type": "object",
                                "additionalProperties": [
                                    "type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"],
                                ],
                            ],
                        ],
                    ]
                ],
            ]
        )
        #expect(nested.mergeSchema.listType(["spec", "containers", "env"]) == .map(keys: ["name"]))
        #expect(nested.mergeSchema.listType(["spec", "groups", "anyKey"]) == .set)
    }
}
