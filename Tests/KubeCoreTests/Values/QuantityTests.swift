import Foundation
import KubeCore
import Testing

/// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go.
@Suite("Quantity")
struct QuantityTests {
    /// `TestQuantityParse`: input, the value it must equal, and the format it keeps.
    static let parseCases: [(String, String, Quantity.Format)] = [
        ("0", "0", .decimalSI), ("0n", "0", .decimalSI), ("0m", "0", .decimalSI), ("0Ki", "0", .binarySI),
        ("0k", "0", .decimalSI), ("0Mi", "0", .binarySI), ("0Gi", "0", .binarySI), ("0T", "0", .decimalSI),
        ("1", "1", .decimalSI),
        ("1Ki", "1024", .binarySI), ("8Ki", "8192", .binarySI), ("7Mi", "7340032", .binarySI),
        ("6Gi", "6442450944", .binarySI), ("5Ti", "5497558138880", .binarySI),
        ("4Pi", "4503599627370496", .binarySI), ("3Ei", "3458764513820540928", .binarySI),
        ("5n", "0.000000005", .decimalSI), ("4u", "0.000004", .decimalSI), ("3m", "0.003", .decimalSI),
        ("8k", "8000", .decimalSI), ("50k", "50000", .decimalSI), ("7M", "7000000", .decimalSI),
        ("6G", "6000000000", .decimalSI), ("5T", "5000000000000", .decimalSI), ("40T", "4e13", .decimalSI),
        ("2P", "2e15", .decimalSI), ("1E", "1e18", .decimalSI),
        ("1E-3", "0.001", .decimalExponent), ("1e3", "1000", .decimalExponent), ("1E6", "1e6", .decimalExponent),
        ("1e14", "1e14", .decimalExponent), ("100.035k", "100035", .decimalSI),
        ("0.001", "1m", .decimalSI), ("0.0005k", "0.5", .decimalSI), ("0.5", "500m", .decimalSI),
        ("0.00050k", "0.5", .decimalSI), ("0.5e0", "0.5", .decimalExponent), ("0.5e-2", "0.005", .decimalExponent),
        ("10.035M", "10035000", .decimalSI), ("1.2e3", "1200", .decimalExponent),
        ("1.3E+6", "1300000", .decimalExponent), ("1.53E12", "153e10", .decimalExponent),
        ("1.7E18", "17e17", .decimalExponent), ("9.01", "901e-2", .decimalSI), ("8.1k", "8100", .decimalSI),
        ("7.123456M", "7123456", .decimalSI), ("6.987654321G", "6987654321", .decimalSI),
        ("1.01E", "101e16", .decimalSI),
        // Things that saturate or round.
        ("3.001n", "4n", .decimalSI), ("1.1E-9", "2n", .decimalExponent), ("0.0000000001", "1n", .decimalSI),
        ("0.0000000005", "1n", .decimalSI), ("0.5e-9", "1n", .decimalExponent), ("0.9n", "1n", .decimalSI),
        ("0.00000012345", "124n", .decimalSI), ("9Ei", "9223372036854775807", .binarySI),
        ("9223372036854775807Ki", "9223372036854775807", .binarySI), ("12E", "12e18", .decimalSI),
        // Fractional binary amounts.
        ("100.035Ki", "102435.84", .binarySI), ("0.5Mi", "524288", .binarySI),
        ("0.05Gi", "53687091.2", .binarySI), ("0.025Ti", "27487790694.4", .binarySI),
        // Things written by trolls.
        ("0.000000000001Ki", "2n", .decimalSI), (".001", "1m", .decimalSI), (".0001k", "100m", .decimalSI),
        ("1.", "1", .decimalSI), ("1.G", "1G", .decimalSI),
        ("123456789.0123456789012345678901234Ki", "126419751948641975195n", .binarySI),
        ("0.123456789012345678901Ei", "142335986942043633765253990n", .binarySI),
    ]

    @Test("Parsing yields the upstream value and format", arguments: parseCases)
    func parses(input: String, expected: String, format: Quantity.Format) throws {
        let quantity = try Quantity(parsing: input)
        #expect(quantity == (try Quantity(parsing: expected)))
        #expect(quantity.format == format)
        let negated = try Quantity(parsing: "-" + input)
        #expect(negated == -quantity)
        #expect(negated.format == format)
    }

    @Test(
        "Malformed text is rejected",
        arguments: [
            "", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ",
            "1e4294967297", "1K", "1e", "1Ki1",
        ]
    )
    func rejects(input: String) {
        #expect(throws: QuantityFormatError.self) { try Quantity(parsing: input) }
        #expect(!Quantity(input).isValid)
    }

    @Test("Errors say what is wrong")
    func errorReasons() {
        #expect(throws: QuantityFormatError(text: "", reason: .empty)) { try Quantity(parsing: "") }
        #expect(throws: QuantityFormatError(text: "1 ", reason: .malformed)) { try Quantity(parsing: "1 ") }
        #expect(throws: QuantityFormatError(text: "1Zi", reason: .malformed)) { try Quantity(parsing: "1Zi") }
        #expect(throws: QuantityFormatError(text: "5mi", reason: .unknownSuffix("mi"))) {
            try Quantity(parsing: "5mi")
        }
        #expect(throws: QuantityFormatError(text: String(repeating: "7", count: 40), reason: .outOfRange)) {
            try Quantity(parsing: String(repeating: "7", count: 40))
        }
        #expect(QuantityFormatError(text: "5mi", reason: .unknownSuffix("mi")).description.contains("\"mi\""))
    }

    /// `TestQuantityParseEmit`, `TestQuantityString` alternates and the examples from the API docs.
    static let canonicalCases: [(String, String)] = [
        ("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"), (".001Ki", "1024m"),
        (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n"),
        ("0.5", "500m"), ("1000m", "1"), ("1536Mi", "1536Mi"), ("1.5Gi", "1536Mi"), ("1e3", "1e3"), ("1E3", "1e3"),
        ("1000", "1k"), ("1.5", "1500m"), ("307200Ki", "300Mi"), ("1025024Mi", "1001Gi"), ("1024Gi", "1Ti"),
        ("5000m", "5"), ("0.001T", "1G"), ("1000u", "1m"), ("1.08", "1080m"), ("1080000000n", "1080m"),
        (".001e12", "1e9"), ("0.001e0", "1e-3"), ("1000e-12", "1e-9"), ("80e-3", "80e-3"), ("300e6", "300e6"),
        ("00", "0"), ("0Gi", "0"), ("-0.0", "0"), ("1000E", "1e21"), ("5000E", "5e21"), ("1000000E", "1e24"),
        ("1234567M", "1234567M"), ("1025Ki", "1025Ki"), ("1023", "1023"), ("2000", "2k"), ("0.5e0", "500e-3"),
        ("-1500m", "-1500m"), ("-1Gi", "-1Gi"), ("-0.5Ki", "-512"), ("100.035Ki", "102435840m"),
        ("0.1Ki", "102400m"), ("9Ei", "9223372036854775807"), ("8Ei", "9223372036854775807"), ("7Ei", "7Ei"),
        ("+1.5", "1500m"),
    ]

    @Test("The canonical form matches the API server", arguments: canonicalCases)
    func canonicalForm(input: String, canonical: String) throws {
        let quantity = try Quantity(parsing: input)
        #expect(quantity.description == canonical)
        #expect(try Quantity(parsing: canonical) == quantity)
    }

    /// `TestQuantityCmp` and friends.
    static let comparisons: [(String, String, Int)] = [
        ("0", "0", 0), ("100m", "50m", 1), ("50m", "100m", -1), ("10000T", "100Gi", 1), ("0.5", "500m", 0),
        ("1Gi", "1024Mi", 0), ("1G", "1Gi", -1), ("1e3", "1k", 0), ("-1", "1m", -1), ("-2", "-1", -1),
        ("1n", "0", 1), ("12E", "9Ei", 1), ("1e21", "999E", 1), ("0.1", "100m", 0), ("1e-9", "1n", 0),
        ("123456789012345678901234567", "123456789012345678901234566", 1),
    ]

    @Test("Comparison is by value", arguments: comparisons)
    func compares(left: String, right: String, order: Int) throws {
        let lhs = try Quantity(parsing: left)
        let rhs = try Quantity(parsing: right)
        #expect((lhs < rhs) == (order < 0))
        #expect((lhs > rhs) == (order > 0))
        #expect((lhs == rhs) == (order == 0))
        if order == 0 { #expect(lhs.hashValue == rhs.hashValue) }
    }

    @Test("Equal values hash alike so sets deduplicate them")
    func hashing() {
        let set: Set<Quantity> = ["0.5", "500m", "1Gi", "1024Mi", "1G"]
        #expect(set.count == 3)
    }

    /// `TestNegativeValueRoundsAwayFromZero`.
    static let integerValues: [(String, Int64, Int64)] = [
        ("-.484785E-1", -1, -49), (".484785E-1", 1, 49), ("-0.0005", -1, -1), ("0.0005", 1, 1),
        ("-1500m", -2, -1500), ("1500m", 2, 1500), ("-9.5000000001Gi", -10_200_547_329, -10_200_547_328_108),
        ("9.5000000001Gi", 10_200_547_329, 10_200_547_328_108), ("-1", -1, -1000), ("1", 1, 1000), ("0", 0, 0),
        ("100Ei", Int64.max, Int64.max), ("-100E", Int64.min, Int64.min), ("1Gi", 1_073_741_824, 1_073_741_824_000),
    ]

    @Test("value and milliValue round away from zero", arguments: integerValues)
    func integerAccessors(input: String, value: Int64, milliValue: Int64) throws {
        let quantity = try Quantity(parsing: input)
        #expect(quantity.value == value)
        #expect(quantity.milliValue == milliValue)
    }

    @Test("Scaled values and the Double accessor")
    func otherAccessors() throws {
        #expect(Quantity("1").scaledValue(scale: -9) == 1_000_000_000)
        #expect(Quantity("1n").scaledValue(scale: 0) == 1)
        #expect(Quantity("100").scaledValue(scale: 2) == 1)
        #expect(Quantity("0.1").doubleValue == 0.1)
        #expect(Quantity("1.5Gi").doubleValue == 1_610_612_736)
        #expect(Quantity("-250m").doubleValue == -0.25)
        #expect(Quantity("0").isZero)
        #expect(!Quantity("1n").isZero)
        #expect(Quantity("-3").signum == -1)
    }

    @Test("Integer initializers print like NewQuantity and NewMilliQuantity")
    func initializers() {
        #expect(Quantity(1024, format: .binarySI).description == "1Ki")
        #expect(Quantity(1000).description == "1k")
        #expect(Quantity(1_000_000, format: .decimalExponent).description == "1e6")
        #expect(Quantity(milliValue: 1024, format: .binarySI).description == "1024m")
        #expect(Quantity(milliValue: 1_234_000).description == "1234")
        #expect(Quantity(value: 1000, scale: -9).description == "1u")
        #expect(Quantity(value: 0, scale: -3).description == "0")
    }

    @Test("Arithmetic is exact and keeps the left format")
    func arithmetic() {
        #expect((Quantity("0.1") + Quantity("0.2")) == Quantity("0.3"))
        #expect((Quantity("0.1") + Quantity("0.2")).description == "300m")
        #expect((Quantity("1Gi") - Quantity("512Mi")).description == "512Mi")
        #expect((Quantity("1") - Quantity("1Ki")).description == "-1023")
        #expect((Quantity("0") + Quantity("1Gi")).description == "1Gi")
        #expect((Quantity("100m") + Quantity("0")).description == "100m")
        #expect((Quantity("0") - Quantity("100m")).description == "-100m")
        #expect((Quantity("1e3") + Quantity("1k")).description == "2e3")
        var total = Quantity("250m")
        total += "750m"
        #expect(total.description == "1")
        total -= "2"
        #expect(total.description == "-1")
    }

    @Test("Unparsable text is kept, compares by text and sorts last")
    func unparsable() {
        let bad = Quantity("lots")
        #expect(!bad.isValid)
        #expect(bad.format == nil)
        #expect(bad.description == "lots")
        #expect(bad.isZero)
        #expect(bad == Quantity("lots"))
        #expect(bad != Quantity("0"))
        #expect(Quantity("1E") < bad)
        #expect(Quantity("lots") < Quantity("more"))
    }

    @Test("JSON encodes the canonical string and decodes strings or numbers")
    func codable() throws {
        let encoded = try JSONEncoder().encode(["cpu": Quantity("0.5"), "memory": Quantity("1.5Gi")])
        #expect(String(decoding: encoded, as: UTF8.self).contains("\"500m\""))
        #expect(String(decoding: encoded, as: UTF8.self).contains("\"1536Mi\""))
        let decoded = try JSONDecoder().decode(
            [Quantity].self,
            from: Data(#"[" 1", "1 ", 1, -1, 1.5, "2Gi", null, 0.1]"#.utf8)
        )
        #expect(decoded.map(\.description) == ["1", "1", "1", "-1", "1500m", "2Gi", "0", "100m"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quantity].self, from: Data(#"["1x"]"#.utf8)) }
    }
}
