import KubeCore

/// One entry of a schema node's `x-kubernetes-validations`.
/// See <https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules>.
struct ValidationRule: Sendable {
    /// The CEL expression; `self` is the node's value, `oldSelf` its previous value on update.
    var rule: String
    var message: String
    var messageExpression: String
    /// `FieldValueInvalid` (the default), `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`.
    var reason: String?
    /// A path relative to the node (`.spec.replicas`, `['key']`) that failures are reported at.
    var fieldPath: String
    var optionalOldSelf: Bool

    init(_ json: JSONValue) {
        rule = json["rule"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        messageExpression = json["messageExpression"]?.stringValue ?? ""
        reason = json["reason"]?.stringValue
        fieldPath = json["fieldPath"]?.stringValue ?? ""
        optionalOldSelf = json["optionalOldSelf"]?.boolValue ?? false
    }

    /// The rules of one schema node, in order.
    static func rules(of schema: JSONValue) -> [ValidationRule] {
        (schema["x-kubernetes-validations"]?.arrayValue ?? []).map(ValidationRule.init)
    }

    /// The message, or the rule itself, as the API server names a rule in errors (`ruleErrorString`).
    var errorString: String {
        message.isEmpty ? rule.trimmingSpace : message.trimmingSpace
    }

    /// The message reported when the rule is false and no `messageExpression` produced one.
    var messageOrDefault: String {
        message.isEmpty ? "failed rule: \(errorString)" : message.trimmingSpace
    }

    /// The rule as Go prints the internal `apiextensions.ValidationRule` with `%#v` in CRD validation errors
    /// (a set `reason` or `optionalOldSelf` is a pointer there; its address is rendered as `0xc000000000`).
    var goDescription: String {
        func quoted(_ text: String) -> String { SchemaValidator.render(.string(text)) }
        let reasonText =
            reason == nil
            ? "(*apiextensions.FieldValueErrorReason)(nil)" : "(*apiextensions.FieldValueErrorReason)(0xc000000000)"
        let optional = optionalOldSelf ? "(*bool)(0xc000000000)" : "(*bool)(nil)"
        return "apiextensions.ValidationRule{Rule:\(quoted(rule)), Message:\(quoted(message)), "
            + "MessageExpression:\(quoted(messageExpression)), Reason:\(reasonText), "
            + "FieldPath:\(quoted(fieldPath)), OptionalOldSelf:\(optional)}"
    }

    /// `fieldPath` resolved against the node's schema as the API server normalizes it: properties as `.name`, map
    /// keys as `[key]`, without a leading dot. `nil` when the path is malformed or names no field of the schema.
    func normalizedFieldPath(schema: JSONValue) -> String? {
        var scalars = Array(fieldPath.unicodeScalars)[...]
        var node = schema
        var parts: [String] = []
        func take(_ name: String) -> Bool {
            if node["properties"] != nil {
                guard let property = node["properties"]?[name] else { return false }
                parts.append(parts.isEmpty ? name : ".\(name)")
                node = property
            } else if let additional = node["additionalProperties"], additional.objectValue != nil {
                parts.append("[\(name)]")
                node = additional
            } else {
                return false
            }
            return true
        }
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            if first == "." {
                let name = scalars.prefix { $0 != "." && $0 != "[" }
                scalars = scalars.dropFirst(name.count)
                guard !name.isEmpty, take(String(String.UnicodeScalarView(name))) else { return nil }
            } else if first == "[" {
                guard scalars.first == "'" else { return nil }
                scalars = scalars.dropFirst()
                var name = String.UnicodeScalarView()
                while let next = scalars.first, next != "'" {
                    scalars = scalars.dropFirst()
                    if next == "\\", let escaped = scalars.first {
                        scalars = scalars.dropFirst()
                        name.append(escaped)
                    } else {
                        name.append(next)
                    }
                }
                guard scalars.starts(with: ["'", "]"]) else { return nil }
                scalars = scalars.dropFirst(2)
                guard take(String(name)) else { return nil }
            } else {
                return nil
            }
        }
        return parts.joined()
    }
}

extension String {
    /// The string without leading and trailing whitespace, as Go's `strings.TrimSpace`.
    fileprivate var trimmingSpace: String {
        let scalars = Array(unicodeScalars)
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
