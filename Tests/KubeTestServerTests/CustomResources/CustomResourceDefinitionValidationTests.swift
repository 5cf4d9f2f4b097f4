import KubeCore
import Testing

@testable import KubeTestServer

private let validCRD: JSONValue = [
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": ["name": "platforms.agri.example.com"],
    "spec": [
        "group": "agri.example.com",
        "scope": "Namespaced",
        "names": ["plural": "platforms", "singular": "platform", "kind": "Platform", "listKind": "PlatformList"],
        "versions": [
            ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
            ["name": "v1beta1", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]],
        ],
    ],
]

struct DefinitionCase: Sendable, CustomTestStringConvertible {
    var label: String
    var path: [String]
    var value: JSONValue?
    var expected: StatusCause
    var testDescription: String { label }
}

@Suite("CustomResourceDefinition validation")
struct CustomResourceDefinitionValidationTests {
    @Test("A well-formed CRD has no causes")
    func valid() {
        #expect(CustomResourceSchema.validateDefinition(validCRD) == [])
    }

    static let cases: [DefinitionCase] = [
        DefinitionCase(
            label: "name must be plural.group",
            path: ["metadata", "name"],
            value: "platform.agri.example.com",
            expected: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"platform.agri.example.com\": must be spec.names.plural+\".\"+spec.group",
                field: "metadata.name"
            )
        ),
        DefinitionCase(
            label: "kind is required",
            path: ["spec", "names", "kind"],
            value: nil,
            expected: StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.names.kind")
        ),
        DefinitionCase(
            label: "listKind is required",
            path: ["spec", "names", "listKind"],
            value: "",
            expected: StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.names.listKind")
        ),
        DefinitionCase(
            label: "scope is Namespaced or Cluster",
            path: ["spec", "scope"],
            value: "Global",
            expected: StatusCause(
                reason: "FieldValueNotSupported",
                message: "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"",
                field: "spec.scope"
            )
        ),
        DefinitionCase(
            label: "schema root must be an object",
            path: ["spec", "versions"],
            value: [["name": "v1", "storage": true, "schema": ["openAPIV3Schema": ["type": "string"]]]],
            expected: StatusCause(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"string\": must be object at the root",
                field: "spec.versions[0].schema.openAPIV3Schema.type"
            )
        ),
        DefinitionCase(
            label: "schema is required",
            path: ["spec", "versions"],
            value: [["name": "v1", "storage": true]],
            expected: StatusCause(
                reason: "FieldValueRequired",
                message: "Required value",
                field: "spec.versions[0].schema.openAPIV3Schema"
            )
        ),
    ]

    @Test("Each broken rule yields its cause", arguments: cases)
    func brokenRule(_ testCase: DefinitionCase) {
        var crd = validCRD
        crd[path: testCase.path] = testCase.value
        #expect(CustomResourceSchema.validateDefinition(crd) == [testCase.expected])
    }

    @Test("Exactly one version must be the storage version", arguments: [true, false])
    func storageVersion(allStorage: Bool) {
        var crd = validCRD
        crd[path: ["spec", "versions"]] = [
            ["name": "v1", "storage": .bool(allStorage), "schema": ["openAPIV3Schema": ["type": "object"]]],
            ["name": "v2", "storage": .bool(allStorage), "schema": ["openAPIV3Schema": ["type": "object"]]],
        ]
        let causes = CustomResourceSchema.validateDefinition(crd)
        #expect(causes.count == 1)
        #expect(causes.first?.field == "spec.versions")
        #expect(causes.first?.message?.hasSuffix("must have exactly one version marked as storage version") == true)
    }
}
