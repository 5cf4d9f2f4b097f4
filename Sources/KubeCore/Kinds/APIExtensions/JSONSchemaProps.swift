/// An OpenAPI v3 schema as a CustomResourceDefinition carries it (apiextensions.k8s.io/v1 `JSONSchemaProps`),
/// including the Kubernetes `x-kubernetes-*` extensions.
///
/// The type is recursive: `properties`, `items`, `additionalProperties`, `allOf`, `oneOf`, `anyOf` and `not` hold
/// further schemas. `items` takes only the single-schema form: the array form of `JSONSchemaPropsOrArray` is not
/// allowed in structural schemas. `$ref`, `$schema`, `id`, `definitions`, `dependencies`, `patternProperties`,
/// `additionalItems` and `externalDocs` are not modelled: the API server rejects or ignores them in CRDs.
/// See <https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/>.
public struct JSONSchemaProps: Codable, Sendable, Hashable {
    /// `object`, `array`, `string`, `integer`, `number` or `boolean`.
    public var type: String?
    /// A format such as `int32`, `date-time`, `byte` or `quantity`.
    public var format: String?
    public var title: String?
    public var description: String?
    /// The value defaulted in when the field is absent (structural schemas only).
    public var `default`: JSONValue?
    /// An example value, for documentation.
    public var example: JSONValue?
    /// The allowed values.
    public var `enum`: [JSONValue]?
    /// Whether `null` is accepted (and kept) instead of pruned.
    public var nullable: Bool?
    public var maximum: Double?
    /// Whether `maximum` itself is excluded.
    public var exclusiveMaximum: Bool?
    public var minimum: Double?
    /// Whether `minimum` itself is excluded.
    public var exclusiveMinimum: Bool?
    public var multipleOf: Double?
    public var maxLength: Int64?
    public var minLength: Int64?
    /// An ECMA 262 regular expression the string must match.
    public var pattern: String?
    public var maxItems: Int64?
    public var minItems: Int64?
    /// Must not be `true` in a CRD; use `x-kubernetes-list-type: set` instead.
    public var uniqueItems: Bool?
    public var maxProperties: Int64?
    public var minProperties: Int64?
    /// Property names that must be present.
    public var required: [String]?
    /// The schemas of an object's known properties.
    public var properties: [String: JSONSchemaProps]?
    /// The schema of a map's values, or whether unknown properties are allowed.
    public var additionalProperties: JSONSchemaPropsOrBool?
    /// Schemas that must all hold; in structural schemas they may only add value validations.
    public var allOf: [JSONSchemaProps]?
    /// Schemas of which exactly one must hold.
    public var oneOf: [JSONSchemaProps]?
    /// Schemas of which at least one must hold.
    public var anyOf: [JSONSchemaProps]?
    /// Whether unknown fields below this node are kept instead of pruned (`x-kubernetes-preserve-unknown-fields`).
    public var xKubernetesPreserveUnknownFields: Bool?
    /// Whether the node is a complete object with `apiVersion`, `kind` and `metadata`
    /// (`x-kubernetes-embedded-resource`).
    public var xKubernetesEmbeddedResource: Bool?
    /// Whether the node accepts an integer or a string, like ``IntOrString`` (`x-kubernetes-int-or-string`).
    public var xKubernetesIntOrString: Bool?
    /// `atomic`, `set` or `map`: how server-side apply merges the list (`x-kubernetes-list-type`).
    public var xKubernetesListType: String?
    /// The keys identifying items of a `map` list (`x-kubernetes-list-map-keys`).
    public var xKubernetesListMapKeys: [String]?
    /// `granular` or `atomic`: how server-side apply merges the object (`x-kubernetes-map-type`).
    public var xKubernetesMapType: String?
    /// CEL rules the value must satisfy (`x-kubernetes-validations`).
    public var xKubernetesValidations: [ValidationRule]?

    private var _items: Indirect<JSONSchemaProps>?
    private var _not: Indirect<JSONSchemaProps>?

    /// The schema of every element of an array.
    public var items: JSONSchemaProps? {
        get { _items?.wrapped }
        set { _items = newValue.map(Indirect.value) }
    }

    /// A schema that must not hold.
    public var not: JSONSchemaProps? {
        get { _not?.wrapped }
        set { _not = newValue.map(Indirect.value) }
    }

    private enum CodingKeys: String, CodingKey {
        case type, format, title, description, `default`, example, `enum`, nullable
        case maximum, exclusiveMaximum, minimum, exclusiveMinimum, multipleOf
        case maxLength, minLength, pattern, maxItems, minItems, uniqueItems, maxProperties, minProperties
        case required, properties, additionalProperties, allOf, oneOf, anyOf
        case _items = "items"
        case _not = "not"
        case xKubernetesPreserveUnknownFields = "x-kubernetes-preserve-unknown-fields"
        case xKubernetesEmbeddedResource = "x-kubernetes-embedded-resource"
        case xKubernetesIntOrString = "x-kubernetes-int-or-string"
        case xKubernetesListType = "x-kubernetes-list-type"
        case xKubernetesListMapKeys = "x-kubernetes-list-map-keys"
        case xKubernetesMapType = "x-kubernetes-map-type"
        case xKubernetesValidations = "x-kubernetes-validations"
    }

    public init(
        type: String? = nil,
        format: String? = nil,
        title: String? = nil,
        description: String? = nil,
        default: JSONValue? = nil,
        example: JSONValue? = nil,
        enum: [JSONValue]? = nil,
        nullable: Bool? = nil,
        maximum: Double? = nil,
        exclusiveMaximum: Bool? = nil,
        minimum: Double? = nil,
        exclusiveMinimum: Bool? = nil,
        multipleOf: Double? = nil,
        maxLength: Int64? = nil,
        minLength: Int64? = nil,
        pattern: String? = nil,
        maxItems: Int64? = nil,
        minItems: Int64? = nil,
        uniqueItems: Bool? = nil,
        maxProperties: Int64? = nil,
        minProperties: Int64? = nil,
        required: [String]? = nil,
        properties: [String: JSONSchemaProps]? = nil,
        items: JSONSchemaProps? = nil,
        additionalProperties: JSONSchemaPropsOrBool? = nil,
        allOf: [JSONSchemaProps]? = nil,
        oneOf: [JSONSchemaProps]? = nil,
        anyOf: [JSONSchemaProps]? = nil,
        not: JSONSchemaProps? = nil,
        xKubernetesPreserveUnknownFields: Bool? = nil,
        xKubernetesEmbeddedResource: Bool? = nil,
        xKubernetesIntOrString: Bool? = nil,
        xKubernetesListType: String? = nil,
        xKubernetesListMapKeys: [String]? = nil,
        xKubernetesMapType: String? = nil,
        xKubernetesValidations: [ValidationRule]? = nil
    ) {
        self.type = type
        self.format = format
        self.title = title
        self.description = description
        self.default = `default`
        self.example = example
        self.enum = `enum`
        self.nullable = nullable
        self.maximum = maximum
        self.exclusiveMaximum = exclusiveMaximum
        self.minimum = minimum
        self.exclusiveMinimum = exclusiveMinimum
        self.multipleOf = multipleOf
        self.maxLength = maxLength
        self.minLength = minLength
        self.pattern = pattern
        self.maxItems = maxItems
        self.minItems = minItems
        self.uniqueItems = uniqueItems
        self.maxProperties = maxProperties
        self.minProperties = minProperties
        self.required = required
        self.properties = properties
        self._items = items.map(Indirect.value)
        self.additionalProperties = additionalProperties
        self.allOf = allOf
        self.oneOf = oneOf
        self.anyOf = anyOf
        self._not = not.map(Indirect.value)
        self.xKubernetesPreserveUnknownFields = xKubernetesPreserveUnknownFields
        self.xKubernetesEmbeddedResource = xKubernetesEmbeddedResource
        self.xKubernetesIntOrString = xKubernetesIntOrString
        self.xKubernetesListType = xKubernetesListType
        self.xKubernetesListMapKeys = xKubernetesListMapKeys
        self.xKubernetesMapType = xKubernetesMapType
        self.xKubernetesValidations = xKubernetesValidations
    }
}
