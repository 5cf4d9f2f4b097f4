extension AnalysisMetric {
    /// A usable name, a query, something to fail on, a range some value passes, and a window within bounds.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        if validator.nonEmpty("\(path).name", name),
            validator.length("\(path).name", name, max: APIConstraints.analysisMetricNameMaxLength)
        {
            validator.pattern(
                "\(path).name",
                name,
                APIConstraints.analysisMetricNamePattern,
                "must start with a letter and contain only letters, digits, '_' and '-', e.g. queueDepth"
            )
            if Self.reservedNames.contains(name) {
                validator.append(.invalid("\(path).name", name, "is the name of a built-in check"))
            }
        }
        if validator.nonEmpty("\(path).query", query),
            validator.length("\(path).query", query, max: APIConstraints.analysisQueryMaxLength)
        {
            let unknown = Self.placeholders(in: query).filter { !Self.placeholderNames.contains($0) }
            if let first = unknown.first {
                validator.append(
                    .invalid(
                        "\(path).query",
                        query,
                        "unknown placeholder {{\(first)}}; the placeholders are "
                            + Self.placeholderNames.map { "{{\($0)}}" }.joined(separator: ", ")
                    )
                )
            }
        }
        switch (failIfAbove, failIfBelow) {
        case (nil, nil):
            validator.append(
                .required("\(path).failIfAbove", "at least one of failIfAbove and failIfBelow is required")
            )
        case (let above?, let below?) where below > above:
            validator.append(
                .invalid(
                    "\(path).failIfBelow",
                    "\(below)",
                    "must not be greater than failIfAbove (\(above)), or every value would fail"
                )
            )
        default:
            break
        }
        validator.range("\(path).rangeSeconds", rangeSeconds, APIConstraints.analysisRangeSeconds)
        return validator.errors
    }
}

extension AnalysisMetric {
    /// The names a query may use as `{{name}}`.
    static let placeholderNames = ["namespace", "platform", "service", "revision", "stableRevision"]

    /// The names between `{{` and `}}` in `query`, in order.
    static func placeholders(in query: String) -> [String] {
        var names: [String] = []
        var rest = Substring(query)
        while let open = rest.firstRange(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstRange(of: "}}") else { break }
            names.append(String(rest[..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names
    }
}

extension FieldValidator {
    /// A Prometheus label name.
    mutating func prometheusLabel(_ path: String, _ name: String?) {
        guard let name, nonEmpty(path, name), length(path, name, max: APIConstraints.shortStringMaxLength) else {
            return
        }
        pattern(
            path,
            name,
            APIConstraints.prometheusLabelPattern,
            "must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)"
        )
    }
}
