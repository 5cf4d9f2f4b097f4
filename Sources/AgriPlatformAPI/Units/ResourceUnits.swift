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
        for suffix in ["vcpus", "vcpu", "cores", "core", "cpus", "cpu"] {
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

    /// The memory amount `text` means, in Kubernetes units.
    public static func memory(_ text: String) throws(ResourceUnitError) -> Quantity {
        let trimmed = text.trimmingWhitespace
        let units: [(suffix: String, bytes: Int64)] = [
            ("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
            ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
        ]
        for unit in units {
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
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2 else { return nil }
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            !(whole.isEmpty && fraction.isEmpty)
        else { return nil }
        guard let wholeValue = Int64(whole.isEmpty ? "0" : whole) else { return nil }
        var (result, overflow) = wholeValue.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        var denominator: Int64 = 1
        var numerator: Int64 = 0
        for digit in fraction {
            guard denominator < Int64.max / 10 else { return nil }
            denominator *= 10
            numerator = numerator * 10 + Int64(digit.asciiValue! - 48)
        }
        guard numerator > 0 else { return result }
        let (product, productOverflow) = numerator.multipliedReportingOverflow(by: factor)
        guard !productOverflow, product % denominator == 0 else { return nil }
        (result, overflow) = result.addingReportingOverflow(product / denominator)
        return overflow ? nil : result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    fileprivate var trimmingWhitespace: String {
        // Fast path: most amounts have no surrounding space. Otherwise one copy, of the trimmed slice.
        if let first, let last, !first.isWhitespace, !last.isWhitespace { return self }
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
        return matches ? String(dropLast(suffix.count)) : nil
    }
}
