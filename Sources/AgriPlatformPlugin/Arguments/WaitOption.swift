/// `--wait[=DURATION]` on the command verbs: wait until the operator recorded the command as handled.
///
/// A bare `--wait` means ``defaultTimeout``. Durations are written as kubectl writes them (Go's
/// `time.ParseDuration` without fractions): `90s`, `2m`, `1m30s`, `1h`, `500ms`; a bare number is seconds.
public enum WaitOption {
    /// The wait when `--wait` has no value.
    public static let defaultTimeout = Duration.seconds(60)

    /// `arguments` with each bare `--wait` written as `--wait=60s`, so a parser that needs a value accepts it.
    public static func normalizing(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var passedTerminator = false
        for argument in arguments {
            if argument == "--" { passedTerminator = true }
            result.append(!passedTerminator && argument == "--wait" ? "--wait=\(seconds(defaultTimeout))s" : argument)
        }
        return result
    }

    /// Parses a duration such as `90s`, `1m30s` or `500ms`.
    /// - Throws: ``PluginError/invalidArgument(_:)`` naming the text.
    public static func parse(_ text: String) throws(PluginError) -> Duration {
        let invalid = PluginError.invalidArgument(
            "invalid duration \"\(text)\": write it like 60s, 2m or 1m30s"
        )
        if let seconds = Int64(text), seconds >= 0 { return .seconds(seconds) }
        var total = Duration.zero
        var rest = Substring(text)
        guard !rest.isEmpty else { throw invalid }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let amount = Int64(digits) else { throw invalid }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "h": total += .seconds(amount * 3600)
            case "m": total += .seconds(amount * 60)
            case "s": total += .seconds(amount)
            case "ms": total += .milliseconds(amount)
            default: throw invalid
            }
        }
        return total
    }

    /// Whole seconds of `duration`, for messages.
    public static func seconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds)
    }
}
