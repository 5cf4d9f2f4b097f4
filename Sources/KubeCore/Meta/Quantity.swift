/// A fixed-point amount with a unit suffix (`resource.Quantity`): `500m` CPU, `1Gi` memory.
///
/// Placeholder: stores the text as given. Parsing, canonical form and comparison land in this file.
public struct Quantity: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text as given.
    public var string: String

    public init(_ string: String) { self.string = string }
    public init(stringLiteral value: String) { self.string = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            string = text
        } else {
            string = String(try container.decode(Int64.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }

    public var description: String { string }
}
