public import Foundation

extension JSONValue {
    /// Serializes as compact JSON with sorted keys, byte for byte what ``KubeJSON/encoder`` writes for this value.
    ///
    /// Written directly, without `JSONEncoder`: keys sorted by their UTF-8 bytes (the order `JSONEncoder`'s
    /// `.sortedKeys` gives for the NFC-normalized keys the API uses), slashes not escaped, `"`, `\` and control
    /// characters escaped as `JSONEncoder` does, and floating-point numbers in Swift's shortest round-trip form with a
    /// trailing `.0` dropped (`1e+20`, `0.1`, `100`).
    ///
    /// - Throws: `EncodingError.invalidValue` for a NaN or infinite number, which JSON cannot express.
    public func serialized() throws -> Data {
        var writer = JSONWriter()
        try writer.write(self)
        return Data(writer.bytes)
    }
}

/// Appends the compact JSON text of values to a byte buffer; see ``JSONValue/serialized()``.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: JSONValue) throws {
        switch value {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .integer(let value): append(String(value))
        case .number(let value):
            guard value.isFinite else {
                throw EncodingError.invalidValue(
                    value,
                    .init(codingPath: [], debugDescription: "\(value) is not a valid JSON number")
                )
            }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            append(text)
        case .string(let value): writeString(value)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            // Members are sorted by `String`'s order, which is UTF-8 byte order for the NFC keys the API uses;
            // other keys are sorted again by their bytes.
            if members.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) {
                try writeMembers(members)
            } else {
                try writeMembers(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMembers(_ members: some Collection<JSONObject.Element>) throws {
        var first = true
        for member in members {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(member.key)
            bytes.append(UInt8(ascii: ":"))
            try write(member.value)
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x00..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
