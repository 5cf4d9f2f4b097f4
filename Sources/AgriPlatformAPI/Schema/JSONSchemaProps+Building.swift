import KubeCore

/// Small constructors that keep the schema declarations short and make every string and list bounded.
extension JSONSchemaProps {
    /// An object with `properties`, the `required` ones and CEL `rules`.
    static func object(
        _ description: String,
        properties: [String: JSONSchemaProps],
        required: [String] = [],
        rules: [ValidationRule] = []
    ) -> Self {
        Self(
            type: "object",
            description: description,
            required: required.isEmpty ? nil : required,
            properties: properties,
            xKubernetesValidations: rules.isEmpty ? nil : rules
        )
    }

    /// A string of at most `maxLength` characters, optionally matching `pattern` or one of `values`.
    static func string(
        _ description: String,
        maxLength: Int = APIConstraints.shortStringMaxLength,
        minLength: Int? = nil,
        pattern: String? = nil,
        values: [String]? = nil,
        format: String? = nil
    ) -> Self {
        Self(
            type: "string",
            format: format,
            description: description,
            enum: values.map { $0.map(JSONValue.string) },
            maxLength: Int64(values?.map(\.count).max() ?? maxLength),
            minLength: minLength.map(Int64.init),
            pattern: pattern
        )
    }

    /// A DNS-1035 label such as a service or datastore name.
    static func dns1035Label(_ description: String) -> Self {
        string(
            description,
            maxLength: APIConstraints.dns1035LabelMaxLength,
            minLength: 1,
            pattern: APIConstraints.dns1035LabelPattern
        )
    }

    /// A DNS-1123 label such as a namespace name.
    static func dns1123Label(_ description: String) -> Self {
        string(
            description,
            maxLength: APIConstraints.dns1035LabelMaxLength,
            minLength: 1,
            pattern: APIConstraints.dns1123LabelPattern
        )
    }

    /// A DNS-1123 subdomain such as the name of a Secret or ConfigMap.
    static func dns1123Subdomain(_ description: String) -> Self {
        string(
            description,
            maxLength: APIConstraints.dns1123SubdomainMaxLength,
            minLength: 1,
            pattern: APIConstraints.dns1123SubdomainPattern
        )
    }

    /// An integer within `range`, `int32` unless `format` says otherwise.
    static func integer(_ description: String, _ range: ClosedRange<Int64>, format: String = "int32") -> Self {
        Self(
            type: "integer",
            format: format,
            description: description,
            maximum: Double(range.upperBound),
            minimum: Double(range.lowerBound)
        )
    }

    /// An unbounded integer (status counters).
    static func integer(_ description: String, format: String = "int32") -> Self {
        Self(type: "integer", format: format, description: description)
    }

    /// A Boolean.
    /// A floating-point number.
    static func number(_ description: String) -> Self {
        Self(type: "number", description: description)
    }

    static func boolean(_ description: String) -> Self {
        Self(type: "boolean", description: description)
    }

    /// A list of at most `maxItems` elements; `mapKeys` makes it a list-map merged (and de-duplicated) by those keys.
    static func array(
        _ description: String,
        of items: Self,
        maxItems: Int,
        minItems: Int? = nil,
        mapKeys: [String]? = nil,
        listType: String? = nil,
        rules: [ValidationRule] = []
    ) -> Self {
        Self(
            type: "array",
            description: description,
            maxItems: Int64(maxItems),
            minItems: minItems.map(Int64.init),
            items: items,
            xKubernetesListType: mapKeys == nil ? listType : "map",
            xKubernetesListMapKeys: mapKeys,
            xKubernetesValidations: rules.isEmpty ? nil : rules
        )
    }

    /// A list of strings, at most `maxItems` of at most `maxLength` characters each.
    static func strings(
        _ description: String,
        maxItems: Int,
        maxLength: Int = APIConstraints.valueMaxLength,
        listType: String = "atomic"
    ) -> Self {
        array(
            description,
            of: string("", maxLength: maxLength).withoutDescription,
            maxItems: maxItems,
            listType: listType
        )
    }

    /// A map from strings to strings (labels, annotations, node selectors).
    static func stringMap(_ description: String) -> Self {
        Self(
            type: "object",
            description: description,
            maxProperties: Int64(APIConstraints.maxMapEntries),
            additionalProperties: .schema(string("", maxLength: APIConstraints.valueMaxLength).withoutDescription)
        )
    }

    /// An integer or a string, as `intstr.IntOrString` is; `pattern` applies to the string form.
    static func intOrString(_ description: String, pattern: String? = nil) -> Self {
        Self(
            description: description,
            maxLength: 16,
            pattern: pattern,
            anyOf: [Self(type: "integer"), Self(type: "string")],
            xKubernetesIntOrString: true
        )
    }

    /// This schema with another description (a field's own words instead of its type's).
    func described(_ description: String) -> Self {
        var copy = self
        copy.description = description
        return copy
    }

    /// This schema without a description, for list items and map values.
    var withoutDescription: Self {
        var copy = self
        copy.description = nil
        return copy
    }

    /// A CEL rule with its message and, where it helps, the field it reports.
    static func rule(
        _ rule: String,
        _ message: String,
        fieldPath: String? = nil,
        reason: String? = nil
    ) -> ValidationRule {
        ValidationRule(rule: rule, message: message, reason: reason, fieldPath: fieldPath)
    }
}
