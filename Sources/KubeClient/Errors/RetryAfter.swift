public import Foundation

/// Parsing of the HTTP `Retry-After` header (RFC 9110 §10.2.3).
///
/// The API server sends delay-seconds (`Retry-After: 1` with `429 TooManyRequests`); proxies may send an HTTP date.
/// See <https://www.rfc-editor.org/rfc/rfc9110#field.retry-after>.
public enum RetryAfter: Sendable {
    /// The delay a `Retry-After` value asks for.
    ///
    /// - Parameters:
    ///   - value: The header value: non-negative integer seconds, or an IMF-fixdate such as
    ///     `Wed, 21 Oct 2015 07:28:00 GMT`.
    ///   - now: The current time, to turn a date into a delay.
    /// - Returns: The delay (zero for a date in the past), or `nil` when the value is malformed.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            guard let seconds = Int64(text) else { return nil }
            return .seconds(seconds)
        }
        guard let date = httpDate(text) else { return nil }
        let delay = date.timeIntervalSince(now)
        return delay <= 0 ? .zero : .milliseconds(Int64((delay * 1000).rounded(.up)))
    }

    private static func httpDate(_ text: String) -> Date? {
        // IMF-fixdate, then the obsolete RFC 850 and asctime forms that RFC 9110 says recipients must accept.
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
