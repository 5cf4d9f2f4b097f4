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

    /// Parses RFC 3339 with or without fractional seconds and with `Z` or a numeric offset.
    public static func parse(_ text: String) -> Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(text) { return date }
        let plain = Date.ISO8601FormatStyle()
        return try? plain.parse(text)
    }

    /// Formats an instant in UTC with the given number of fractional-second digits (0 or 6).
    public static func format(_ date: Date, fractionalDigits: Int) -> String {
        guard fractionalDigits > 0 else {
            // metav1.Time truncates to whole seconds.
            let whole = date.timeIntervalSince1970.rounded(.down)
            return Date(timeIntervalSince1970: whole).formatted(.iso8601)
        }
        // Round to the nearest microsecond first: a Double holding `x.000001` may be a hair below it, and truncating
        // that would lose the microsecond on a round trip.
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (whole, micros) = totalMicros.quotientAndRemainder(dividingBy: 1_000_000)
        let (seconds, fractionMicros) = micros < 0 ? (whole - 1, micros + 1_000_000) : (whole, micros)
        let base = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
        let fraction = String(String(format: "%06d", fractionMicros).prefix(fractionalDigits))
        return String(base.dropLast()) + "." + fraction + "Z"
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
