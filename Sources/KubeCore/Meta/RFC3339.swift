import Foundation

/// RFC 3339 timestamps read and written by hand: the API's `metav1.Time` and `metav1.MicroTime`, log lines' `ts`.
///
/// Foundation's `Date.ISO8601FormatStyle` did this before, but it builds a Gregorian `Calendar` for the current time
/// zone, which loads ICU's time-zone data, and kept most of the 2 MiB of it the operator touched resident, in a process
/// that only ever reads and writes UTC. The proleptic Gregorian calendar in UTC is arithmetic (Howard Hinnant's
/// `days_from_civil` and `civil_from_days`).
///
/// Parsing accepts RFC 3339's `date-time` (section 5.6) in the upper case Go's strict RFC 3339 parser requires:
/// `2026-01-02T03:04:05Z`, with any number of fractional digits (a `Date` keeps about a microsecond of them) and `Z`
/// or a `±hh:mm` offset. It rejects a missing offset, `t` or `z` in lower case, a space for `T`, a day the month does
/// not have, second 60, an hour past 23 (in the time or the offset), and an offset without its colon.
enum RFC3339 {
    /// The instant `text` names, or `nil` when it is not an RFC 3339 date-time.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// `date` in UTC: `YYYY-MM-DDThh:mm:ssZ`, or with `fractionalDigits` digits after the second (at most 9; none
    /// when zero or less).
    ///
    /// Whole seconds are the instant rounded down, as `metav1.Time` truncates. With a fraction, the instant is first
    /// rounded to the nearest microsecond (a `Double` holding `x.000001` may be a hair below it, and truncating that
    /// would lose the microsecond on a round trip), then its digits are cut to `fractionalDigits`. An instant that is
    /// not finite, or more than 290 billion years away, has no such text and is written as the epoch.
    static func format(_ date: Date, fractionalDigits: Int) -> String {
        let interval = date.timeIntervalSince1970
        let digits = min(fractionalDigits, 9)
        var seconds: Int64 = 0
        var fraction = 0  // microseconds
        if interval.isFinite, abs(interval) < 9e18 {
            let whole = interval.rounded(.down)
            seconds = Int64(whole)
            if digits > 0 {
                fraction = Int(((interval - whole) * 1_000_000).rounded())
                if fraction == 1_000_000 { (seconds, fraction) = (seconds + 1, 0) }
            }
        }
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30)
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        append(Int(abs(year)), digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(Int(secondOfDay / 3_600), digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(Int(secondOfDay % 3_600 / 60), digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(Int(secondOfDay % 60), digits: 2, to: &bytes)
        if digits > 0 {
            bytes.append(UInt8(ascii: "."))
            var nanos = fraction * 1_000
            var written: [UInt8] = []
            for _ in 0..<9 {
                written.append(UInt8(ascii: "0") + UInt8(nanos / 100_000_000))
                nanos = nanos % 100_000_000 * 10
            }
            bytes += written.prefix(digits)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func parse(utf8 text: UnsafeBufferPointer<UInt8>) -> Date? {
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= text.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = text[position + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += digits
            return value
        }
        func expect(_ characters: UInt8...) -> Bool {
            guard position < text.count, characters.contains(text[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")),
            let month = number(2), (1...12).contains(month), expect(UInt8(ascii: "-")),
            let day = number(2), day >= 1, day <= daysIn(month: month, year: year),
            expect(UInt8(ascii: "T")),
            let hour = number(2), hour < 24, expect(UInt8(ascii: ":")),
            let minute = number(2), minute < 60, expect(UInt8(ascii: ":")),
            let second = number(2), second < 60
        else { return nil }
        var nanoseconds = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while position < text.count, text[position] >= UInt8(ascii: "0"), text[position] <= UInt8(ascii: "9") {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int(text[position] - UInt8(ascii: "0")) }
                digits += 1
                position += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
        }
        var offsetSeconds = 0
        if !expect(UInt8(ascii: "Z")) {
            guard position < text.count, text[position] == UInt8(ascii: "+") || text[position] == UInt8(ascii: "-")
            else { return nil }
            let sign = text[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(2), hours < 24, expect(UInt8(ascii: ":")), let minutes = number(2), minutes < 60
            else { return nil }
            offsetSeconds = sign * (hours * 3_600 + minutes * 60)
        }
        guard position == text.count else { return nil }
        let days = self.days(fromCivil: Int64(year), month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second - offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int64, month: Int, day: Int) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func append(_ value: Int, digits: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<max(digits, 1) { divisor *= 10 }
        var value = value
        if value >= divisor * 10 {
            bytes += Array(String(value).utf8)
            return
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor))
            value %= divisor
            divisor /= 10
        }
    }
}
