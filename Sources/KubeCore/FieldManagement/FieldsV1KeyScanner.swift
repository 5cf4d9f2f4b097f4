import Foundation

/// A small JSON reader for the bodies of `k:` and `v:` keys: scalars and flat objects of scalars.
///
/// A field set of a Deployment has dozens of such keys, and going through `JSONDecoder` for each one dominated the
/// cost of ``ManagedFieldSet/init(fieldsV1:)``. Anything this reader does not handle (nested values, unusual number
/// forms) is passed to `JSONDecoder`, so the result is always what a full JSON parser reads.
struct FieldsV1KeyScanner {
    private let bytes: [UInt8]
    private var position = 0

    /// Parses `text` as one JSON value; `nil` when it is not valid JSON.
    static func parse(_ text: String) -> JSONValue? {
        var scanner = FieldsV1KeyScanner(bytes: Array(text.utf8))
        if let value = scanner.value(allowObject: true), scanner.position == scanner.bytes.count {
            return value
        }
        return try? JSONValue(parsing: Data(text.utf8))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func value(allowObject: Bool) -> JSONValue? {
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{") where allowObject: return object()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return nil
        }
    }

    private mutating func object() -> JSONValue? {
        position += 1
        var members: JSONObject = [:]
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard current == UInt8(ascii: "\""), let name = string(), current == UInt8(ascii: ":") else { return nil }
            position += 1
            guard let member = value(allowObject: false) else { return nil }
            members[name] = member
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: return nil
            }
        }
    }

    /// A string without escapes; escaped strings are left to `JSONDecoder`.
    private mutating func string() -> String? {
        position += 1
        let start = position
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// An integer without fraction or exponent; other numbers are left to `JSONDecoder`.
    private mutating func integer() -> JSONValue? {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        let digits = position - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
        if let byte = current, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte) { return nil }
        return Int64(String(decoding: bytes[start..<position], as: UTF8.self)).map(JSONValue.integer)
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return nil }
        let matches = word.withUTF8Buffer { expected in
            zip(expected, bytes[position..<(position + count)]).allSatisfy { $0 == $1 }
        }
        guard matches else { return nil }
        position += count
        return value
    }
}
