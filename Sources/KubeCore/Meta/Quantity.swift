import Foundation

/// A fixed-point amount with a unit suffix (`resource.Quantity`): `500m` CPU, `1Gi` memory.
///
/// The text form is `<signedNumber><suffix>`, where the suffix is a binary SI suffix (`Ki`, `Mi`, `Gi`, `Ti`, `Pi`,
/// `Ei`), a decimal SI suffix (`n`, `u`, `m`, none, `k`, `M`, `G`, `T`, `P`, `E`) or a decimal exponent (`e3`,
/// `E-6`). The value is exact (a scaled 128-bit integer, never a `Double`) and, as on the API server, rounded up to a
/// multiple of `1n`; a binary SI amount above 2⁶³−1 is capped there.
///
/// ``description`` is the canonical form the API server writes back: the largest suffix that loses no precision, in
/// the suffix family the text was written in (`0.5` → `500m`, `1.5Gi` → `1536Mi`, `1024Mi` → `1Gi`, `1e3` → `1e3`,
/// `1000` → `1k`). Equality, hashing and ordering compare values, not text: `500m == 0.5`, `1Gi == 1024Mi`,
/// `1G != 1Gi`.
///
/// ``init(_:)`` and string literals never fail: text that does not parse is kept verbatim, ``isValid`` is `false`,
/// the numeric accessors read it as zero, it sorts after every valid quantity and it encodes as the original text.
/// Use ``init(parsing:)`` to reject bad text with a ``QuantityFormatError``.
///
/// Not modelled: more than 36 significant decimal digits (rejected as ``QuantityFormatError/Reason/outOfRange``);
/// arithmetic whose exact result needs more digits traps, like integer overflow.
///
/// See <https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go>.
public struct Quantity: Sendable {
    /// The suffix family a quantity is written in, which its canonical form keeps.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `12e6`: a plain number with an optional decimal exponent.
        case decimalExponent = "DecimalExponent"
        /// `12Mi`: powers of 1024.
        case binarySI = "BinarySI"
        /// `12M`: powers of 1000.
        case decimalSI = "DecimalSI"
    }

    private enum Storage: Sendable {
        case amount(Amount, Format)
        case unparsable(String)
    }

    private var storage: Storage

    private init(amount: Amount, format: Format) {
        storage = .amount(amount, format)
    }

    /// Parses `text`, keeping it verbatim (with ``isValid`` `false`) when it is not a valid quantity.
    public init(_ text: String) {
        do {
            self = try Quantity(parsing: text)
        } catch {
            storage = .unparsable(text)
        }
    }

    /// Parses `text` strictly.
    ///
    /// - Throws: ``QuantityFormatError`` for empty or malformed text, an unknown suffix, or more significant digits
    ///   than the exact representation holds.
    public init(parsing text: String) throws(QuantityFormatError) {
        let (amount, format) = try Self.parse(text)
        storage = .amount(amount, format)
    }

    /// The integer `value` in the given format (`Quantity(1024, format: .binarySI)` is `1Ki`).
    public init(_ value: Int64, format: Format = .decimalSI) {
        self.init(amount: Amount(mantissa: Int128(value), exponent: 0), format: format)
    }

    /// `value / 1000` in the given format (`Quantity(milliValue: 500)` is `500m`).
    public init(milliValue value: Int64, format: Format = .decimalSI) {
        self.init(amount: Amount(mantissa: Int128(value), exponent: -3), format: format)
    }

    /// `value × 10^scale` in decimal SI (`Quantity(value: 5, scale: -9)` is `5n`).
    public init(value: Int64, scale: Int, format: Format = .decimalSI) {
        self.init(amount: Amount(mantissa: Int128(value), exponent: scale), format: format)
    }

    /// Whether the text parsed; an unparsable quantity only keeps its text.
    public var isValid: Bool {
        if case .amount = storage { return true }
        return false
    }

    /// The suffix family, or `nil` for an unparsable quantity.
    public var format: Format? {
        if case .amount(_, let format) = storage { return format }
        return nil
    }

    /// The serialized text: the canonical form, or the original text of an unparsable quantity.
    public var string: String { description }

    private var amount: Amount {
        if case .amount(let amount, _) = storage { return amount }
        return .zero
    }

    /// Whether the value is zero (also `true` for an unparsable quantity).
    public var isZero: Bool { amount.mantissa == 0 }

    /// `-1`, `0` or `1` by the sign of the value.
    public var signum: Int { Int(amount.mantissa.signum()) }

    /// The value rounded away from zero to an integer (`Value()` upstream): `1500m` → `2`, `-1500m` → `-2`.
    /// Saturates at `Int64.min`/`Int64.max`.
    public var value: Int64 { scaledValue(scale: 0) }

    /// The value in thousandths, rounded away from zero (`MilliValue()` upstream): `1.5` → `1500`, `0.1m` → `1`.
    /// Saturates at `Int64.min`/`Int64.max`.
    public var milliValue: Int64 { scaledValue(scale: -3) }

    /// The value in units of `10^scale`, rounded away from zero and saturating (`ScaledValue(scale)` upstream):
    /// `Quantity("1").scaledValue(scale: -9)` is `1_000_000_000`.
    public func scaledValue(scale: Int) -> Int64 {
        amount.scaledValue(scale: scale)
    }

    /// The nearest `Double`; precision may be lost, and values beyond `Double`'s range become infinite.
    public var doubleValue: Double {
        let amount = amount
        return Double("\(amount.mantissa)e\(amount.exponent)") ?? 0
    }
}

// MARK: - Text form

extension Quantity: CustomStringConvertible, ExpressibleByStringLiteral {
    /// Parses a literal leniently, like ``init(_:)``.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The canonical form, as the API server serializes it (`String()` upstream).
    public var description: String {
        switch storage {
        case .unparsable(let text): return text
        case .amount(let amount, let format): return Self.canonicalString(amount, format: format)
        }
    }

    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    private static let decimalSuffixes: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]

    private static func canonicalString(_ amount: Amount, format: Format) -> String {
        if amount.mantissa == 0 { return "0" }
        var format = format
        if format == .binarySI {
            // Upstream shows small and fractional binary amounts in decimal SI rather than rounding them.
            if amount.magnitudeCompare(Amount(mantissa: 1024, exponent: 0)) < 0 {
                format = .decimalSI
            } else if amount.exponent < 0 {
                format = .decimalSI
            } else if var integer = amount.integerValue {
                var power = 0
                while integer % 1024 == 0 && power < binarySuffixes.count {
                    integer /= 1024
                    power += 1
                }
                if power < binarySuffixes.count {
                    return "\(integer)\(binarySuffixes[power])"
                }
                // Past `Ei` there is no binary suffix: fall back to an exact decimal exponent, as upstream does.
                format = .decimalExponent
            } else {
                format = .decimalExponent
            }
        }
        let (mantissa, exponent) = amount.canonicalDecimal
        switch format {
        case .decimalSI:
            if let suffix = decimalSuffixes[exponent] { return "\(mantissa)\(suffix)" }
            return "\(mantissa)e\(exponent)"
        case .decimalExponent, .binarySI:
            return exponent == 0 ? "\(mantissa)" : "\(mantissa)e\(exponent)"
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Scans and interprets quantity text the way `ParseQuantity` does, including its leniencies (`1.`, `.5`,
    /// `+1`, a bare sign as zero).
    private static func parse(_ text: String) throws(QuantityFormatError) -> (Amount, Format) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QuantityFormatError(text: text, reason: .empty) }
        var position = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            position = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            position = 1
        }
        let integerStart = position
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        let integerDigits = bytes[integerStart..<position]
        var fractionDigits = bytes[position..<position]
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
            fractionDigits = bytes[fractionStart..<position]
        }
        let suffixStart = position
        let suffixLetters = Set("eEinumkKMGTP".utf8)
        while position < bytes.count && suffixLetters.contains(bytes[position]) { position += 1 }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")) {
            position += 1
        }
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        guard position == bytes.count else {
            throw QuantityFormatError(text: text, reason: .malformed)
        }
        let suffix = String(decoding: bytes[suffixStart...], as: UTF8.self)
        guard let (base, exponent, format) = interpret(suffix: suffix) else {
            throw QuantityFormatError(text: text, reason: .unknownSuffix(suffix))
        }

        let integerPart = integerDigits.drop(while: { $0 == UInt8(ascii: "0") })
        let digits = Array((integerPart + fractionDigits).drop(while: { $0 == UInt8(ascii: "0") }))
        if digits.isEmpty { return (.zero, format) }

        var amount: Amount
        var resultFormat = format
        if base == 10 {
            amount = try decimalAmount(digits: digits, exponent: exponent - fractionDigits.count, text: text)
        } else {
            amount = binaryAmount(integerDigits: integerPart, fractionDigits: fractionDigits, power: exponent)
            if amount.magnitudeCompare(Amount(mantissa: 1, exponent: 0)) < 0 { resultFormat = .decimalSI }
        }
        if negative { amount.mantissa = -amount.mantissa }
        return (amount, resultFormat)
    }

    private static func interpret(suffix: String) -> (base: Int, exponent: Int, format: Format)? {
        switch suffix {
        case "": return (10, 0, .decimalSI)
        case "n": return (10, -9, .decimalSI)
        case "u": return (10, -6, .decimalSI)
        case "m": return (10, -3, .decimalSI)
        case "k": return (10, 3, .decimalSI)
        case "M": return (10, 6, .decimalSI)
        case "G": return (10, 9, .decimalSI)
        case "T": return (10, 12, .decimalSI)
        case "P": return (10, 15, .decimalSI)
        case "E": return (10, 18, .decimalSI)
        case "Ki": return (2, 10, .binarySI)
        case "Mi": return (2, 20, .binarySI)
        case "Gi": return (2, 30, .binarySI)
        case "Ti": return (2, 40, .binarySI)
        case "Pi": return (2, 50, .binarySI)
        case "Ei": return (2, 60, .binarySI)
        default:
            guard suffix.count > 1, suffix.first == "e" || suffix.first == "E",
                let exponent = Int(suffix.dropFirst()), abs(exponent) <= Int(Int32.max)
            else { return nil }
            return (10, exponent, .decimalExponent)
        }
    }

    /// `digits × 10^exponent`, rounded up to a multiple of `1n`. `digits` has no leading zeros and is not empty.
    private static func decimalAmount(
        digits: [UInt8],
        exponent: Int,
        text: String
    ) throws(QuantityFormatError) -> Amount {
        var kept = digits[...]
        var exponent = exponent
        var roundUp = false
        if exponent < Amount.nanoExponent {
            let dropped = Amount.nanoExponent - exponent
            exponent = Amount.nanoExponent
            if dropped >= kept.count {
                return Amount(mantissa: 1, exponent: Amount.nanoExponent)
            }
            roundUp = kept.suffix(dropped).contains(where: { $0 != UInt8(ascii: "0") })
            kept = kept.dropLast(dropped)
        }
        while !roundUp, let last = kept.last, last == UInt8(ascii: "0"), kept.count > 1 {
            kept = kept.dropLast()
            exponent += 1
        }
        kept = kept.drop(while: { $0 == UInt8(ascii: "0") })
        guard kept.count <= Amount.maximumDigits else {
            throw QuantityFormatError(text: text, reason: .outOfRange)
        }
        var mantissa: Int128 = 0
        for digit in kept { mantissa = mantissa * 10 + Int128(digit - UInt8(ascii: "0")) }
        if roundUp { mantissa += 1 }
        return Amount(mantissa: mantissa, exponent: exponent)
    }

    /// `integer.fraction × 2^power`, rounded up to a multiple of `1n` and capped at `Int64.max` as upstream caps
    /// binary SI amounts. The fraction is doubled digit by digit, so any number of fraction digits stays exact.
    private static func binaryAmount(
        integerDigits: ArraySlice<UInt8>,
        fractionDigits: ArraySlice<UInt8>,
        power: Int
    )
        -> Amount
    {
        let maximum = Amount(mantissa: Int128(Int64.max), exponent: 0)
        // At least 10^19 × 1024 is beyond the cap whatever the fraction.
        if integerDigits.count > 19 { return maximum }
        var integer: Int128 = 0
        for digit in integerDigits { integer = integer * 10 + Int128(digit - UInt8(ascii: "0")) }
        integer <<= power
        if integer > Int128(Int64.max) { return maximum }
        var fraction = fractionDigits.map { Int($0 - UInt8(ascii: "0")) }
        var carry: Int128 = 0
        for _ in 0..<power {
            var overflow = 0
            for index in fraction.indices.reversed() {
                let doubled = fraction[index] * 2 + overflow
                fraction[index] = doubled % 10
                overflow = doubled / 10
            }
            carry = carry * 2 + Int128(overflow)
        }
        var nanos: Int128 = 0
        for index in 0..<9 { nanos = nanos * 10 + Int128(index < fraction.count ? fraction[index] : 0) }
        if fraction.dropFirst(9).contains(where: { $0 != 0 }) { nanos += 1 }
        let amount = Amount(mantissa: (integer + carry) * 1_000_000_000 + nanos, exponent: Amount.nanoExponent)
        return amount.magnitudeCompare(maximum) > 0 ? maximum : amount
    }
}

// MARK: - Value semantics

extension Quantity: Hashable, Comparable {
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.amount(let left, _), .amount(let right, _)): return left == right
        case (.unparsable(let left), .unparsable(let right)): return left == right
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .amount(let amount, _):
            hasher.combine(0)
            hasher.combine(amount)
        case .unparsable(let text):
            hasher.combine(1)
            hasher.combine(text)
        }
    }

    /// Orders by value; unparsable quantities sort after all valid ones, by text.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.amount(let left, _), .amount(let right, _)): return left.compare(right) < 0
        case (.amount, .unparsable): return true
        case (.unparsable, .amount): return false
        case (.unparsable(let left), .unparsable(let right)): return left < right
        }
    }

    /// The exact sum. The result keeps the left operand's format, or the right's when the left is zero (as `Add`
    /// does upstream). An unparsable operand counts as zero.
    ///
    /// Traps if the exact sum needs more than 36 significant digits.
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(amount: lhs.amount.adding(rhs.amount), format: lhs.resultFormat(with: rhs))
    }

    /// The exact difference, with the format rules of ``+(_:_:)``.
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(amount: lhs.amount.adding(rhs.amount.negated), format: lhs.resultFormat(with: rhs))
    }

    /// The negated value, in the same format.
    public static prefix func - (operand: Quantity) -> Quantity {
        Quantity(amount: operand.amount.negated, format: operand.format ?? .decimalSI)
    }

    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

    private func resultFormat(with other: Quantity) -> Format {
        if isZero || !isValid { return other.format ?? format ?? .decimalSI }
        return format ?? .decimalSI
    }
}

// MARK: - Codable

extension Quantity: Codable {
    /// Decodes a JSON string (surrounding whitespace allowed) or number, as `UnmarshalJSON` does; `null` is zero.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not a valid quantity.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if container.decodeNil() {
            self.init(0)
            return
        } else if let string = try? container.decode(String.self) {
            text = string.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let decimal = try? container.decode(Decimal.self) {
            text = decimal.description
        } else {
            text = String(try container.decode(Double.self))
        }
        do {
            self = try Quantity(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the canonical form as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why text is not a valid ``Quantity``.
public struct QuantityFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Sendable, Hashable {
        /// The text was empty.
        case empty
        /// The text does not match `<signedNumber><suffix>`.
        case malformed
        /// The suffix is none of the binary SI, decimal SI or decimal exponent suffixes.
        case unknownSuffix(String)
        /// The value needs more significant digits than a ``Quantity`` holds exactly.
        case outOfRange
    }

    /// The rejected text.
    public var text: String
    /// What was wrong with it.
    public var reason: Reason

    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty:
            return "quantity is empty"
        case .malformed:
            return "quantity \"\(text)\" must match '^[+-]?[0-9.]+([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .unknownSuffix(let suffix):
            return "quantity \"\(text)\" has an unknown suffix \"\(suffix)\""
        case .outOfRange:
            return "quantity \"\(text)\" has more significant digits than can be represented exactly"
        }
    }
}

// MARK: - Exact amount

/// `mantissa × 10^exponent`, normalized: the mantissa has no trailing zeros, and zero has exponent 0, so equal values
/// have equal representations.
private struct Amount: Hashable, Sendable {
    static let nanoExponent = -9
    static let maximumDigits = 36
    /// Mantissas stay below 10^36, so multiplying by 100 when canonicalizing cannot overflow `Int128`.
    static let mantissaLimit: Int128 = 1_000_000_000_000_000_000_000_000_000_000_000_000
    static let zero = Amount(mantissa: 0, exponent: 0)

    var mantissa: Int128
    var exponent: Int

    init(mantissa: Int128, exponent: Int) {
        var mantissa = mantissa
        var exponent = exponent
        if mantissa == 0 {
            exponent = 0
        } else {
            while mantissa % 10 == 0 {
                mantissa /= 10
                exponent += 1
            }
        }
        self.mantissa = mantissa
        self.exponent = exponent
    }

    static func powerOfTen(_ power: Int) -> Int128? {
        guard power >= 0, power <= 38 else { return nil }
        var result: Int128 = 1
        for _ in 0..<power { result *= 10 }
        return result
    }

    static func digitCount(_ value: Int128) -> Int {
        var magnitude = value.magnitude
        var count = 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }

    var negated: Amount { Amount(mantissa: -mantissa, exponent: exponent) }

    /// The exact integer value, or `nil` when it is fractional or does not fit `Int128`.
    var integerValue: Int128? {
        guard exponent >= 0, let scale = Self.powerOfTen(exponent) else { return nil }
        let (result, overflow) = mantissa.multipliedReportingOverflow(by: scale)
        return overflow ? nil : result
    }

    /// The mantissa and an exponent that is a multiple of 3, as `AsCanonicalBytes` produces.
    var canonicalDecimal: (mantissa: Int128, exponent: Int) {
        var mantissa = mantissa
        var exponent = exponent
        while exponent % 3 != 0 {
            mantissa *= 10
            exponent -= 1
        }
        return (mantissa, exponent)
    }

    /// Compares magnitudes (absolute values).
    func magnitudeCompare(_ other: Amount) -> Int {
        if mantissa == 0 || other.mantissa == 0 {
            return mantissa == 0 ? (other.mantissa == 0 ? 0 : -1) : 1
        }
        let order = Self.digitCount(mantissa) + exponent
        let otherOrder = Self.digitCount(other.mantissa) + other.exponent
        if order != otherOrder { return order < otherOrder ? -1 : 1 }
        // Same order of magnitude: aligning the shorter mantissa gives it the other's digit count, which fits.
        var left = mantissa.magnitude
        var right = other.mantissa.magnitude
        if exponent > other.exponent {
            left *= UInt128(Self.powerOfTen(exponent - other.exponent)!)
        } else if other.exponent > exponent {
            right *= UInt128(Self.powerOfTen(other.exponent - exponent)!)
        }
        return left == right ? 0 : (left < right ? -1 : 1)
    }

    func compare(_ other: Amount) -> Int {
        let sign = mantissa.signum()
        let otherSign = other.mantissa.signum()
        if sign != otherSign { return sign < otherSign ? -1 : 1 }
        let magnitudeOrder = magnitudeCompare(other)
        return sign < 0 ? -magnitudeOrder : magnitudeOrder
    }

    func adding(_ other: Amount) -> Amount {
        if other.mantissa == 0 { return self }
        if mantissa == 0 { return other }
        let exponent = Swift.min(exponent, other.exponent)
        guard let left = Self.aligned(self, to: exponent), let right = Self.aligned(other, to: exponent) else {
            preconditionFailure("Quantity arithmetic overflow: \(self) + \(other) needs more than 36 digits")
        }
        let (sum, overflow) = left.addingReportingOverflow(right)
        let result = Amount(mantissa: sum, exponent: exponent)
        precondition(
            !overflow && result.mantissa.magnitude < Self.mantissaLimit.magnitude,
            "Quantity arithmetic overflow: the sum needs more than 36 significant digits"
        )
        return result
    }

    private static func aligned(_ amount: Amount, to exponent: Int) -> Int128? {
        guard let scale = powerOfTen(amount.exponent - exponent) else { return nil }
        let (result, overflow) = amount.mantissa.multipliedReportingOverflow(by: scale)
        return overflow ? nil : result
    }

    /// `ceil(|self| / 10^scale)` with the sign of `self`, saturated to `Int64`.
    func scaledValue(scale: Int) -> Int64 {
        if mantissa == 0 { return 0 }
        let negative = mantissa < 0
        let shift = exponent - scale
        var magnitude: UInt128
        if shift >= 0 {
            guard let factor = Self.powerOfTen(shift) else { return negative ? .min : .max }
            let (product, overflow) = mantissa.magnitude.multipliedReportingOverflow(by: UInt128(factor))
            if overflow { return negative ? .min : .max }
            magnitude = product
        } else if let divisor = Self.powerOfTen(-shift) {
            let (quotient, remainder) = mantissa.magnitude.quotientAndRemainder(dividingBy: UInt128(divisor))
            magnitude = remainder == 0 ? quotient : quotient + 1
        } else {
            magnitude = 1
        }
        if negative {
            return magnitude > UInt128(Int64.max) + 1 ? .min : Int64(-Int128(magnitude))
        }
        return magnitude > UInt128(Int64.max) ? .max : Int64(magnitude)
    }
}
