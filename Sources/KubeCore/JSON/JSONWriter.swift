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
            // Elements and members are read in place: iterating copies each one (a retain and a release of its
            // storage), which cost as much as the writing.
            try elements.withUnsafeBufferPointer { elements in
                for index in elements.indices {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    try write(elements[index])
                }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            // Members are sorted by `String`'s order, which is UTF-8 byte order for the NFC keys the API uses;
            // other keys are sorted again by their bytes. (Only the keys are checked first: writing the members and
            // rewriting them on finding a non-ASCII key would double the work at every level of such nesting.)
            try object.members.withUnsafeBufferPointer { members in
                if members.allSatisfy({ Self.isASCII($0.0) }) {
                    try writeMembers(members)
                } else {
                    try writeMembers(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMembers(_ members: some RandomAccessCollection<JSONObject.Member>) throws {
        var first = true
        for index in members.indices {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(members[index].0)
            bytes.append(UInt8(ascii: ":"))
            try write(members[index].1)
        }
    }

    private static func isASCII(_ key: String) -> Bool {
        key.utf8.allSatisfy { $0 < 0x80 }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes `string` quoted and escaped.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole (`withUTF8` gives a native string's bytes in place).
        var string = string
        string.withUTF8 { writeEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (index, byte) in utf8.enumerated() {
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            default:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
}
