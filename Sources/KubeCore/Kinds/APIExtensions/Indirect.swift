/// Stores a value out of line, so that a struct can hold a value of its own type (``JSONSchemaProps/items``).
///
/// It encodes exactly as the wrapped value does.
enum Indirect<Wrapped> {
    indirect case value(Wrapped)

    /// The wrapped value.
    var wrapped: Wrapped {
        switch self {
        case .value(let wrapped): return wrapped
        }
    }
}

extension Indirect: Sendable where Wrapped: Sendable {}
extension Indirect: Equatable where Wrapped: Equatable {}
extension Indirect: Hashable where Wrapped: Hashable {}

extension Indirect: Codable where Wrapped: Codable {
    init(from decoder: any Decoder) throws {
        self = .value(try Wrapped(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try wrapped.encode(to: encoder)
    }
}
