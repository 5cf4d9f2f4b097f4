public import Foundation

/// An untyped JSON value, the common currency of objects whose schema we do not model.
///
/// Integers and floating-point numbers are kept apart so that `replicas: 3` survives a round trip as `3`, not `3.0`,
/// and so that 64-bit integers keep their precision. Objects are ``JSONObject``s: unordered as far as equality goes,
/// kept sorted by key, so output is stable without sorting again.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// The members of an object, or `nil` for any other value.
    public var objectValue: JSONObject? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or `nil` for any other value.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The string, or `nil` for any other value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, or `nil` for any other value.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer, or `nil` for any other value (a number with no fractional part counts as an integer).
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e18: return Int64(value)
        default: return nil
        }
    }

    /// The number as a `Double`, or `nil` for any non-numeric value.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type name used in validation messages (`"object"`, `"array"`, `"string"`, `"integer"`,
    /// `"number"`, `"boolean"`, `"null"`), matching the OpenAPI type names.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Reads or writes a member of an object. Reading from a non-object yields `nil`; writing to a non-object
    /// replaces it with an object. Assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members[key]
        }
        set {
            guard case .object(var members) = self else {
                self = .object(newValue.map { [key: $0] } ?? [:])
                return
            }
            // Released before the write so the members are uniquely referenced and change in place.
            self = .null
            members[key] = newValue
            self = .object(members)
        }
    }

    /// Reads a value at a path of object keys, e.g. `["metadata", "name"]`.
    public subscript(path path: [String]) -> JSONValue? {
        get {
            var current: JSONValue? = self
            for key in path { current = current?[key] }
            return current
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            var child = self[first] ?? .object([:])
            if path.count == 1 {
                self[first] = newValue
            } else {
                child[path: Array(path.dropFirst())] = newValue
                self[first] = child
            }
        }
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        // A single-value container can only be asked "is it a T?" by trying, and each wrong guess throws a
        // DecodingError whose coding path Foundation's JSONDecoder builds by walking up the tree — the costliest
        // part of decoding. So the guesses go in the order Kubernetes JSON needs them: strings and objects make up
        // most nodes, then arrays; numbers and Booleans are few. (Int64 still comes before Double, so integers stay
        // integers.) This order made watch-event decoding several times faster.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(JSONObject(value))
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSONValue {
    /// Converts any `Encodable` value into its JSON form.
    ///
    /// A `JSONValue` or ``DynamicObject`` is taken as it is, without a round trip through `JSONEncoder`: its numbers
    /// keep their case (`.number(2.0)` is not turned into `.integer(2)`) and a non-finite number is rejected only
    /// when it is serialized. Everything else is encoded with ``KubeJSON/encoder`` and parsed.
    public init(encoding value: some Encodable) throws {
        // Values that are JSON already (an apply body built as a `DynamicObject`) are taken as they are.
        if let json = value as? JSONValue {
            self = json
        } else if let object = value as? DynamicObject {
            self = object.json
        } else {
            self = try JSONValue(parsing: KubeJSON.encoder.encode(value))
        }
    }

}

/// The JSON coders Kubernetes objects use: sorted keys for stable output, no escaped slashes, and RFC 3339 times.
public enum KubeJSON {
    /// A shared encoder: sorted keys, slashes left unescaped. Encoders are safe to share for concurrent use.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder for Kubernetes JSON.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes a value as JSON `Data`.
    public static func encode(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

    /// Decodes a value from JSON `Data` without `JSONDecoder`: the bytes are parsed by ``JSONValue/init(parsing:)``,
    /// then a ``JSONValueDecodable`` type (such as ``JSONValue``) is built with ``JSONValueDecodable/init(json:)`` and
    /// any other type is decoded from the parsed value by ``JSONValue/decode(as:)``, which gives what `JSONDecoder`
    /// gives.
    ///
    /// An ``ObjectList`` is decoded item by item as its text is parsed, with the same result and errors, so that a
    /// list page is never one tree in memory.
    ///
    /// - Throws: ``JSONParseError`` for bytes that are not JSON, `DecodingError` for JSON that does not fit `type`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if let parsing = type as? any ParsingDecodable.Type {
            let value =
                try data.withContiguousStorageIfAvailable(parsing.init(parsing:))
                ?? Array(data).withUnsafeBufferPointer(parsing.init(parsing:))
            // `parsing` is `T.self`, so the value built is a `T`.
            return value as! T
        }
        return try decode(type, fromParsed: try JSONValue(parsing: data))
    }

    /// Decodes a value from its parsed JSON as ``decode(_:from:)`` does after parsing.
    static func decode<T: Decodable>(_ type: T.Type, fromParsed json: JSONValue) throws -> T {
        if let convertible = type as? any JSONValueDecodable.Type, let value = try convertible.init(json: json) as? T {
            return value
        }
        return try json.decode(as: type)
    }
}
