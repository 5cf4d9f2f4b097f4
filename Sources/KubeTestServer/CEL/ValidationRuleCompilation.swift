import KubeCore

/// The CRD-time check of `x-kubernetes-validations`: every `rule` and `messageExpression` must compile, as
/// `apiextensions-apiserver`'s CRD validation requires before it accepts a definition.
///
/// Paths follow the internal API version the server validates: when every version has the same schema (always the
/// case with one version) it is reported under `spec.validation.openAPIV3Schema`, otherwise under
/// `spec.versions[i].schema.openAPIV3Schema`; below that `.properties[name]`, `.items`, `.additionalProperties`.
/// Example: `spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value:
/// apiextensions.ValidationRule{…}: compilation failed: ERROR: <input>:1:9: Syntax error: …`.
/// Selecting a field the schema does not declare is `undefined field 'x'`, as with cel-go's checker.
/// Not checked here: other types (cel-go's checker rejects `self.name + 1`; this compiler does not),
/// cost estimates, `fieldPath` validity, `reason` values, and `oldSelf` under lists without map keys.
enum ValidationRuleCompilation {
    static func causes(forDefinition crd: JSONValue) -> [StatusCause] {
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        let schemas = versions.map { $0[path: ["schema", "openAPIV3Schema"]] }
        if let first = schemas.first, let shared = first, schemas.allSatisfy({ $0 == first }) {
            return causes(in: shared, path: "spec.validation.openAPIV3Schema", isResourceRoot: true)
        }
        return schemas.enumerated().flatMap { index, schema in
            schema.map {
                causes(in: $0, path: "spec.versions[\(index)].schema.openAPIV3Schema", isResourceRoot: true)
            } ?? []
        }
    }

    /// The compilation causes of `schema` and the schemas below it.
    static func causes(in schema: JSONValue, path: String, isResourceRoot: Bool = false) -> [StatusCause] {
        guard schema.objectValue != nil else { return [] }
        var causes: [StatusCause] = []
        let isRoot = isResourceRoot || schema["x-kubernetes-embedded-resource"]?.boolValue == true
        let declared = ValidationRuleValidator.ruleSchema(schema, isResourceRoot: isRoot)
        let schemas: JSONObject = ["self": declared, "oldSelf": declared]
        for (index, rule) in ValidationRule.rules(of: schema).enumerated() {
            let field = "\(path).x-kubernetes-validations[\(index)]"
            if rule.rule.isEmpty {
                causes.append(
                    StatusCause(reason: "FieldValueRequired", message: "Required value", field: "\(field).rule")
                )
                continue
            }
            do {
                _ = try CELProgram(rule.rule, schemas: schemas)
            } catch {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message: "Invalid value: \(rule.goDescription): compilation failed: \(error)",
                        field: "\(field).rule"
                    )
                )
            }
            if !rule.messageExpression.isEmpty {
                do {
                    _ = try CELProgram(rule.messageExpression, schemas: schemas)
                } catch {
                    causes.append(
                        StatusCause(
                            reason: "FieldValueInvalid",
                            message:
                                "Invalid value: \(rule.goDescription): messageExpression compilation failed: \(error)",
                            field: "\(field).messageExpression"
                        )
                    )
                }
            }
        }
        for name in (schema["properties"]?.objectValue ?? [:]).keys.sorted() {
            causes += Self.causes(in: schema["properties"]![name]!, path: "\(path).properties[\(name)]")
        }
        if let items = schema["items"] { causes += Self.causes(in: items, path: "\(path).items") }
        if let additional = schema["additionalProperties"] {
            causes += Self.causes(in: additional, path: "\(path).additionalProperties")
        }
        return causes
    }
}
