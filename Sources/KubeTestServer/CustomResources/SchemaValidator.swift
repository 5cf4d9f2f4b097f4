import Foundation
import KubeCore

/// Walks a value along a structural schema and collects the causes the API server would report.
///
/// Reasons, paths and messages follow `apiextensions-apiserver`'s conversion of kube-openapi errors to field errors:
/// a missing property is `FieldValueRequired` (`Required value`), a wrong type `FieldValueTypeInvalid`
/// (`Invalid value: "abc": spec.replicas in body must be of type integer: "string"`), an enum miss
/// `FieldValueNotSupported`, `maxLength` `FieldValueTooLong`, `maxItems`/`maxProperties` `FieldValueTooMany`,
/// list-type duplicates `FieldValueDuplicate`, everything else `FieldValueInvalid`. Objects and arrays in messages are
/// rendered as compact JSON where Go prints its own `%#v` form.
struct SchemaValidator {
    private(set) var causes: [StatusCause] = []

    mutating func validate(_ value: JSONValue, schema: JSONValue, path: String, isResourceRoot: Bool = false) {
        guard schema.objectValue != nil else { return }
        let type = schema["type"]?.stringValue
        let isIntOrString = schema["x-kubernetes-int-or-string"]?.boolValue == true
        if value.isNull {
            if schema["nullable"]?.boolValue == true || (type == nil && !isIntOrString) { return }
            add(.typeInvalid, path, value, "\(subject(path)) must be of type \(type ?? "integer,string"): \"null\"")
            return
        }
        if isIntOrString {
            guard value.integerValue != nil || value.stringValue != nil else {
                add(.typeInvalid, path, value, "\(subject(path)) must be of type integer,string: \"\(value.typeName)\"")
                return
            }
        } else if let type, !Self.value(value, hasType: type) {
            add(.typeInvalid, path, value, "\(subject(path)) must be of type \(type): \"\(value.typeName)\"")
            return
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(where: { Self.equal($0, value) }) {
            let supported = choices.map(Self.render).joined(separator: ", ")
            causes.append(
                StatusCause(
                    reason: Reason.notSupported.rawValue,
                    message: "Unsupported value: \(Self.render(value)): supported values: \(supported)",
                    field: path
                )
            )
        }
        switch value {
        case .integer, .number: validateNumber(value, schema: schema, path: path)
        case .string(let text): validateString(text, schema: schema, path: path)
        case .array(let elements): validateArray(elements, schema: schema, path: path)
        case .object(let members): validateObject(members, schema: schema, path: path, isResourceRoot: isResourceRoot)
        default: break
        }
    }

    private mutating func validateNumber(_ value: JSONValue, schema: JSONValue, path: String) {
        guard let number = value.doubleValue else { return }
        if let maximum = schema["maximum"] {
            let exclusive = schema["exclusiveMaximum"]?.boolValue == true
            let limit = maximum.doubleValue ?? .infinity
            if exclusive ? number >= limit : number > limit {
                let relation = exclusive ? "less than" : "less than or equal to"
                add(.invalid, path, value, "\(subject(path)) should be \(relation) \(Self.render(maximum))")
            }
        }
        if let minimum = schema["minimum"] {
            let exclusive = schema["exclusiveMinimum"]?.boolValue == true
            let limit = minimum.doubleValue ?? -.infinity
            if exclusive ? number <= limit : number < limit {
                let relation = exclusive ? "greater than" : "greater than or equal to"
                add(.invalid, path, value, "\(subject(path)) should be \(relation) \(Self.render(minimum))")
            }
        }
        if let factor = schema["multipleOf"]?.doubleValue, factor > 0,
            (number / factor).rounded() != number / factor
        {
            add(.invalid, path, value, "\(subject(path)) should be a multiple of \(Self.render(schema["multipleOf"]!))")
        }
    }

    private mutating func validateString(_ text: String, schema: JSONValue, path: String) {
        let length = text.unicodeScalars.count
        if let maxLength = schema["maxLength"]?.integerValue, length > maxLength {
            causes.append(
                StatusCause(
                    reason: Reason.tooLong.rawValue,
                    message: "Too long: may not be more than \(maxLength) bytes",
                    field: path
                )
            )
        }
        if let minLength = schema["minLength"]?.integerValue, length < minLength {
            add(.invalid, path, .string(text), "\(subject(path)) should be at least \(minLength) chars long")
        }
        if let pattern = schema["pattern"]?.stringValue,
            let expression = try? NSRegularExpression(pattern: pattern),
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
        {
            add(.invalid, path, .string(text), "\(subject(path)) should match '\(pattern)'")
        }
        if let format = schema["format"]?.stringValue, !Self.string(text, matchesFormat: format) {
            add(
                .invalid,
                path,
                .string(text),
                "\(subject(path)) must be of type \(format): \(Self.render(.string(text)))"
            )
        }
    }

    private mutating func validateArray(_ elements: [JSONValue], schema: JSONValue, path: String) {
        if let maxItems = schema["maxItems"]?.integerValue, elements.count > maxItems {
            causes.append(
                StatusCause(
                    reason: Reason.tooMany.rawValue,
                    message: "Too many: \(elements.count): must have at most \(maxItems) items",
                    field: path
                )
            )
        }
        if let minItems = schema["minItems"]?.integerValue, elements.count < minItems {
            add(.invalid, path, .array(elements), "\(subject(path)) should have at least \(minItems) items")
        }
        if schema["uniqueItems"]?.boolValue == true, Set(elements).count != elements.count {
            add(.invalid, path, .array(elements), "\(subject(path)) shouldn't contain duplicates")
        }
        switch schema["x-kubernetes-list-type"]?.stringValue {
        case "set":
            reportDuplicates(elements, path: path) { $0 }
        case "map":
            let keys = schema["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            reportDuplicates(elements, path: path) { element in
                .object(JSONObject(keys.map { ($0, element[$0] ?? .null) }))
            }
        default:
            break
        }
        if let items = schema["items"] {
            for (index, element) in elements.enumerated() {
                validate(element, schema: items, path: "\(path)[\(index)]")
            }
        }
    }

    private mutating func reportDuplicates(
        _ elements: [JSONValue],
        path: String,
        identity: (JSONValue) -> JSONValue
    ) {
        var seen: Set<JSONValue> = []
        for (index, element) in elements.enumerated() {
            let key = identity(element)
            if !seen.insert(key).inserted {
                causes.append(
                    StatusCause(
                        reason: Reason.duplicate.rawValue,
                        message: "Duplicate value: \(Self.render(key))",
                        field: "\(path)[\(index)]"
                    )
                )
            }
        }
    }

    private mutating func validateObject(
        _ members: JSONObject,
        schema: JSONValue,
        path: String,
        isResourceRoot: Bool
    ) {
        let skipsTypeMeta = isResourceRoot || schema["x-kubernetes-embedded-resource"]?.boolValue == true
        if let maxProperties = schema["maxProperties"]?.integerValue, members.count > maxProperties {
            causes.append(
                StatusCause(
                    reason: Reason.tooMany.rawValue,
                    message: "Too many: \(members.count): must have at most \(maxProperties) items",
                    field: path
                )
            )
        }
        if let minProperties = schema["minProperties"]?.integerValue, members.count < minProperties {
            add(.invalid, path, .object(members), "\(subject(path)) should have at least \(minProperties) properties")
        }
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        where members[required] == nil && !(skipsTypeMeta && required == "metadata") {
            causes.append(
                StatusCause(reason: Reason.required.rawValue, message: "Required value", field: child(path, required))
            )
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let additional = schema["additionalProperties"]
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            if skipsTypeMeta && key == "metadata" { continue }
            if let property = properties[key] {
                validate(member, schema: property, path: child(path, key))
            } else if let additional, additional.objectValue != nil {
                validate(member, schema: additional, path: "\(path)[\(key)]")
            }
        }
    }

    private mutating func add(_ reason: Reason, _ path: String, _ value: JSONValue, _ detail: String) {
        causes.append(
            StatusCause(
                reason: reason.rawValue,
                message: "Invalid value: \(Self.render(value)): \(detail)",
                field: path
            )
        )
    }

    private func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func subject(_ path: String) -> String { path.isEmpty ? "body" : "\(path) in body" }

    private static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch type {
        case "object": return value.objectValue != nil
        case "array": return value.arrayValue != nil
        case "string": return value.stringValue != nil
        case "boolean": return value.boolValue != nil
        case "integer": return value.integerValue != nil
        case "number": return value.doubleValue != nil
        default: return true
        }
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue { return left == right }
        return lhs == rhs
    }

    private static func string(_ text: String, matchesFormat format: String) -> Bool {
        switch format {
        case "date-time": return Time.parse(text) != nil
        case "date":
            guard text.count == 10 else { return false }
            let style = Date.ISO8601FormatStyle().year().month().day()
            return (try? style.parse(text)) != nil
        default: return true
        }
    }

    /// A value as Go's field errors print it: strings quoted, numbers plain, composites as JSON.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        case .integer(let number): return String(number)
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array, .object:
            guard let data = try? value.serialized() else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The `metav1.CauseType` strings used here.
    enum Reason: String {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case typeInvalid = "FieldValueTypeInvalid"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case duplicate = "FieldValueDuplicate"
    }
}
