public import KubeCore

extension AnalysisMetric: SchemaDescribing {
    /// The CEL rules: something to fail on, a range that some value passes, and a name of its own.
    static let rules = [
        JSONSchemaProps.rule(
            "has(self.failIfAbove) || has(self.failIfBelow)",
            "at least one of failIfAbove and failIfBelow is required"
        ),
        JSONSchemaProps.rule(
            "!has(self.failIfAbove) || !has(self.failIfBelow) || self.failIfBelow <= self.failIfAbove",
            "failIfBelow must not be greater than failIfAbove, or every value would fail",
            fieldPath: ".failIfBelow"
        ),
        JSONSchemaProps.rule(
            "!(self.name in [\(AnalysisMetric.reservedNames.map { "'\($0)'" }.joined(separator: ", "))])",
            "the name of a built-in check is reserved",
            fieldPath: ".name"
        ),
    ]

    /// A custom Prometheus check.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A Prometheus check of the user's: a PromQL query returning one number, and the values that fail it.",
            properties: [
                "name": .string(
                    "The check's name on status and in Events, unique and not a built-in check's name.",
                    maxLength: APIConstraints.analysisMetricNameMaxLength,
                    minLength: 1,
                    pattern: APIConstraints.analysisMetricNamePattern
                ),
                "query": .string(
                    "PromQL returning a scalar or one series; {{namespace}}, {{platform}}, {{service}}, "
                        + "{{revision}} and {{stableRevision}} are replaced.",
                    maxLength: APIConstraints.analysisQueryMaxLength,
                    minLength: 1
                ),
                "failIfAbove": .number("The measurement fails when the value is above this."),
                "failIfBelow": .number("The measurement fails when the value is below this."),
                "rangeSeconds": .integer(
                    "Judge the worst point of the last this-many seconds instead of one instant.",
                    APIConstraints.analysisRangeSeconds
                ),
            ],
            required: ["name", "query"],
            rules: rules
        )
    }
}
