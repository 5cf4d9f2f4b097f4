public import KubeCore

/// The revision of a pod template: the FNV-1a 64 hash of its canonical JSON, as 16 hexadecimal digits.
///
/// Canonical JSON here means no whitespace, object keys sorted as Swift orders strings (for the ASCII keys of
/// Kubernetes objects, byte order), strings with JSON's escapes (`\"`, `\\` and `\u00XX` for control characters),
/// integers in decimal. The bytes are fed to the hash as they are produced; no string is built. Same template, same revision, in every process and on every machine.
///
/// The renderer writes it to the pod template's `agriplatform.io/revision` annotation (computed before that
/// annotation is added) and to the migration Job's name, so a new image or any other change to the pods names a
/// new revision and a new migration.
public enum PodTemplateRevision {
    /// The annotation on pod templates and migration Jobs that carries the revision.
    public static let annotation = "agriplatform.io/revision"

    /// The revision of `template`.
    public static func of(_ template: JSONValue) -> String {
        var hasher = FNV1a64()
        feed(template, into: &hasher)
        return hasher.hexDigits
    }

    private static func feed(_ value: JSONValue, into hasher: inout FNV1a64) {
        switch value {
        case .null: hasher.combine("null")
        case .bool(let flag): hasher.combine(flag ? "true" : "false")
        case .integer(let number): hasher.combine(String(number))
        case .number(let number): hasher.combine(number.description)
        case .string(let text): feedString(text, into: &hasher)
        case .array(let elements):
            hasher.combine(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { hasher.combine(UInt8(ascii: ",")) }
                feed(element, into: &hasher)
            }
            hasher.combine(UInt8(ascii: "]"))
        case .object(let members):
            hasher.combine(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {  // JSONObject iterates in key order
                if index > 0 { hasher.combine(UInt8(ascii: ",")) }
                feedString(member.key, into: &hasher)
                hasher.combine(UInt8(ascii: ":"))
                feed(member.value, into: &hasher)
            }
            hasher.combine(UInt8(ascii: "}"))
        }
    }

    private static func feedString(_ text: String, into hasher: inout FNV1a64) {
        hasher.combine(UInt8(ascii: "\""))
        // `withUTF8` gives a native string's bytes in place.
        var text = text
        text.withUTF8 { feedEscaped($0, into: &hasher) }
        hasher.combine(UInt8(ascii: "\""))
    }

    private static func feedEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout FNV1a64) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                hasher.combine(UInt8(ascii: "\\"))
                hasher.combine(byte)
            case 0..<0x20:
                hasher.combine("\\u00")
                hasher.combine(hexDigit(byte >> 4))
                hasher.combine(hexDigit(byte & 0xF))
            default:
                hasher.combine(byte)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
