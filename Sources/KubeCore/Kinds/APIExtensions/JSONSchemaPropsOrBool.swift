/// The value of `additionalProperties`: `false`/`true`, or the schema of every value of a map
/// (apiextensions.k8s.io/v1 `JSONSchemaPropsOrBool`).
///
/// In a structural schema `additionalProperties` may not be `false` and cannot be combined with `properties`; a map
/// with string values is `.schema(JSONSchemaProps(type: "string"))`.
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/>.
public enum JSONSchemaPropsOrBool: Codable, Sendable, Hashable {
    case bool(Bool)
    indirect case schema(JSONSchemaProps)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .schema(try container.decode(JSONSchemaProps.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .schema(let schema): try container.encode(schema)
        }
    }
}
