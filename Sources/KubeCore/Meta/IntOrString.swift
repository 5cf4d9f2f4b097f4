/// A value that is either an integer or a string (`intstr.IntOrString`), such as a port number or name, or a count
/// or percentage (`maxSurge: 25%`).
public enum IntOrString: Sendable, Hashable, Codable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    case int(Int)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return value
        }
    }

    /// Resolves a count or a percentage of `total`, as the API does for `maxSurge` (`roundUp: true`) and
    /// `maxUnavailable` (`roundUp: false`). Returns `nil` for a string that is neither an integer nor a percentage.
    public func scaledValue(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let value):
            return value
        case .string(let text):
            if let value = Int(text) { return value }
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()) else { return nil }
            let product = percent * total
            return roundUp ? (product + 99) / 100 : product / 100
        }
    }
}
