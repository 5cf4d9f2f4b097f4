import Synchronization

/// Metrics that are not registered one by one but written out whole when scraped, in the Prometheus text format.
///
/// An operator's per-object metrics (one series per managed platform and service) change with the set of objects:
/// kube-state-metrics computes such series from its cache at scrape time instead of registering each. A metrics
/// backend registry makes that costly — swift-prometheus copies a metric family's series on every new label set,
/// so registering one series per object is quadratic in the number of objects (measured in docs/benchmarks.md) —
/// and it cannot drop a label set. `/metrics` appends every source's text after the registry's.
public protocol MetricsExposition: Sendable {
    /// Appends the source's metric families, each with its `# HELP` and `# TYPE` lines, in the text format 0.0.4
    /// (<https://prometheus.io/docs/instrumenting/exposition_formats/>).
    func emit(into buffer: inout [UInt8])
}

/// Gauges keyed by their label values — one family per name, one series per key — set, replaced and removed in
/// O(1) per series, and written out at scrape time (see ``MetricsExposition``).
///
/// ```swift
/// let releases = GaugeTable(
///     families: [.init(name: "agriplatform_release_failed", help: "1 while the release failed")],
///     labelNames: ["namespace", "agriplatform", "service"]
/// )
/// releases.replace(group: ["farm", "shop"], with: [["farm", "shop", "web"]: [1]])
/// ```
///
/// Series are grouped by a prefix of their label values (e.g. namespace and platform), so that an owner's series
/// can be replaced as a whole — a service removed from a platform loses its series — or removed when the owner is
/// deleted. Output is sorted by family, then by label values, so two scrapes of the same state are identical.
public final class GaugeTable: MetricsExposition {
    /// One gauge name and its help text.
    public struct Family: Sendable {
        /// The metric name, e.g. `agriplatform_release_failed`.
        public var name: String
        /// The `# HELP` text.
        public var help: String

        /// A family.
        public init(name: String, help: String) {
            self.name = name
            self.help = help
        }
    }

    /// The families, in the order each series' values are given.
    public let families: [Family]
    /// The label names, in the order each series' label values are given.
    public let labelNames: [String]
    /// How many leading label values form a series' group (see ``replace(group:with:)``).
    public let groupLength: Int

    /// Group → label values → one value per family.
    private let series = Mutex<[[String]: [[String]: [Double]]]>([:])

    /// Makes an empty table.
    /// - Parameters:
    ///   - families: The gauge names; each series has one value per family.
    ///   - labelNames: The label names of every series.
    ///   - groupLength: How many leading label values group series (at most `labelNames.count`).
    public init(families: [Family], labelNames: [String], groupLength: Int) {
        precondition(groupLength <= labelNames.count, "a group is a prefix of the label values")
        self.families = families
        self.labelNames = labelNames
        self.groupLength = groupLength
    }

    /// Replaces every series of `group` (the first ``groupLength`` label values) with `values`: label values → one
    /// value per family. Series of the group not in `values` are removed.
    public func replace(group: [String], with values: [[String]: [Double]]) {
        precondition(group.count == groupLength, "a group has groupLength label values")
        precondition(
            values.allSatisfy { $0.key.count == labelNames.count && Array($0.key.prefix(groupLength)) == group },
            "every series of a group has all label values, starting with the group's"
        )
        precondition(values.values.allSatisfy { $0.count == families.count }, "one value per family")
        series.withLock { $0[group] = values.isEmpty ? nil : values }
    }

    /// Removes every series of `group`.
    public func removeGroup(_ group: [String]) {
        series.withLock { $0[group] = nil }
    }

    /// The value of family `name` for `labelValues`, if the series exists.
    public func value(of name: String, for labelValues: [String]) -> Double? {
        guard let family = families.firstIndex(where: { $0.name == name }) else { return nil }
        let group = Array(labelValues.prefix(groupLength))
        return series.withLock { $0[group]?[labelValues]?[family] }
    }

    /// The number of series per family.
    public var count: Int { series.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    public func emit(into buffer: inout [UInt8]) {
        let rows = series.withLock { groups in groups.values.flatMap { $0 } }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        for (index, family) in families.enumerated() {
            buffer.append(contentsOf: "# HELP \(family.name) \(Self.escapedHelp(family.help))\n".utf8)
            buffer.append(contentsOf: "# TYPE \(family.name) gauge\n".utf8)
            for (labelValues, values) in rows {
                let labels = zip(labelNames, labelValues).map { "\($0)=\"\(Self.escapedLabelValue($1))\"" }
                buffer.append(contentsOf: "\(family.name){\(labels.joined(separator: ","))} ".utf8)
                buffer.append(contentsOf: Self.formatted(values[index]).utf8)
                buffer.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// The text format's escaping of a label value: backslash, double quote and line feed.
    static func escapedLabelValue(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// The text format's escaping of help text: backslash and line feed.
    static func escapedHelp(_ help: String) -> String {
        help.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }

    /// A sample value: integral values without a fraction, as Prometheus clients write them.
    static func formatted(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
