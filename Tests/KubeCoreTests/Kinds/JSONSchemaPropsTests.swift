import Foundation
import KubeCore
import Testing

@Suite("JSONSchemaProps")
struct JSONSchemaPropsTests {
    static let schema = JSONSchemaProps(
        type: "object",
        required: ["spec"],
        properties: [
            "spec": JSONSchemaProps(
                type: "object",
                properties: [
                    "weights": JSONSchemaProps(
                        type: "array",
                        items: JSONSchemaProps(type: "integer", format: "int32", maximum: 100, minimum: 0),
                        xKubernetesListType: "atomic"
                    ),
                    "annotations": JSONSchemaProps(
                        type: "object",
                        additionalProperties: .schema(JSONSchemaProps(type: "string"))
                    ),
                    "name": JSONSchemaProps(type: "string", not: JSONSchemaProps(enum: [""])),
                ],
                xKubernetesValidations: [ValidationRule(rule: "size(self.weights) > 0", message: "no weights")]
            ),
            "status": JSONSchemaProps(type: "object", xKubernetesPreserveUnknownFields: true),
        ]
    )

    @Test("A nested schema encodes the API's key names, including x-kubernetes extensions")
    func encodedKeys() throws {
        let json = try JSONValue(encoding: Self.schema)
        let spec = try #require(json[path: ["properties", "spec"]])
        #expect(spec[path: ["properties", "weights", "items", "format"]] == "int32")
        #expect(spec[path: ["properties", "weights", "x-kubernetes-list-type"]] == "atomic")
        #expect(spec[path: ["properties", "annotations", "additionalProperties", "type"]] == "string")
        #expect(spec[path: ["properties", "name", "not", "enum"]] == [""])
        #expect(spec["x-kubernetes-validations"] == [["rule": "size(self.weights) > 0", "message": "no weights"]])
        #expect(json[path: ["properties", "status", "x-kubernetes-preserve-unknown-fields"]] == true)
        #expect(json.nullPaths(includingEmpty: true) == [])
    }

    @Test("A nested schema survives encode and decode unchanged")
    func roundTrip() throws {
        let decoded = try JSONValue(encoding: Self.schema).decode(as: JSONSchemaProps.self)
        #expect(decoded == Self.schema)
        #expect(decoded.properties?["spec"]?.properties?["weights"]?.items?.maximum == 100)
    }

    @Test(
        "additionalProperties decodes a Boolean or a schema",
        arguments: [
            ("false", JSONSchemaPropsOrBool.bool(false)),
            ("true", .bool(true)),
            (#"{"type":"integer"}"#, .schema(JSONSchemaProps(type: "integer"))),
        ]
    )
    func additionalProperties(text: String, expected: JSONSchemaPropsOrBool) throws {
        let json = try JSONValue(parsing: Data(#"{"additionalProperties":\#(text)}"#.utf8))
        let schema = try json.decode(as: JSONSchemaProps.self)
        #expect(schema.additionalProperties == expected)
        #expect(try JSONValue(encoding: schema) == json)
    }

    @Test("Setting items or not through the property replaces the nested schema")
    func indirectSetters() {
        var schema = JSONSchemaProps(type: "array")
        #expect(schema.items == nil)
        schema.items = JSONSchemaProps(type: "string")
        schema.items?.minLength = 1
        #expect(schema.items == JSONSchemaProps(type: "string", minLength: 1))
        schema.not = JSONSchemaProps(maxItems: 0)
        schema.not = nil
        #expect(schema == JSONSchemaProps(type: "array", items: JSONSchemaProps(type: "string", minLength: 1)))
    }
}
