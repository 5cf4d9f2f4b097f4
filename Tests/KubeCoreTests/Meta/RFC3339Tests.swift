import Foundation
import KubeCore
import PropertyBased
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test(
        "Date-times the API writes parse to the instant they name",
        arguments: [
            ("1970-01-01T00:00:00Z", 0.0),
            ("2026-03-01T10:05:00Z", 1_772_359_500),
            ("2026-03-01T10:05:00.123456Z", 1_772_359_500.123456),
            ("2026-03-01T10:05:00.5Z", 1_772_359_500.5),
            ("2026-03-01T10:05:00.123456789Z", 1_772_359_500.123456789),
            ("2026-03-01T10:05:00.1234567891234Z", 1_772_359_500.123457),
            ("2026-03-01T12:05:00+02:00", 1_772_359_500),
            ("2026-03-01T04:35:00-05:30", 1_772_359_500),
            ("2024-02-29T23:59:59Z", 1_709_251_199),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("1969-12-31T23:59:59Z", -1),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("0000-01-01T00:00:00Z", -62_167_219_200),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
        ]
    )
    func parses(text: String, seconds: Double) throws {
        let date = try #require(Time.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(
        "Text that is not an RFC 3339 date-time is refused",
        arguments: [
            "", "2026-03-01", "2026-03-01T10:05:00", "2026-03-01 10:05:00Z", "2026-03-01T10:05Z",
            "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z", "2026-03-00T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:60:00Z",
            "2026-03-01T10:05:60Z", "2026-03-01T10:05:00.Z", "2026-03-01T10:05:00+0200", "2026-03-01T10:05:00+24:00",
            "2026-03-01T10:05:00Zjunk", "26-03-01T10:05:00Z", "2026-3-01T10:05:00Z", "+2026-03-01T10:05:00Z",
            "２０２６-03-01T10:05:00Z", "2026-03-01t10:05:00Z", "2026-03-01T10:05:00z",
        ]
    )
    func refuses(text: String) {
        #expect(Time.parse(text) == nil)
    }

    @Test("Formatting writes UTC with the digits asked for, seconds rounded down and fractions cut")
    func formats() {
        let date = Date(timeIntervalSince1970: 1_772_359_500.987654)
        #expect(Time.format(date, fractionalDigits: 0) == "2026-03-01T10:05:00Z")
        #expect(Time.format(date, fractionalDigits: 3) == "2026-03-01T10:05:00.987Z")
        #expect(Time.format(date, fractionalDigits: 6) == "2026-03-01T10:05:00.987654Z")
        #expect(Time.format(date, fractionalDigits: 9) == "2026-03-01T10:05:00.987654000Z")
        #expect(Time.format(Date(timeIntervalSince1970: -0.25), fractionalDigits: 0) == "1969-12-31T23:59:59Z")
        #expect(Time.format(Date(timeIntervalSince1970: -0.25), fractionalDigits: 6) == "1969-12-31T23:59:59.750000Z")
        #expect(
            Time.format(Date(timeIntervalSince1970: 1.000001), fractionalDigits: 6) == "1970-01-01T00:00:01.000001Z"
        )
        #expect(
            Time.format(Date(timeIntervalSince1970: 0.9999996), fractionalDigits: 6) == "1970-01-01T00:00:01.000000Z"
        )
        #expect(Time.format(date, fractionalDigits: 12) == "2026-03-01T10:05:00.987654000Z")
        #expect(Time.format(date, fractionalDigits: -1) == "2026-03-01T10:05:00Z")
        #expect(
            Time.format(Date(timeIntervalSince1970: -62_167_219_201), fractionalDigits: 0) == "-0001-12-31T23:59:59Z"
        )
        #expect(
            Time.format(Date(timeIntervalSince1970: 253_402_300_800), fractionalDigits: 0) == "10000-01-01T00:00:00Z"
        )
        #expect(
            Time.format(Date(timeIntervalSince1970: .infinity), fractionalDigits: 6) == "1970-01-01T00:00:00.000000Z"
        )
    }

    /// Instants from `seconds` after the epoch to the end of year 9999, in whole microseconds.
    static func instants(from seconds: Int64) -> Generator<Date, some SendableSequenceType> {
        Gen.int64(in: seconds * 1_000_000...253_402_300_799_999_999).map {
            Date(timeIntervalSince1970: Double($0) / 1_000_000)
        }
    }

    /// From 1583: before the Gregorian reform (15 October 1582) Foundation's calendar counts Julian days, where RFC 3339
    /// and Go (so the API server) count proleptic Gregorian ones, as ``Time`` does (`0001-01-01T00:00:00Z` is Go's
    /// zero time, -62 135 596 800 s).
    @Test("Formatting agrees with Foundation's ISO 8601 style, which it replaces, from 1583 to 9999")
    func agreesWithFoundation() async {
        let whole = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        await propertyCheck(count: 400, input: Self.instants(from: -12_212_553_600)) { date in
            let seconds = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            #expect(Time.format(date, fractionalDigits: 0) == seconds.formatted(whole))
            // The same instant, to a tenth of the text's millisecond: Foundation counts from 2001, so the last bits of
            // the Double may differ (a bit is 30 µs in year 9999).
            let text = Time.format(date, fractionalDigits: 3)
            guard let ours = Time.parse(text), let theirs = try? fractional.parse(text) else {
                Issue.record("\(text) did not parse both ways")
                return
            }
            #expect(abs(ours.timeIntervalSince1970 - theirs.timeIntervalSince1970) < 1e-4)
            #expect(Time.parse(Time.format(date, fractionalDigits: 0)) == seconds)
        }
    }

    @Test("Microsecond text survives a round trip through the instant, from year 1 to 9999")
    func roundTrip() async {
        await propertyCheck(count: 400, input: Self.instants(from: -62_135_596_800)) { date in
            let text = Time.format(date, fractionalDigits: 6)
            let parsed = Time.parse(text)
            #expect(parsed.map { Time.format($0, fractionalDigits: 6) } == text)
        }
    }
}
