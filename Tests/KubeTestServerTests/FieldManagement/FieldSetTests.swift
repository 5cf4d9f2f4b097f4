import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Field sets and their fieldsV1 encoding")
struct FieldSetTests {
    @Test("Associative-list items are keyed by compact sorted JSON, with a dot entry for the item itself")
    func keyedItemsEncoding() {
        let config = Fixtures.deployment(containers: [
            ["name": "web", "image": "nginx", "ports": [["containerPort": 80]]]
        ])
        let set = FieldSet(of: config, schema: .builtIn)
        let containers = set.fieldsV1[path: ["f:spec", "f:template", "f:spec", "f:containers"]]
        let expected: JSONValue = [
            #"k:{"name":"web"}"#: [
                ".": [:], "f:name": [:], "f:image": [:],
                "f:ports": [#"k:{"containerPort":80,"protocol":"TCP"}"#: [".": [:], "f:containerPort": [:]]],
            ]
        ]
        #expect(containers == expected)
    }

    @Test("Set items are encoded as v: with their JSON value")
    func setItemsEncoding() {
        let object: JSONValue = ["metadata": ["finalizers": ["example.com/a", "example.com/b"]]]
        let set = FieldSet(of: object, schema: .builtIn)
        #expect(
            set.fieldsV1 == ["f:metadata": ["f:finalizers": [#"v:"example.com/a""#: [:], #"v:"example.com/b""#: [:]]]]
        )
    }

    @Test("Atomic lists and selectors are one field; null and empty objects are members")
    func atomicFields() {
        let object: JSONValue = [
            "spec": [
                "selector": ["matchLabels": ["app": "web"]],
                "template": ["spec": ["containers": [["name": "web", "args": ["a", "b"]]], "affinity": [:]]],
                "paused": nil,
            ]
        ]
        let printed = FieldSet(of: object, schema: .builtIn).sortedPaths.map(\.printed)
        #expect(
            printed == [
                ".spec.paused", ".spec.selector", ".spec.template.spec.affinity",
                ".spec.template.spec.containers[name=\"web\"]", ".spec.template.spec.containers[name=\"web\"].args",
                ".spec.template.spec.containers[name=\"web\"].name",
            ]
        )
    }

    @Test(
        "Paths print as the API server prints them",
        arguments: [
            ([PathElement.field("spec"), .field("replicas")], ".spec.replicas"),
            (
                [.field("spec"), .field("containers"), .key([.init(name: "name", value: "web")]), .field("image")],
                #".spec.containers[name="web"].image"#
            ),
            (
                [
                    .field("ports"),
                    .key([.init(name: "containerPort", value: 80), .init(name: "protocol", value: "TCP")]),
                ],
                #".ports[containerPort=80,protocol="TCP"]"#
            ),
            ([.field("metadata"), .field("finalizers"), .value("a")], #".metadata.finalizers[="a"]"#),
            ([.field("items"), .index(2)], ".items[2]"),
        ]
    )
    func printedPaths(path: FieldPath, printed: String) {
        #expect(path.printed == printed)
    }

    @Test("Decoding fieldsV1 and encoding it again gives the same trie")
    func roundTrip() {
        let fieldsV1: JSONValue = [
            "f:metadata": ["f:labels": [".": [:], "f:app": [:]], "f:finalizers": [#"v:"x""#: [:]]],
            "f:spec": [
                "f:replicas": [:],
                "f:template": [
                    "f:spec": [
                        "f:containers": [#"k:{"name":"web"}"#: [".": [:], "f:image": [:], "f:name": [:]]]
                    ]
                ],
            ],
            "f:items": ["i:0": [:]],
        ]
        let set = FieldSet(fieldsV1: fieldsV1)
        #expect(set.paths.count == 8)
        #expect(set.fieldsV1 == fieldsV1)
    }
}
