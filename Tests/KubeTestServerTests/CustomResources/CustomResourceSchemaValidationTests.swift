import KubeCore
import Testing

@testable import KubeTestServer

/// A CRD-like schema exercising every supported constraint.
let platformSchema: JSONValue = [
    "type": "object",
    "properties": [
        "spec": [
            "type": "object",
            "required": ["replicas", "tier"],
            "properties": [
                "replicas": ["type": "integer", "minimum": 1, "maximum": 10],
                "weight": [
                    "type": "number", "exclusiveMinimum": true, "minimum": 0, "exclusiveMaximum": true,
                    "maximum": 1,
                ],
                "tier": ["type": "string", "enum": ["gold", "silver"]],
                "name": ["type": "string", "minLength": 3, "maxLength": 8, "pattern": "^[a-z]+$"],
                "since": ["type": "string", "format": "date-time"],
                "note": ["type": "string", "nullable": true],
                "port": ["x-kubernetes-int-or-string": true],
                "enabled": ["type": "boolean"],
                "tags": [
                    "type": "array", "minItems": 1, "maxItems": 3, "items": ["type": "string"],
                    "x-kubernetes-list-type": "set",
                ],
                "unique": ["type": "array", "uniqueItems": true, "items": ["type": "integer"]],
                "labels": [
                    "type": "object", "maxProperties": 2,
                    "additionalProperties": [
                        "type": "string",
                        "maxLength": 3,
                    ],
                ],
                "services": [
                    "type": "array",
                    "x-kubernetes-list-type": "map",
                    "x-kubernetes-list-map-keys": ["name"],
                    "items": [
                        "type": "object",
                        "required": ["name"],
                        "properties": [
                            "name": ["type": "string"],
                            "ports": [
                                "type": "array",
                                "items": [
                                    "type": "object",
                                    "properties": ["port": ["type": "integer", "minimum": 1, "maximum": 65535]],
                                ],
                            ],
                        ],
                    ],
                ],
            ],
        ]
    ],
]

private let validSpec: JSONValue = ["replicas": 3, "tier": "gold"]

private func spec(_ changes: JSONObject) -> JSONValue {
    var spec = validSpec
    for (key, value) in changes { spec[key] = value }
    return ["apiVersion": "agri.example.com/v1", "kind": "Platform", "metadata": ["name": "a"], "spec": spec]
}

struct ConstraintCase: Sendable, CustomTestStringConvertible {
    var label: String
    var changes: JSONObject
    var reason: String
    var field: String
    var message: String
    var testDescription: String { label }
}

@Suite("Custom resource schema validation")
struct CustomResourceSchemaValidationTests {
    let schema = CustomResourceSchema(openAPIV3Schema: platformSchema)

    @Test("A valid object has no causes")
    func validObject() {
        let causes = schema.validate(
            spec([
                "weight": 0.5, "name": "abc", "since": "2026-01-02T03:04:05Z", "note": nil, "port": "http",
                "tags": ["a", "b"], "unique": [1, 2], "labels": ["a": "x"], "replicas": .number(4),
                "services": [["name": "web", "ports": [["port": 80]]]],
            ])
        )
        #expect(causes == [])
    }

    static let constraintCases: [ConstraintCase] = [
        ConstraintCase(
            label: "maximum",
            changes: ["replicas": 11],
            reason: "FieldValueInvalid",
            field: "spec.replicas",
            message: "Invalid value: 11: spec.replicas in body should be less than or equal to 10"
        ),
        ConstraintCase(
            label: "minimum",
            changes: ["replicas": 0],
            reason: "FieldValueInvalid",
            field: "spec.replicas",
            message: "Invalid value: 0: spec.replicas in body should be greater than or equal to 1"
        ),
        ConstraintCase(
            label: "exclusive maximum",
            changes: ["weight": 1],
            reason: "FieldValueInvalid",
            field: "spec.weight",
            message: "Invalid value: 1: spec.weight in body should be less than 1"
        ),
        ConstraintCase(
            label: "exclusive minimum",
            changes: ["weight": 0],
            reason: "FieldValueInvalid",
            field: "spec.weight",
            message: "Invalid value: 0: spec.weight in body should be greater than 0"
        ),
        ConstraintCase(
            label: "integer rejects a fraction",
            changes: ["replicas": 2.5],
            reason: "FieldValueTypeInvalid",
            field: "spec.replicas",
            message: "Invalid value: 2.5: spec.replicas in body must be of type integer: \"number\""
        ),
        ConstraintCase(
            label: "type string",
            changes: ["replicas": "three"],
            reason: "FieldValueTypeInvalid",
            field: "spec.replicas",
            message: "Invalid value: \"three\": spec.replicas in body must be of type integer: \"string\""
        ),
        ConstraintCase(
            label: "type boolean",
            changes: ["enabled": "yes"],
            reason: "FieldValueTypeInvalid",
            field: "spec.enabled",
            message: "Invalid value: \"yes\": spec.enabled in body must be of type boolean: \"string\""
        ),
        ConstraintCase(
            label: "enum",
            changes: ["tier": "bronze"],
            reason: "FieldValueNotSupported",
            field: "spec.tier",
            message: "Unsupported value: \"bronze\": supported values: \"gold\", \"silver\""
        ),
        ConstraintCase(
            label: "minLength",
            changes: ["name": "ab"],
            reason: "FieldValueInvalid",
            field: "spec.name",
            message: "Invalid value: \"ab\": spec.name in body should be at least 3 chars long"
        ),
        ConstraintCase(
            label: "maxLength",
            changes: ["name": "abcdefghi"],
            reason: "FieldValueTooLong",
            field: "spec.name",
            message: "Too long: may not be more than 8 bytes"
        ),
        ConstraintCase(
            label: "pattern",
            changes: ["name": "ABC"],
            reason: "FieldValueInvalid",
            field: "spec.name",
            message: "Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'"
        ),
        ConstraintCase(
            label: "format date-time",
            changes: ["since": "yesterday"],
            reason: "FieldValueInvalid",
            field: "spec.since",
            message: "Invalid value: \"yesterday\": spec.since in body must be of type date-time: \"yesterday\""
        ),
        ConstraintCase(
            label: "null without nullable",
            changes: ["name": nil],
            reason: "FieldValueTypeInvalid",
            field: "spec.name",
            message: "Invalid value: null: spec.name in body must be of type string: \"null\""
        ),
        ConstraintCase(
            label: "int-or-string",
            changes: ["port": true],
            reason: "FieldValueTypeInvalid",
            field: "spec.port",
            message: "Invalid value: true: spec.port in body must be of type integer,string: \"boolean\""
        ),
        ConstraintCase(
            label: "minItems",
            changes: ["tags": []],
            reason: "FieldValueInvalid",
            field: "spec.tags",
            message: "Invalid value: []: spec.tags in body should have at least 1 items"
        ),
        ConstraintCase(
            label: "maxItems",
            changes: ["tags": ["a", "b", "c", "d"]],
            reason: "FieldValueTooMany",
            field: "spec.tags",
            message: "Too many: 4: must have at most 3 items"
        ),
        ConstraintCase(
            label: "list-type set",
            changes: ["tags": ["a", "a"]],
            reason: "FieldValueDuplicate",
            field: "spec.tags[1]",
            message: "Duplicate value: \"a\""
        ),
        ConstraintCase(
            label: "uniqueItems",
            changes: ["unique": [1, 1]],
            reason: "FieldValueInvalid",
            field: "spec.unique",
            message: "Invalid value: [1,1]: spec.unique in body shouldn't contain duplicates"
        ),
        ConstraintCase(
            label: "list-type map",
            changes: ["services": [["name": "a"], ["name": "b"], ["name": "a"]]],
            reason: "FieldValueDuplicate",
            field: "spec.services[2]",
            message: "Duplicate value: {\"name\":\"a\"}"
        ),
        ConstraintCase(
            label: "maxProperties",
            changes: ["labels": ["a": "1", "b": "2", "c": "3"]],
            reason: "FieldValueTooMany",
            field: "spec.labels",
            message: "Too many: 3: must have at most 2 items"
        ),
        ConstraintCase(
            label: "additionalProperties schema",
            changes: ["labels": ["k": "long"]],
            reason: "FieldValueTooLong",
            field: "spec.labels[k]",
            message: "Too long: may not be more than 3 bytes"
        ),
        ConstraintCase(
            label: "nested array path",
            changes: ["services": [["name": "a"], ["name": "b"], ["name": "c", "ports": [["port": 0]]]]],
            reason: "FieldValueInvalid",
            field: "spec.services[2].ports[0].port",
            message: "Invalid value: 0: spec.services[2].ports[0].port in body should be greater than or equal to 1"
        ),
        ConstraintCase(
            label: "required inside an array item",
            changes: ["services": [["ports": []]]],
            reason: "FieldValueRequired",
            field: "spec.services[0].name",
            message: "Required value"
        ),
    ]

    @Test("Each constraint yields the API's reason, path and message", arguments: constraintCases)
    func constraint(_ testCase: ConstraintCase) {
        let causes = schema.validate(spec(testCase.changes))
        #expect(causes == [StatusCause(reason: testCase.reason, message: testCase.message, field: testCase.field)])
    }

    @Test("A missing required field is reported as Required value")
    func requiredField() {
        var object = spec([:])
        object[path: ["spec", "tier"]] = nil
        #expect(
            schema.validate(object)
                == [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.tier")]
        )
    }

    @Test("Several violations are all reported at once")
    func multipleErrors() {
        let object: JSONValue = ["spec": ["replicas": 20, "name": "A", "tier": "x"]]
        let fields = schema.validate(object).compactMap(\.field)
        #expect(Set(fields) == ["spec.replicas", "spec.name", "spec.tier"])
        #expect(fields.count == 4)
    }

    @Test("Metadata, apiVersion and kind are not validated against the root schema")
    func rootTypeMeta() {
        let strict = CustomResourceSchema(openAPIV3Schema: ["type": "object", "required": ["metadata"]])
        #expect(strict.validate(["metadata": ["name": 5], "apiVersion": "v1", "kind": "X"]) == [])
        #expect(strict.validate([:]) == [])
    }

    @Test("A root that is not an object is a type error in body")
    func rootType() {
        let causes = schema.validate("text")
        #expect(causes.first?.reason == "FieldValueTypeInvalid")
        #expect(causes.first?.message == "Invalid value: \"text\": body must be of type object: \"string\"")
    }
}
