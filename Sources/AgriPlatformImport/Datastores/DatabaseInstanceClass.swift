/// The vCPU and memory of common RDS instance classes (`db.t4g.medium` → 2 vCPU, 4 GB), from the RDS instance
/// class tables. Classes outside the table are not guessed.
enum DatabaseInstanceClass {
    /// vCPU and GiB of `name`, or `nil` when the class is not in the table.
    static func size(of name: String) -> (vCPU: Int, memoryGiB: Double)? {
        let parts = name.split(separator: ".")
        guard parts.count == 3, parts[0] == "db" else { return nil }
        let family = parts[1]
        let size = String(parts[2])
        guard let letter = family.first else { return nil }
        switch letter {
        case "t":
            let table: [String: (Int, Double)] = [
                "micro": (2, 1), "small": (2, 2), "medium": (2, 4), "large": (2, 8), "xlarge": (4, 16),
                "2xlarge": (8, 32),
            ]
            return table[size].map { ($0.0, $0.1) }
        case "m", "r":
            let perVCPU: Double = letter == "m" ? 4 : 8
            guard let vCPU = largeSizeVCPU(size) else { return nil }
            return (vCPU, Double(vCPU) * perVCPU)
        default:
            return nil
        }
    }

    /// vCPU of the `large`, `xlarge`, `<n>xlarge` sizes of the general-purpose and memory-optimized families.
    private static func largeSizeVCPU(_ size: String) -> Int? {
        switch size {
        case "large": return 2
        case "xlarge": return 4
        default:
            guard size.hasSuffix("xlarge"), let multiple = Int(size.dropLast("xlarge".count)) else { return nil }
            return multiple * 4
        }
    }

    /// `4.0` as `4`, `0.5` as `0.5`.
    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
