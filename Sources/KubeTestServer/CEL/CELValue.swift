import KubeCore

/// A value at CEL run time: the results of expressions and the `self`/`oldSelf` bindings.
///
/// Maps keep their entries in insertion order, so macros iterate them deterministically. Equality is CEL's
/// heterogeneous equality (`1 == 1.0 == 1u`; values of unrelated types are unequal, never an error).
/// See <https://github.com/google/cel-spec/blob/master/doc/langdef.md#values>.
enum CELValue: Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map([(key: CELValue, value: CELValue)])
    /// A type value, as returned by `type(x)` and named by `int`, `string`, `list`, … (the CEL type name).
    case type(String)

    /// The CEL type name: `int`, `uint`, `double`, `bool`, `string`, `bytes`, `list`, `map`, `null_type`, `type`.
    var typeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .type: "type"
        }
    }

    /// The value of `key` in a map, by CEL equality (`nil` when absent or not a map).
    func member(_ key: CELValue) -> CELValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key.isEqual(to: key) }?.value
    }

    /// CEL equality: numbers compare by value across `int`, `uint` and `double`; lists and maps element-wise.
    func isEqual(to other: CELValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.type(let a), .type(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count
                && a.allSatisfy { entry in other.member(entry.key)?.isEqual(to: entry.value) == true }
        default:
            guard let order = numericOrder(other) else { return false }
            return order == 0
        }
    }

    /// The ordering of two values for `<`, `<=`, `>`, `>=` and `isSorted`: `nil` when CEL defines no ordering.
    func compare(to other: CELValue) -> Int? {
        switch (self, other) {
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.string(let a), .string(let b)):
            let left = Array(a.unicodeScalars.map(\.value))
            let right = Array(b.unicodeScalars.map(\.value))
            return left == right ? 0 : (left.lexicographicallyPrecedes(right) ? -1 : 1)
        case (.bytes(let a), .bytes(let b)): return a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        default: return numericOrder(other)
        }
    }

    /// Orders numbers of any of the three numeric types by mathematical value; `nil` for NaN or non-numbers.
    private func numericOrder(_ other: CELValue) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        switch (self, other) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return sign(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? -1 : sign(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? 1 : sign(a, UInt64(b))
        case (.double(let a), .double(let b)): return a.isNaN || b.isNaN ? nil : sign(a, b)
        case (.double(let a), .int(let b)):
            if a.isNaN { return nil }
            if let exact = Int64(exactly: a) { return sign(exact, b) }
            return a < Double(b) ? -1 : 1
        case (.double(let a), .uint(let b)):
            if a.isNaN { return nil }
            if let exact = UInt64(exactly: a) { return sign(exact, b) }
            return a < Double(b) ? -1 : 1
        case (.int, .double), (.uint, .double): return other.numericOrder(self).map { -$0 }
        default: return nil
        }
    }

    /// The value rendered as CEL source (strings quoted), for `string()` of composites and messages.
    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .int(let number): return String(number)
        case .uint(let number): return "\(number)u"
        case .double(let number): return CELValue.format(number)
        case .string(let text): return "\"\(text)\""
        case .bytes(let bytes): return "b\"\(String(decoding: bytes, as: UTF8.self))\""
        case .list(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\($0.key.description): \($0.value.description)" }.joined(separator: ", ") + "}"
        case .type(let name): return name
        }
    }

    /// A double as `string(x)` prints it: integral values without a fraction (`3`), others shortest (`2.5`).
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "+Infinity" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

extension CELValue {
    /// Converts a JSON value as the API server does for a schema node: `type: number` fields are doubles even when
    /// written as `3`, `type: integer` fields ints, objects maps with string keys, arrays lists.
    ///
    /// `schema` may be `nil` (unknown fields kept by `x-kubernetes-preserve-unknown-fields`): numbers then keep the
    /// JSON form.
    init(_ json: JSONValue, schema: JSONValue?) {
        let type = schema?["type"]?.stringValue
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .integer(let number): self = type == "number" ? .double(Double(number)) : .int(number)
        case .number(let number):
            if type == "integer" || schema?["x-kubernetes-int-or-string"]?.boolValue == true,
                let exact = Int64(exactly: number)
            {
                self = .int(exact)
            } else {
                self = .double(number)
            }
        case .string(let text): self = .string(text)
        case .array(let elements):
            let items = schema?["items"]
            self = .list(elements.map { CELValue($0, schema: items) })
        case .object(let members):
            let properties = schema?["properties"]?.objectValue ?? [:]
            let additional = schema?["additionalProperties"].flatMap { $0.objectValue != nil ? $0 : nil }
            self = .map(
                members.keys.sorted().map { key in
                    (key: .string(key), value: CELValue(members[key]!, schema: properties[key] ?? additional))
                }
            )
        }
    }
}
