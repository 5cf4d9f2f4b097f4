/// Why JSON text could not be parsed, and where.
///
/// Thrown by ``JSONValue/init(parsing:)``. The offset counts bytes from the start of the input.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Sendable, Hashable {
        /// The input ended inside a value (or was empty).
        case unexpectedEnd
        /// A byte that cannot start or continue a value here.
        case unexpectedByte(UInt8)
        /// A number that does not follow the RFC 8259 grammar (`01`, `1.`, `-`, `+1`).
        case invalidNumber
        /// A number too large for a `Double` (`1e400`).
        case numberOutOfRange
        /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
        case invalidEscape
        /// A `\uD800`–`\uDFFF` escape that is not part of a high/low surrogate pair.
        case loneSurrogate
        /// A string whose bytes are not valid UTF-8.
        case invalidUTF8
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacterInString
        /// Arrays and objects nested deeper than ``JSONValue/parsingDepthLimit``.
        case tooDeep
        /// Bytes other than whitespace after the value.
        case trailingData
    }

    /// What was wrong.
    public var reason: Reason
    /// The byte offset at which the problem was found.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEnd: what = "unexpected end of JSON"
        case .unexpectedByte(let byte): what = "unexpected byte 0x\(String(byte, radix: 16))"
        case .invalidNumber: what = "invalid number"
        case .numberOutOfRange: what = "number out of range"
        case .invalidEscape: what = "invalid escape sequence"
        case .loneSurrogate: what = "unpaired UTF-16 surrogate escape"
        case .invalidUTF8: what = "invalid UTF-8"
        case .controlCharacterInString: what = "unescaped control character in a string"
        case .tooDeep: what = "JSON nested too deeply"
        case .trailingData: what = "unexpected data after the JSON value"
        }
        return "\(what) at byte \(offset)"
    }
}
