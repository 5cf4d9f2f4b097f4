public import Foundation

/// A timestamp as the API serializes `metav1.Time`: RFC 3339 in UTC with second precision (`2026-01-02T03:04:05Z`).
///
/// See <https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#time-v1-meta>.
public struct Time: RFC3339Timestamp {
    /// The instant, truncated to whole seconds when encoded.
    public var date: Date

    /// Creates a time from an instant.
    public init(_ date: Date) { self.date = date }

    /// Whole seconds, as `metav1.Time` serializes.
    public static let fractionalDigits = 0

    /// Parses RFC 3339 with or without fractional seconds and with `Z` or a numeric offset, by arithmetic rather than
    /// with Foundation's calendar (which loads ICU's time-zone data).
    public static func parse(_ text: String) -> Date? {
        RFC3339.parse(text)
    }

    /// Formats an instant in UTC with the given number of fractional-second digits (at most 9; none when zero or
    /// less): whole seconds rounded down with none, otherwise the instant rounded to the microsecond and cut to that
    /// many digits.
    public static func format(_ date: Date, fractionalDigits: Int) -> String {
        RFC3339.format(date, fractionalDigits: fractionalDigits)
    }
}

/// A timestamp with microsecond precision, as `metav1.MicroTime` (used by Lease and events.k8s.io Event).
public struct MicroTime: RFC3339Timestamp {
    /// The instant, truncated to microseconds when encoded.
    public var date: Date

    /// Creates a time from an instant.
    public init(_ date: Date) { self.date = date }

    /// Six fractional digits, e.g. `2026-01-02T03:04:05.123456Z`.
    public static let fractionalDigits = 6
}

/// A timestamp that the API serializes as an RFC 3339 string in UTC with a fixed number of fractional digits.
public protocol RFC3339Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The instant.
    var date: Date { get set }
    /// Creates a timestamp from an instant.
    init(_ date: Date)
    /// The number of fractional-second digits written when encoding (0 or 6).
    static var fractionalDigits: Int { get }
}

extension RFC3339Timestamp {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Time.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        self.init(date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The RFC 3339 form.
    public var description: String { Time.format(date, fractionalDigits: Self.fractionalDigits) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}
