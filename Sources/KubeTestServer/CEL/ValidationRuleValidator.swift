import Foundation
import KubeCore

/// Evaluates the `x-kubernetes-validations` rules of a structural schema against an object, as
/// `apiextensions-apiserver`'s `pkg/apiserver/schema/cel/validation.go` does.
///
/// Each rule runs with `self` bound to the value of its schema node, for every value the node describes: once per
/// list item for a rule under `items`, once per map value under `additionalProperties`. Null and absent values are
/// not validated. `oldSelf` is the previous value at the same place, found through object properties, map keys
/// (unless `x-kubernetes-map-type: atomic`) and the keys of `x-kubernetes-list-type: map` lists; elsewhere there is
/// none. A rule that uses `oldSelf` (a transition rule) is skipped when there is no previous value, which includes
/// every create. At the resource root `self.metadata` holds only `name` and `generateName`.
///
/// Failures are reported as the API server reports them: `Invalid value: "object": <message>` at the node's path
/// (plus the rule's `fieldPath`), `<nil>` for the root; the message is `messageExpression`'s result, else `message`,
/// else `failed rule: <rule>`; `reason` picks `Forbidden`, `Required value` or `Duplicate value` instead. A run-time
/// error is `<error> evaluating rule: <rule>`.
///
/// Validation ratcheting (`CRDValidationRatcheting`, on by default since Kubernetes 1.30) is modelled: on update, a
/// false non-transition rule on a value equal to its old value (or, where there is no correlated old value, under an
/// unchanged parent) is not an error. The real server sends it as a warning; here it is dropped.
/// Not modelled: cost budgets, `optionalOldSelf` (such rules are skipped without an old value, as if the feature
/// were off), and rules under `allOf`.
struct ValidationRuleValidator {
    private(set) var causes: [StatusCause] = []

    /// The causes for the rules of `schema` on `object`, after the schema causes `schemaCauses`: when those include
    /// a type, required, enum or size error the rules are not run, and one cause says so, as the API server does.
    static func validate(
        _ object: JSONValue,
        old: JSONValue?,
        schema: JSONValue,
        schemaCauses: [StatusCause]
    ) -> [StatusCause] {
        guard hasRules(schema) else { return [] }
        let blocking: Set<String> = [
            "FieldValueNotSupported", "FieldValueRequired", "FieldValueTooLong", "FieldValueTooMany",
            "FieldValueTypeInvalid",
        ]
        if schemaCauses.contains(where: { blocking.contains($0.reason ?? "") }) {
            return [
                StatusCause(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \"null\": some validation rules were not checked because the object was "
                        + "invalid; correct the existing errors to complete validation",
                    field: "<nil>"
                )
            ]
        }
        var validator = ValidationRuleValidator()
        validator.validate(object, old: old, schema: schema, path: "", isResourceRoot: true)
        return validator.causes
    }

    /// Whether `schema` or any schema below it has rules.
    static func hasRules(_ schema: JSONValue) -> Bool {
        guard schema.objectValue != nil else { return false }
        if !(schema["x-kubernetes-validations"]?.arrayValue ?? []).isEmpty { return true }
        if let items = schema["items"], hasRules(items) { return true }
        if let additional = schema["additionalProperties"], hasRules(additional) { return true }
        return (schema["properties"]?.objectValue ?? [:]).values.contains { hasRules($0) }
    }

    /// Validates one node and the nodes below it.
    /// - Parameter parentUnchanged: whether the nearest ancestor with an old value is equal to it (ratcheting).
    mutating func validate(
        _ value: JSONValue,
        old: JSONValue?,
        schema: JSONValue,
        path: String,
        isResourceRoot: Bool,
        parentUnchanged: Bool = false
    ) {
        guard schema.objectValue != nil, !value.isNull else { return }
        let old = old?.isNull == true ? nil : old
        let unchanged = old.map { $0 == value } ?? parentUnchanged
        let isEmbeddedRoot = isResourceRoot || schema["x-kubernetes-embedded-resource"]?.boolValue == true
        let rules = ValidationRule.rules(of: schema)
        if !rules.isEmpty {
            evaluate(
                rules,
                value: value,
                old: old,
                schema: schema,
                path: path,
                isResourceRoot: isEmbeddedRoot,
                ratchets: unchanged
            )
        }
        switch value {
        case .object(let members):
            let properties = schema["properties"]?.objectValue ?? [:]
            let additional = schema["additionalProperties"].flatMap { $0.objectValue != nil ? $0 : nil }
            let oldMembers = schema["x-kubernetes-map-type"]?.stringValue == "atomic" ? nil : old?.objectValue
            for key in members.keys.sorted() {
                if isEmbeddedRoot && key == "metadata" { continue }
                if let property = properties[key] {
                    let child = path.isEmpty ? key : "\(path).\(key)"
                    validate(
                        members[key]!,
                        old: oldMembers?[key],
                        schema: property,
                        path: child,
                        isResourceRoot: false,
                        parentUnchanged: unchanged
                    )
                } else if let additional {
                    validate(
                        members[key]!,
                        old: oldMembers?[key],
                        schema: additional,
                        path: "\(path)[\(key)]",
                        isResourceRoot: false,
                        parentUnchanged: unchanged
                    )
                }
            }
        case .array(let elements):
            guard let items = schema["items"] else { return }
            let keys =
                schema["x-kubernetes-list-type"]?.stringValue == "map"
                ? schema["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? [] : nil
            let oldElements = old?.arrayValue ?? []
            for (index, element) in elements.enumerated() {
                let oldElement = keys.flatMap { keys in
                    oldElements.first { candidate in keys.allSatisfy { candidate[$0] == element[$0] } }
                }
                validate(
                    element,
                    old: oldElement,
                    schema: items,
                    path: "\(path)[\(index)]",
                    isResourceRoot: false,
                    parentUnchanged: unchanged
                )
            }
        default:
            break
        }
    }

    /// The schema rules of a node are compiled against: at a resource root `apiVersion`, `kind` and a `metadata`
    /// with only `name` and `generateName`, as the API server declares them.
    static func ruleSchema(_ schema: JSONValue, isResourceRoot: Bool) -> JSONValue {
        guard isResourceRoot, schema["properties"] != nil else { return schema }
        var schema = schema
        let string: JSONValue = ["type": "string"]
        schema[path: ["properties", "apiVersion"]] = string
        schema[path: ["properties", "kind"]] = string
        schema[path: ["properties", "metadata"]] = [
            "type": "object", "properties": ["name": string, "generateName": string],
        ]
        return schema
    }

    /// The CEL value of a node; at a resource root `metadata` is reduced to `name` and `generateName`.
    private static func celValue(_ value: JSONValue, schema: JSONValue, isResourceRoot: Bool) -> CELValue {
        var value = value
        if isResourceRoot, let metadata = value["metadata"]?.objectValue {
            value["metadata"] = .object(metadata.filter { $0.key == "name" || $0.key == "generateName" })
        }
        return CELValue(value, schema: schema)
    }

    private mutating func evaluate(
        _ rules: [ValidationRule],
        value: JSONValue,
        old: JSONValue?,
        schema: JSONValue,
        path: String,
        isResourceRoot: Bool,
        ratchets: Bool
    ) {
        let type = SchemaValidator.render(.string(schema["type"]?.stringValue ?? ""))
        let field = path.isEmpty ? "<nil>" : path
        var bindings = ["self": Self.celValue(value, schema: schema, isResourceRoot: isResourceRoot)]
        if let old { bindings["oldSelf"] = Self.celValue(old, schema: schema, isResourceRoot: isResourceRoot) }
        func invalid(_ field: String, _ detail: String) {
            causes.append(
                StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \(type): \(detail)", field: field)
            )
        }
        let declared = Self.ruleSchema(schema, isResourceRoot: isResourceRoot)
        for rule in rules where !rule.rule.isEmpty {
            let program: CELProgram
            do {
                program = try CELProgram(rule.rule, schemas: ["self": declared, "oldSelf": declared])
            } catch {
                invalid(field, "rule compile error: compilation failed: \(error)")
                continue
            }
            if program.references("oldSelf") && old == nil { continue }
            let result: CELValue
            do {
                result = try program.evaluate(bindings)
            } catch {
                if error.message.hasPrefix("no such overload") {
                    invalid(
                        field,
                        "'\(error)': call arguments did not match a supported operator, function or macro signature "
                            + "for rule: \(rule.errorString)"
                    )
                } else {
                    invalid(field, "\(error) evaluating rule: \(rule.errorString)")
                }
                continue
            }
            if case .bool(true) = result { continue }
            if ratchets && !program.references("oldSelf") { continue }
            var failedField = field
            if !rule.fieldPath.isEmpty, let relative = rule.normalizedFieldPath(schema: schema), !relative.isEmpty {
                failedField = path.isEmpty ? relative : path + (relative.hasPrefix("[") ? relative : ".\(relative)")
            }
            let detail = Self.message(of: rule, bindings: bindings, schema: declared) ?? rule.messageOrDefault
            switch rule.reason {
            case "FieldValueForbidden":
                causes.append(
                    StatusCause(reason: "FieldValueForbidden", message: "Forbidden: \(detail)", field: failedField)
                )
            case "FieldValueRequired":
                causes.append(
                    StatusCause(reason: "FieldValueRequired", message: "Required value: \(detail)", field: failedField)
                )
            case "FieldValueDuplicate":
                causes.append(
                    StatusCause(reason: "FieldValueDuplicate", message: "Duplicate value: \(type)", field: failedField)
                )
            default:
                invalid(failedField, detail)
            }
        }
    }

    /// The `messageExpression` result, or `nil` when there is none or it fails, is not a string, is empty or
    /// spans lines (the API server then logs and falls back to `message`).
    private static func message(of rule: ValidationRule, bindings: [String: CELValue], schema: JSONValue) -> String? {
        guard !rule.messageExpression.isEmpty,
            let program = try? CELProgram(rule.messageExpression, schemas: ["self": schema, "oldSelf": schema]),
            case .string(let text)? = try? program.evaluate(bindings)
        else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains("\n") else { return nil }
        return trimmed
    }
}
