/// Checks of backup timing: five-field cron schedules as the CronJob controller parses them (robfig/cron's standard
/// parser) and `HH:MM-HH:MM` windows.
enum ScheduleSyntax {
    /// Why `schedule` is not a valid five-field cron schedule or descriptor, or `nil` when it is valid.
    static func cronProblem(_ schedule: String) -> String? {
        if schedule.hasPrefix("@") {
            let descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
            return descriptors.contains(schedule) ? nil : "unrecognized descriptor: \(schedule)"
        }
        if schedule.hasPrefix("TZ=") || schedule.hasPrefix("CRON_TZ=") {
            return "time zones are not supported in schedule; backups run in UTC"
        }
        let fields = schedule.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5 else {
            return "expected exactly 5 fields, found \(fields.count): \(schedule)"
        }
        let specs: [(name: String, range: ClosedRange<Int>, names: [String])] = [
            ("minute", 0...59, []),
            ("hour", 0...23, []),
            ("day of month", 1...31, []),
            ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
            ("day of week", 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ]
        for (field, spec) in zip(fields, specs) {
            let allowsQuestionMark = spec.name == "day of month" || spec.name == "day of week"
            for part in field.split(separator: ",", omittingEmptySubsequences: false) {
                if let problem = partProblem(
                    String(part),
                    range: spec.range,
                    names: spec.names,
                    allowsQuestionMark: allowsQuestionMark
                ) {
                    return "\(spec.name) field \"\(field)\": \(problem)"
                }
            }
        }
        return nil
    }

    private static func partProblem(
        _ part: String,
        range: ClosedRange<Int>,
        names: [String],
        allowsQuestionMark: Bool
    ) -> String? {
        let stepParts = part.split(separator: "/", omittingEmptySubsequences: false)
        guard stepParts.count <= 2 else { return "too many slashes" }
        if stepParts.count == 2 {
            guard let step = Int(stepParts[1]), step > 0 else { return "step must be a positive number" }
        }
        let body = String(stepParts[0])
        if body == "*" || (allowsQuestionMark && body == "?") { return nil }
        let bounds = body.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count) else { return "too many hyphens" }
        var values: [Int] = []
        for bound in bounds {
            let text = String(bound)
            if let number = Int(text), text.allSatisfy(\.isNumber) {
                guard range.contains(number) else {
                    return "\(number) is out of range \(range.lowerBound)-\(range.upperBound)"
                }
                values.append(number)
            } else if let index = names.firstIndex(of: text.uppercased()) {
                values.append(range.lowerBound + index)
            } else {
                return "\"\(text)\" is not a number" + (names.isEmpty ? "" : " or a name")
            }
        }
        if values.count == 2, values[0] > values[1] {
            return "beginning of range (\(values[0])) beyond end of range (\(values[1]))"
        }
        return nil
    }

    /// Why `window` is not a daily `HH:MM-HH:MM` window, or `nil` when it is valid.
    static func windowProblem(_ window: String) -> String? {
        let format = "must be HH:MM-HH:MM in UTC, e.g. 03:00-04:00"
        guard NameSyntax.matches(window, APIConstraints.backupWindowPattern) else { return format }
        let times = window.split(separator: "-")
        guard times.count == 2 else { return format }
        if times[0] == times[1] { return "the window must not end when it starts" }
        return nil
    }
}
