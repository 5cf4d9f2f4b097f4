public import KubeCore

/// Converts CPU and memory amounts written in Kubernetes units or in AWS units into Kubernetes quantities.
///
/// | Written | Means | Quantity |
/// |---|---|---|
/// | `0.5 vCPU`, `0.5 vcpu`, `0.5 cores` | half a core (ECS and App Runner size in vCPU) | `500m` |
/// | `250m`, `0.25`, `1` | a Kubernetes CPU quantity | unchanged |
/// | `1 GB`, `1GB`, `0.5 GB`, `1024 MB` | GiB and MiB: ECS and App Runner's "GB" are 1024 MiB | `1Gi`, `512Mi`, `1Gi` |
/// | `1Gi`, `512Mi`, `1G` | a Kubernetes memory quantity (`G` is 10⁹ bytes, as in Kubernetes) | unchanged |
///
/// AWS amounts must come out whole: a thousandth of a core at most, and a whole number of bytes.
public enum ResourceUnits {
    /// The CPU amount `text` means, in Kubernetes units.
    public static func cpu(_ text: String) throws(ResourceUnitError) -> Quantity {
        let trimmed = text.trimmingWhitespace
        for suffix in cpuSuffixes {
            if let number = trimmed.droppingSuffix(suffix, caseInsensitive: true) {
                guard let millis = Decimal.scaled(number.trimmingWhitespace, by: 1000) else {
                    throw ResourceUnitError(
                        text: text,
                        reason: "expected a number of vCPU with at most three decimals, e.g. 0.25 vCPU"
                    )
                }
                return Quantity(milliValue: millis)
            }
        }
        return try quantity(trimmed, original: text, example: "500m or 0.5 vCPU")
    }

    /// The CPU units AWS documents write, longest first so `vcpus` is not read as `vcpu` plus an `s`.
    private static let cpuSuffixes = ["vcpus", "vcpu", "cores", "core", "cpus", "cpu"]

    /// The memory units AWS documents write, and their bytes: binary, as ECS and App Runner mean them.
    private static let memoryUnits: [(suffix: String, bytes: Int64)] = [
        ("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
        ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
    ]

    /// The memory amount `text` means, in Kubernetes units.
    public static func memory(_ text: String) throws(ResourceUnitError) -> Quantity {
        let trimmed = text.trimmingWhitespace
        for unit in memoryUnits {
            if let number = trimmed.droppingSuffix(unit.suffix, caseInsensitive: false) {
                guard let bytes = Decimal.scaled(number.trimmingWhitespace, by: unit.bytes) else {
                    throw ResourceUnitError(
                        text: text,
                        reason: "expected a whole number of bytes, e.g. 0.5 GB or 512 MB"
                    )
                }
                return Quantity(bytes, format: .binarySI)
            }
        }
        return try quantity(trimmed, original: text, example: "512Mi or 1 GB")
    }

    private static func quantity(
        _ text: String,
        original: String,
        example: String
    ) throws(ResourceUnitError) -> Quantity {
        do {
            let quantity = try Quantity(parsing: text)
            guard quantity.signum >= 0 else {
                throw ResourceUnitError(text: original, reason: "must not be negative")
            }
            return quantity
        } catch let error as ResourceUnitError {
            throw error
        } catch {
            throw ResourceUnitError(text: original, reason: "not a quantity; write e.g. \(example)")
        }
    }
}

/// A CPU or memory amount that ``ResourceUnits`` cannot read.
public struct ResourceUnitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    /// Why it was rejected and what would be accepted.
    public var reason: String

    /// Creates an error for `text`.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "\"\(text)\": \(reason)" }
}

/// Exact decimal scaling without floating point: "0.25" × 1000 = 250.
private enum Decimal {
    /// `text` (digits, optionally one `.` and more digits) times `factor`, if the result is a whole number that fits.
    static func scaled(_ text: String, by factor: Int64) -> Int64? {
        // Read as UTF-8 bytes: only ASCII digits and one `.` are accepted, so no character needs more than a byte.
        var whole: Int64 = 0
        var wholeDigits = 0
        var numerator: Int64 = 0
        var denominator: Int64 = 1
        var fractionDigits = 0
        var seenPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int64(byte &- UInt8(ascii: "0"))
            if seenPoint {
                guard denominator < Int64.max / 10 else { return nil }
                denominator *= 10
                numerator = numerator * 10 + digit
                fractionDigits += 1
            } else {
                let (shifted, overflow) = whole.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                let (sum, sumOverflow) = shifted.addingReportingOverflow(digit)
                guard !sumOverflow else { return nil }
                whole = sum
                wholeDigits += 1
            }
        }
        guard wholeDigits + fractionDigits > 0 else { return nil }
        var (result, overflow) = whole.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        guard numerator > 0 else { return result }
        let (product, productOverflow) = numerator.multipliedReportingOverflow(by: factor)
        guard !productOverflow, product % denominator == 0 else { return nil }
        (result, overflow) = result.addingReportingOverflow(product / denominator)
        return overflow ? nil : result
    }
}

extension String {
    fileprivate static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    fileprivate var trimmingWhitespace: String {
        // Most amounts have no surrounding space, or ASCII space only ("0.5 " once "vCPU" is dropped): those are
        // trimmed byte by byte. Text that starts or ends with a non-ASCII character is trimmed by `Character`, so
        // Unicode spaces (a no-break space pasted from a document) go too.
        let bytes = utf8
        var first = bytes.startIndex
        var past = bytes.endIndex
        while first < past, Self.isASCIIWhitespace(bytes[first]) { first = bytes.index(after: first) }
        while first < past, Self.isASCIIWhitespace(bytes[bytes.index(before: past)]) {
            past = bytes.index(before: past)
        }
        if first == past { return "" }
        if bytes[first] < 0x80, bytes[bytes.index(before: past)] < 0x80 {
            return first == bytes.startIndex && past == bytes.endIndex ? self : String(self[first..<past])
        }
        let head = drop(while: \.isWhitespace)
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)].isWhitespace {
            end = head.index(before: end)
        }
        return String(head[..<end])
    }

    fileprivate func droppingSuffix(_ suffix: String, caseInsensitive: Bool) -> String? {
        guard utf8.count > suffix.utf8.count else { return nil }
        // Compares the last bytes in place: the suffixes are ASCII, so case-insensitive means ASCII case folding.
        let matches = zip(utf8.reversed(), suffix.utf8.reversed()).allSatisfy { mine, theirs in
            caseInsensitive ? Self.asciiLowercased(mine) == Self.asciiLowercased(theirs) : mine == theirs
        }
        // The suffix is ASCII, so dropping its bytes ends the rest on a scalar boundary (a joining character before
        // it stays, and the number is then rejected rather than read without it).
        return matches ? String(decoding: utf8.dropLast(suffix.utf8.count), as: UTF8.self) : nil
    }

    /// An ASCII byte `Character.isWhitespace` accepts: space, tab, line feed, vertical tab, form feed, return.
    fileprivate static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }
}
