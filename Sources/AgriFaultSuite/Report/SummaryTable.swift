/// Renders the fault suite's summary as a fixed-width text table (Markdown-compatible), with the broken invariants
/// of red rows listed below it.
public enum SummaryTable: Sendable {
    /// The column headers, in order.
    public static let headers = [
        "fault", "runs", "converged", "data lost", "wrong deletes/rollbacks", "violations", "time", "result",
    ]

    /// The table for `rows`.
    public static func render(_ rows: [ScenarioRow]) -> String {
        let cells = rows.map { row in
            [
                row.fault, "\(row.runs)", "\(row.converged)/\(row.runs)", "\(row.dataLost)",
                "\(row.wrongDeletesOrRollbacks)", "\(row.violations.count)", seconds(row.duration),
                row.isGreen ? "ok" : "FAIL",
            ]
        }
        let widths = headers.indices.map { column in
            ([headers[column]] + cells.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            "| "
                + values.enumerated().map { column, value in
                    let padding = String(repeating: " ", count: widths[column] - value.count)
                    // Numbers right-aligned, text left-aligned.
                    return column == 0 || column == values.count - 1 ? value + padding : padding + value
                }.joined(separator: " | ") + " |"
        }
        var lines = [
            line(headers), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|",
        ]
        lines += cells.map(line)
        let red = rows.filter { !$0.isGreen }
        if !red.isEmpty {
            lines.append("")
            for row in red {
                lines.append("\(row.fault):")
                if row.runs == 0 { lines.append("  no run") }
                for violation in row.violations { lines.append("  - \(violation)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `duration` in seconds with one decimal, e.g. `12.3s`.
    public static func seconds(_ duration: Duration) -> String {
        let tenths = Int((Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 10)
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
