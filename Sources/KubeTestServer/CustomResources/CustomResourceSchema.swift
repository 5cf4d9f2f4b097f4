package import KubeCore

/// A CRD version's structural schema: validation, defaulting, pruning and merge semantics.
///
/// The API server applies these steps to every custom resource it decodes, in this order: prune unknown fields,
/// fill in defaults, then validate. See
/// <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema>.
///
/// CEL validation rules (`x-kubernetes-validations`) are evaluated after the structural checks by
/// ``ValidationRuleValidator``, with `oldSelf` on updates; see that type for what is not modelled (cost budgets,
/// ratcheting, `optionalOldSelf`, type checking).
///
/// Simplified compared with the real API server: `allOf`/`anyOf`/`oneOf`/`not` value validations and most `format`s
/// other than `date-time` and `date` are not evaluated, and `metadata` is neither validated nor pruned here (the
/// storage layer validates it for every kind).
package struct CustomResourceSchema: Sendable {
    /// The `openAPIV3Schema` of the served version.
    package var openAPIV3Schema: JSONValue

    /// Creates the schema of one CRD version from its `schema.openAPIV3Schema`.
    package init(openAPIV3Schema: JSONValue) { self.openAPIV3Schema = openAPIV3Schema }

    /// Every way `object` violates the schema, as causes with API reasons and field paths (`spec.replicas`):
    /// structural checks, then the CEL rules, which see `old` (the stored object on update) as `oldSelf`.
    package func validate(_ object: JSONValue, old: JSONValue? = nil) -> [StatusCause] {
        var validator = SchemaValidator()
        validator.validate(object, schema: openAPIV3Schema, path: "", isResourceRoot: true)
        let rules = ValidationRuleValidator.validate(
            object,
            old: old,
            schema: openAPIV3Schema,
            schemaCauses: validator.causes
        )
        return validator.causes + rules
    }

    /// `object` with schema defaults filled in, as the API server does on create, update and read.
    ///
    /// A `default` is inserted where a property is absent, or `null` while the property is not `nullable`; the
    /// inserted value is then defaulted itself. Defaulting reaches array items and `additionalProperties` values.
    package func applyingDefaults(to object: JSONValue) -> JSONValue {
        Self.defaulted(object, schema: openAPIV3Schema)
    }

    /// `object` without fields the schema does not know (`apiVersion`, `kind` and `metadata` are kept at the root
    /// and in `x-kubernetes-embedded-resource` objects; `metadata` is not pruned).
    package func pruning(_ object: JSONValue) -> JSONValue {
        Self.pruned(object, schema: openAPIV3Schema, keepsTypeMeta: true)
    }

    /// List and map semantics from `x-kubernetes-list-type`, `x-kubernetes-list-map-keys` and
    /// `x-kubernetes-map-type`: lists are atomic and objects granular unless the schema says otherwise.
    package var mergeSchema: MergeSchema {
        let root = openAPIV3Schema
        return MergeSchema(
            listType: { path in
                guard let node = Self.schemaNode(at: path, in: root), node["type"]?.stringValue == "array" else {
                    return .atomic
                }
                switch node["x-kubernetes-list-type"]?.stringValue {
                case "set": return .set
                case "map":
                    let keys = node["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    return .map(keys: keys)
                default: return .atomic
                }
            },
            isAtomicObject: { path in
                guard var node = Self.schemaNode(at: path, in: root) else { return false }
                while node["type"]?.stringValue == "array", let items = node["items"] { node = items }
                return node["x-kubernetes-map-type"]?.stringValue == "atomic"
            }
        )
    }

    /// The schema of the field at `path` (list levels skipped, map keys taken by `additionalProperties`).
    static func schemaNode(at path: [String], in root: JSONValue) -> JSONValue? {
        var node = root
        for key in path {
            while node["type"]?.stringValue == "array", let items = node["items"] { node = items }
            if let property = node["properties"]?[key] {
                node = property
            } else if let additional = node["additionalProperties"], additional.objectValue != nil {
                node = additional
            } else {
                return nil
            }
        }
        return node
    }

    private static func defaulted(_ value: JSONValue, schema: JSONValue) -> JSONValue {
        switch value {
        case .object(var members):
            if let properties = schema["properties"]?.objectValue {
                for (key, property) in properties {
                    let isNullable = property["nullable"]?.boolValue == true
                    let current = members[key]
                    if let fallback = property["default"], current == nil || (current?.isNull == true && !isNullable) {
                        members[key] = fallback
                    }
                    if let present = members[key] { members[key] = defaulted(present, schema: property) }
                }
            }
            if let additional = schema["additionalProperties"], additional.objectValue != nil {
                let known = Set((schema["properties"]?.objectValue ?? [:]).keys)
                for (key, member) in members where !known.contains(key) {
                    members[key] = defaulted(member, schema: additional)
                }
            }
            return .object(members)
        case .array(let elements):
            guard let items = schema["items"] else { return value }
            return .array(
                elements.map { element in
                    if element.isNull, items["nullable"]?.boolValue != true, let fallback = items["default"] {
                        return defaulted(fallback, schema: items)
                    }
                    return defaulted(element, schema: items)
                }
            )
        default:
            return value
        }
    }

    private static func pruned(_ value: JSONValue, schema: JSONValue, keepsTypeMeta: Bool) -> JSONValue {
        if schema["x-kubernetes-int-or-string"]?.boolValue == true { return value }
        switch value {
        case .object(let members):
            let preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
            let properties = schema["properties"]?.objectValue ?? [:]
            let additional = schema["additionalProperties"]
            let keepsMeta = keepsTypeMeta || schema["x-kubernetes-embedded-resource"]?.boolValue == true
            var kept: JSONObject = [:]
            for (key, member) in members {
                if keepsMeta && key == "metadata" {
                    kept[key] = member
                } else if let property = properties[key] {
                    kept[key] = pruned(member, schema: property, keepsTypeMeta: false)
                } else if keepsMeta && (key == "apiVersion" || key == "kind") {
                    kept[key] = member
                } else if let additional, additional.objectValue != nil {
                    kept[key] = pruned(member, schema: additional, keepsTypeMeta: false)
                } else if preservesUnknown || additional?.boolValue == true {
                    kept[key] = member
                }
            }
            return .object(kept)
        case .array(let elements):
            guard let items = schema["items"] else { return value }
            return .array(elements.map { pruned($0, schema: items, keepsTypeMeta: false) })
        default:
            return value
        }
    }
}
