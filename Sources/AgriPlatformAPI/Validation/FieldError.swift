/// One problem with one field of an ``AgriPlatform``, worded as the Kubernetes API server words its field errors
/// (`k8s.io/apimachinery/pkg/util/validation/field.Error`).
///
/// The same value becomes a cause of a 422 `Invalid` response, a line of `agri-operator validate`, the message of
/// the `InvalidSpec` condition and an Event:
///
/// ```
/// spec.services[0].name: Invalid value: "Api": a DNS-1035 label must consist of lower case alphanumeric …
/// spec.datastores[1].engine: Unsupported value: "Mongo": supported values: "MongoDB", "RabbitMQ", …
/// spec.services[0].image: Required value
/// ```
///
/// See <https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/field/errors.go>.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; the raw value is the `metav1.CauseType` the API server reports.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A required field is missing (`Required value`).
        case required = "FieldValueRequired"
        /// A value is malformed or out of range (`Invalid value`).
        case invalid = "FieldValueInvalid"
        /// A value must be unique and is not (`Duplicate value`).
        case duplicate = "FieldValueDuplicate"
        /// A value is not among the supported ones (`Unsupported value`).
        case notSupported = "FieldValueNotSupported"
        /// A field must not be set in this context (`Forbidden`).
        case forbidden = "FieldValueForbidden"
        /// A string is longer than allowed (`Too long`).
        case tooLong = "FieldValueTooLong"
        /// A list or map has more elements than allowed (`Too many`).
        case tooMany = "FieldValueTooMany"

        /// The words the API server starts the error body with, e.g. `Invalid value`.
        public var words: String {
            switch self {
            case .required: "Required value"
            case .invalid: "Invalid value"
            case .duplicate: "Duplicate value"
            case .notSupported: "Unsupported value"
            case .forbidden: "Forbidden"
            case .tooLong: "Too long"
            case .tooMany: "Too many"
            }
        }
    }

    /// The field's path in apimachinery style, e.g. `spec.services[0].autoscaling.minReplicas`.
    public var path: String
    /// What kind of problem it is.
    public var kind: Kind
    /// The offending value as the API server prints it — strings quoted (`"Api"`), numbers bare (`0`) — or `nil`
    /// when the message carries no value (required, forbidden, too long).
    public var value: String?
    /// Why the value is wrong and what would be accepted; may be empty.
    public var detail: String

    /// Creates an error from its parts; prefer the factories such as ``invalid(_:_:_:)``.
    public init(path: String, kind: Kind, value: String?, detail: String) {
        self.path = path
        self.kind = kind
        self.value = value
        self.detail = detail
    }

    /// The error as the API server prints it: `<path>: <Kind words>[: <value>][: <detail>]`.
    public var description: String {
        var text = "\(path): \(kind.words)"
        if let value { text += ": \(value)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }

    /// A missing required field.
    public static func required(_ path: String, _ detail: String = "") -> Self {
        Self(path: path, kind: .required, value: nil, detail: detail)
    }

    /// A malformed or out-of-range string value.
    public static func invalid(_ path: String, _ value: String, _ detail: String) -> Self {
        Self(path: path, kind: .invalid, value: quoted(value), detail: detail)
    }

    /// A malformed or out-of-range number.
    public static func invalid(_ path: String, _ value: some BinaryInteger, _ detail: String) -> Self {
        Self(path: path, kind: .invalid, value: String(value), detail: detail)
    }

    /// A value that must be unique and is not.
    public static func duplicate(_ path: String, _ value: String) -> Self {
        Self(path: path, kind: .duplicate, value: quoted(value), detail: "")
    }

    /// A number that must be unique and is not.
    public static func duplicate(_ path: String, _ value: some BinaryInteger) -> Self {
        Self(path: path, kind: .duplicate, value: String(value), detail: "")
    }

    /// A value outside a closed set; the detail lists the supported values as the API server does.
    public static func notSupported(_ path: String, _ value: String, supported: [String]) -> Self {
        let list = supported.map(quoted).joined(separator: ", ")
        return Self(path: path, kind: .notSupported, value: quoted(value), detail: "supported values: \(list)")
    }

    /// A field that must not be set here.
    public static func forbidden(_ path: String, _ detail: String) -> Self {
        Self(path: path, kind: .forbidden, value: nil, detail: detail)
    }

    /// A string longer than `maxLength` characters.
    public static func tooLong(_ path: String, maxLength: Int) -> Self {
        Self(path: path, kind: .tooLong, value: nil, detail: "may not be more than \(maxLength) bytes")
    }

    /// A list or map with `count` elements where at most `maxItems` are allowed.
    public static func tooMany(_ path: String, count: Int, maxItems: Int) -> Self {
        Self(path: path, kind: .tooMany, value: String(count), detail: "must have at most \(maxItems) items")
    }

    /// The most characters of a value an error quotes: errors go into the status, Events and logs, and a value can
    /// be up to a megabyte long.
    static let quotedValueMaxLength = 256

    /// `text` quoted as Go's `%q` quotes it, for the common characters; beyond ``quotedValueMaxLength`` characters
    /// it is cut and ends in `…"` with the number of characters left out.
    static func quoted(_ text: String) -> String {
        var out = "\""
        let scalars = text.unicodeScalars
        for scalar in scalars.prefix(quotedValueMaxLength) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        if scalars.count > quotedValueMaxLength {
            return out + "…\" (\(scalars.count - quotedValueMaxLength) more characters)"
        }
        return out + "\""
    }
}
