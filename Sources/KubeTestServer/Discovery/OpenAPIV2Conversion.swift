import Foundation
import KubeCore

/// Rewrites parts of an OpenAPI 3.0 document as Swagger 2.0, for `/openapi/v2`.
///
/// Request bodies become a `body` parameter, parameter and response `schema`s lose their `content` wrapper,
/// `#/components/schemas/` references become `#/definitions/`, and `nullable` (unknown to Swagger 2.0) is dropped,
/// as the real server does when it publishes CRD schemas in v2.
enum OpenAPIV2Conversion {
    static func pathItem(_ item: JSONValue) -> JSONValue {
        guard var members = item.objectValue else { return item }
        for (key, value) in members {
            if key == "parameters" {
                members[key] = .array((value.arrayValue ?? []).map(parameter))
            } else {
                members[key] = operation(value)
            }
        }
        return .object(members)
    }

    static func schema(_ schema: JSONValue) -> JSONValue {
        guard var members = schema.objectValue else { return schema }
        members["nullable"] = nil
        if let reference = members["$ref"]?.stringValue {
            members["$ref"] = .string(
                reference.replacingOccurrences(of: "#/components/schemas/", with: "#/definitions/")
            )
        }
        if let properties = members["properties"]?.objectValue {
            members["properties"] = .object(properties.mapValues(Self.schema))
        }
        for key in ["items", "additionalProperties", "not"] where members[key]?.objectValue != nil {
            members[key] = Self.schema(members[key]!)
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let elements = members[key]?.arrayValue { members[key] = .array(elements.map(Self.schema)) }
        }
        return .object(members)
    }

    private static func operation(_ operation: JSONValue) -> JSONValue {
        guard var members = operation.objectValue else { return operation }
        var parameters = (members["parameters"]?.arrayValue ?? []).map(parameter)
        if let body = members.removeValue(forKey: "requestBody") {
            let content = body["content"]?.objectValue ?? [:]
            members["consumes"] = .array(content.keys.sorted().map(JSONValue.string))
            if let bodySchema = content.values.first?["schema"] {
                parameters.insert(
                    ["name": "body", "in": "body", "required": true, "schema": schema(bodySchema)],
                    at: 0
                )
            }
        }
        members["parameters"] = .array(parameters)
        members["produces"] = ["application/json", "application/yaml"]
        members["schemes"] = ["https"]
        if let responses = members["responses"]?.objectValue {
            members["responses"] = .object(
                responses.mapValues { response in
                    var converted: JSONValue = ["description": response["description"] ?? ""]
                    if let responseSchema = response["content"]?.objectValue?.values.first?["schema"] {
                        converted["schema"] = schema(responseSchema)
                    }
                    return converted
                }
            )
        }
        return .object(members)
    }

    private static func parameter(_ parameter: JSONValue) -> JSONValue {
        guard var members = parameter.objectValue else { return parameter }
        if let schema = members.removeValue(forKey: "schema") {
            members["type"] = schema["type"]
            if let unique = schema["uniqueItems"] { members["uniqueItems"] = unique }
        }
        return .object(members)
    }
}
