import KubeCore

/// A value from AWS CLI output with the JSON path it was read at, so that every error and note names it.
///
/// Accessors throw ``ImportError`` for missing fields and wrong types instead of trapping.
struct AWSValue: Sendable {
    /// The value.
    let json: JSONValue
    /// Its JSON path, e.g. `taskDefinition.containerDefinitions[0].cpu`.
    let path: String

    init(_ json: JSONValue, path: String) {
        self.json = json
        self.path = path
    }

    /// The path of `key` below this value.
    func path(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The member `key` of this object, or `nil` when absent or JSON `null`.
    func optional(_ key: String) throws(ImportError) -> AWSValue? {
        guard case .object(let members) = json else {
            throw .wrongType(path: path, expected: "an object", found: json.typeName)
        }
        guard let member = members[key], !member.isNull else { return nil }
        return AWSValue(member, path: path(key))
    }

    /// The member `key` of this object.
    func required(_ key: String) throws(ImportError) -> AWSValue {
        guard let member = try optional(key) else { throw .missingField(path: path(key)) }
        return member
    }

    /// This value as a string.
    func string() throws(ImportError) -> String {
        guard case .string(let text) = json else {
            throw .wrongType(path: path, expected: "a string", found: json.typeName)
        }
        return text
    }

    /// This value as a whole number; AWS prints integers as JSON numbers, some (task sizes) as strings.
    func integer() throws(ImportError) -> Int64 {
        switch json {
        case .integer(let number):
            return number
        case .number(let number) where number.rounded() == number && abs(number) < 1e15:
            return Int64(number)
        case .string(let text):
            guard let number = Int64(text) else {
                throw .invalidValue(path: path, value: text, reason: "expected a whole number")
            }
            return number
        default:
            throw .wrongType(path: path, expected: "a whole number", found: json.typeName)
        }
    }

    /// This value as a number.
    func number() throws(ImportError) -> Double {
        switch json {
        case .integer(let number): return Double(number)
        case .number(let number): return number
        default: throw .wrongType(path: path, expected: "a number", found: json.typeName)
        }
    }

    /// This value as a Boolean.
    func bool() throws(ImportError) -> Bool {
        guard case .bool(let flag) = json else {
            throw .wrongType(path: path, expected: "true or false", found: json.typeName)
        }
        return flag
    }

    /// This value's elements, each with its index in the path.
    func array() throws(ImportError) -> [AWSValue] {
        guard case .array(let elements) = json else {
            throw .wrongType(path: path, expected: "an array", found: json.typeName)
        }
        return elements.enumerated().map { AWSValue($0.element, path: "\(path)[\($0.offset)]") }
    }

    /// This object's members in key order, each with its key in the path.
    func members() throws(ImportError) -> [(key: String, value: AWSValue)] {
        guard case .object(let members) = json else {
            throw .wrongType(path: path, expected: "an object", found: json.typeName)
        }
        return members.keys.sorted().map { ($0, AWSValue(members[$0]!, path: path($0))) }
    }

    /// Member `key` as a string, if present.
    func string(_ key: String) throws(ImportError) -> String? { try optional(key)?.string() }
    /// Member `key` as a whole number, if present.
    func integer(_ key: String) throws(ImportError) -> Int64? { try optional(key)?.integer() }
    /// Member `key` as a Boolean, if present.
    func bool(_ key: String) throws(ImportError) -> Bool? { try optional(key)?.bool() }
    /// Member `key`'s elements; empty when absent.
    func array(_ key: String) throws(ImportError) -> [AWSValue] { try optional(key)?.array() ?? [] }

    /// Member `key` as a whole number that fits an `Int32` within `range`.
    func int32(_ key: String, in range: ClosedRange<Int64>) throws(ImportError) -> Int32? {
        guard let member = try optional(key) else { return nil }
        let number = try member.integer()
        guard range.contains(number) else {
            throw .invalidValue(
                path: member.path,
                value: String(number),
                reason: "must be between \(range.lowerBound) and \(range.upperBound)"
            )
        }
        return Int32(number)
    }
}

extension Array where Element == AWSValue {
    /// The first element `predicate` accepts; the standard library's `first(where:)` rethrows untyped errors.
    func first(matching predicate: (AWSValue) throws(ImportError) -> Bool) throws(ImportError) -> AWSValue? {
        for element in self where try predicate(element) { return element }
        return nil
    }

    /// The elements `predicate` accepts.
    func filter(matching predicate: (AWSValue) throws(ImportError) -> Bool) throws(ImportError) -> [AWSValue] {
        var result: [AWSValue] = []
        for element in self where try predicate(element) { result.append(element) }
        return result
    }
}
