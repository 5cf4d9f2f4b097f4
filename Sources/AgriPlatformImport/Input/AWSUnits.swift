/// Exact conversions from the units ECS and App Runner size tasks in to the units the AgriPlatform API accepts.
enum AWSUnits {
    /// ECS CPU units (1024 per vCPU) as vCPU, e.g. 512 → `0.5 vCPU`, 128 → `0.125 vCPU`. `nil` when the amount is
    /// not a whole number of millicores (e.g. 100 units = 97.65625m).
    static func vCPU(fromUnits units: Int64) -> String? {
        guard units > 0, (units * 1000) % 1024 == 0 else { return nil }
        return "\(decimal(numerator: units, denominator: 1024)) vCPU"
    }

    /// The nearest whole number of millicores for `units` ECS CPU units.
    static func roundedMillicores(fromUnits units: Int64) -> String {
        "\((units * 1000 + 512) / 1024)m"
    }

    /// MiB as a Kubernetes quantity: `Gi` when whole gibibytes, else `Mi` (1024 → `1Gi`, 1536 → `1536Mi`).
    static func memory(fromMiB mebibytes: Int64) -> String {
        mebibytes % 1024 == 0 ? "\(mebibytes / 1024)Gi" : "\(mebibytes)Mi"
    }

    /// MB (App Runner's, 1024 per GB) as App Runner writes them, e.g. 2048 → `2 GB`, 512 → `0.5 GB`; `nil` when
    /// not exact in three decimals.
    static func gigabytes(fromMB megabytes: Int64) -> String? {
        guard megabytes > 0, (megabytes * 1000) % 1024 == 0 else { return nil }
        return "\(decimal(numerator: megabytes, denominator: 1024)) GB"
    }

    /// `numerator / denominator` written exactly in decimal, for a denominator that is a power of two.
    static func decimal(numerator: Int64, denominator: Int64) -> String {
        let whole = numerator / denominator
        var remainder = numerator % denominator
        guard remainder != 0 else { return String(whole) }
        var digits = ""
        while remainder != 0 {
            remainder *= 10
            digits += String(remainder / denominator)
            remainder %= denominator
        }
        return "\(whole).\(digits)"
    }

    /// A DNS-1035 label from `text`: lower-case, `[a-z0-9-]`, starting with a letter, at most `limit` characters.
    static func label(_ text: String, limit: Int = 63) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.first.map({ !$0.isLetter }) ?? false { out.removeFirst() }
        if out.count > limit { out = String(out.prefix(limit)) }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "imported" : out
    }
}
