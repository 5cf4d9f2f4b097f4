/// Gauges computed from state when they are scraped — one series per row its source returns — as kube-state-metrics
/// derives its series from its cache (see ``MetricsExposition``).
///
/// ```swift
/// let releases = GaugeExposition(
///     families: [.init(name: "agriplatform_release_failed", help: "1 while the release failed.")],
///     labelNames: ["namespace", "agriplatform", "service"]
/// ) {
///     store.list().flatMap { platform in rows(of: platform) }
/// }
/// ```
///
/// Nothing is registered or kept between scrapes: a series exists exactly while its object does, so a deleted
/// object's series vanish with it, and every replica of a leader-elected controller, reading the same cache,
/// reports the same values. Families are written in the order given, each family's series sorted by label values,
/// so two scrapes of the same state are identical.
public struct GaugeExposition: MetricsExposition {
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

    /// One series of every family: its label values, in the order of ``labelNames``, and one value per family.
    public struct Row: Sendable, Equatable {
        /// The label values.
        public var labelValues: [String]
        /// One value per family, in the order of ``families``.
        public var values: [Double]

        /// A row.
        public init(labelValues: [String], values: [Double]) {
            self.labelValues = labelValues
            self.values = values
        }
    }

    /// The families, in the order each row's values are given.
    public let families: [Family]
    /// The label names, in the order each row's label values are given.
    public let labelNames: [String]
    /// Computes the rows; called once per scrape, so it should read a cache, not the network.
    public let rows: @Sendable () -> [Row]

    /// Makes an exposition.
    /// - Parameters:
    ///   - families: The gauge names; each row has one value per family.
    ///   - labelNames: The label names of every series.
    ///   - rows: Computes the rows at scrape time.
    public init(families: [Family], labelNames: [String], rows: @escaping @Sendable () -> [Row]) {
        self.families = families
        self.labelNames = labelNames
        self.rows = rows
    }

    public func emit(into buffer: inout [UInt8]) {
        let rows = rows().sorted { $0.labelValues.lexicographicallyPrecedes($1.labelValues) }
        for (index, family) in families.enumerated() {
            buffer.append(contentsOf: "# HELP \(family.name) \(Self.escapedHelp(family.help))\n".utf8)
            buffer.append(contentsOf: "# TYPE \(family.name) gauge\n".utf8)
            for row in rows {
                precondition(
                    row.labelValues.count == labelNames.count && row.values.count == families.count,
                    "a row has one label value per label name and one value per family"
                )
                let labels = zip(labelNames, row.labelValues).map { "\($0)=\"\(Self.escapedLabelValue($1))\"" }
                buffer.append(contentsOf: "\(family.name){\(labels.joined(separator: ","))} ".utf8)
                buffer.append(contentsOf: Self.formatted(row.values[index]).utf8)
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
