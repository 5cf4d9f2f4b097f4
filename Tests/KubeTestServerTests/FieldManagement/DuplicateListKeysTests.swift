import KubeCore
import Testing

@testable import KubeTestServer

@Suite("Duplicate keys in an applied configuration")
struct DuplicateListKeysTests {
    static let schema = MergeSchema(
        listType: { path in
            switch path {
            case ["spec", "services"]: .map(keys: ["name"])
            case ["spec", "services", "ports"]: .map(keys: ["port", "protocol"])
            default: .atomic
            }
        },
        keyDefaults: { path in path == ["spec", "services", "ports"] ? ["protocol": "TCP"] : [:] }
    )

    @Test("Each associative list with a repeated key is reported once, with structured-merge-diff's wording")
    func reported() {
        let config: JSONValue = [
            "spec": [
                "services": [
                    ["name": "api", "ports": [["port": 80], ["port": 80, "protocol": "TCP"]]],
                    ["name": "api"],
                    ["name": "api"],
                    ["name": "web", "tags": ["a", "a"]],
                ]
            ]
        ]
        #expect(
            DuplicateListKeys.errors(in: config, schema: Self.schema) == [
                #".spec.services: duplicate entries for key [name="api"]"#,
                #".spec.services[name="api"].ports: duplicate entries for key [port=80,protocol="TCP"]"#,
            ]
        )
    }

    @Test("Distinct keys, atomic lists and scalars are not reported")
    func clean() {
        let config: JSONValue = ["spec": ["services": [["name": "api"], ["name": "web"]], "other": [1, 1]]]
        #expect(DuplicateListKeys.errors(in: config, schema: Self.schema).isEmpty)
    }
}
