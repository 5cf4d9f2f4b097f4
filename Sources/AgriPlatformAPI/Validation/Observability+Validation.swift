import KubeCore

extension AgriPlatformSpec {
    /// `spec.observability` and each service's `observability`: known alert names once each, Prometheus durations,
    /// metric and label names, non-negative thresholds, unique rule names and scrape ports the service has.
    func validateObservability(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        if let observability {
            let base = "\(path).observability"
            validator.length("\(base).team", observability.team, max: 63)
            validator.alertLabels("\(base).labels", observability.labels)
            validator.metricNames("\(base).metrics", observability.metrics)
            validator.alertOverrides("\(base).alerts", observability.alerts)
            validator.prometheusDuration("\(base).scrapeInterval", observability.scrapeInterval)
            validator.kubernetesLabels("\(base).monitorLabels", observability.monitorLabels)
            validator.count("\(base).rules", observability.rules, max: APIConstraints.maxAlertRules)
            var ruleNames: Set<String> = []
            for (index, rule) in (observability.rules ?? []).enumerated() {
                let rulePath = "\(base).rules[\(index)]"
                validator.prometheusName("\(rulePath).name", rule.name, APIConstraints.metricNamePattern)
                if !rule.name.isEmpty, !ruleNames.insert(rule.name).inserted {
                    validator.append(.duplicate("\(rulePath).name", rule.name))
                }
                if validator.nonEmpty("\(rulePath).expr", rule.expr) {
                    _ = validator.length("\(rulePath).expr", rule.expr, max: APIConstraints.maxExpressionLength)
                }
                validator.prometheusDuration("\(rulePath).for", rule.for)
                validator.oneOf("\(rulePath).severity", rule.severity?.rawValue, AlertSeverity.known.map(\.rawValue))
                _ = validator.length("\(rulePath).summary", rule.summary, max: APIConstraints.longStringMaxLength)
                validator.alertLabels("\(rulePath).labels", rule.labels)
            }
            if let dashboard = observability.dashboard {
                if let label = dashboard.label {
                    if validator.nonEmpty("\(base).dashboard.label", label) {
                        _ = validator.length("\(base).dashboard.label", label, max: APIConstraints.shortStringMaxLength)
                    }
                }
                _ = validator.length("\(base).dashboard.labelValue", dashboard.labelValue, max: 63)
                _ = validator.length("\(base).dashboard.folder", dashboard.folder, max: 253)
            }
        }
        for (index, service) in services.enumerated() {
            guard let settings = service.observability else { continue }
            let base = "\(path).services[\(index)].observability"
            validator.length("\(base).team", settings.team, max: 63)
            validator.metricNames("\(base).metrics", settings.metrics)
            validator.alertOverrides("\(base).alerts", settings.alerts, serviceOnly: true)
            if let port = settings.port {
                let names = (service.ports ?? [Defaults.port]).map(\.name)
                if !names.contains(port) {
                    validator.append(.invalid("\(base).port", port, "no port of this name in the service's ports"))
                }
            }
            if let metricsPath = settings.path, !metricsPath.hasPrefix("/") {
                validator.append(.invalid("\(base).path", metricsPath, "must start with /"))
            }
        }
        return validator.errors
    }
}

extension FieldValidator {
    /// A Prometheus duration such as `5m` or `1h30m`, when set.
    mutating func prometheusDuration(_ path: String, _ value: String?) {
        pattern(path, value, APIConstraints.prometheusDurationPattern, "a Prometheus duration such as 30s, 5m or 1h30m")
    }

    /// A Prometheus metric or label name.
    mutating func prometheusName(_ path: String, _ value: String?, _ namePattern: String) {
        guard let value else { return }
        if nonEmpty(path, value) {
            pattern(path, value, namePattern, "a Prometheus name ([a-zA-Z_][a-zA-Z0-9_]*)")
        }
    }

    /// Alert labels: Prometheus label names, none of the operator's own.
    mutating func alertLabels(_ path: String, _ labels: [String: String]?) {
        stringMap(path, labels)
        for key in (labels ?? [:]).keys.sorted() {
            if APIConstraints.reservedAlertLabels.contains(key) {
                append(.invalid("\(path)[\(key)]", key, "this label is set by the operator"))
            } else {
                pattern("\(path)[\(key)]", key, APIConstraints.prometheusLabelPattern, "a Prometheus label name")
            }
        }
    }

    /// Metric and label names of ``ObservabilityMetrics``.
    mutating func metricNames(_ path: String, _ metrics: ObservabilityMetrics?) {
        guard let metrics else { return }
        prometheusName("\(path).requests", metrics.requests, APIConstraints.metricNamePattern)
        prometheusName("\(path).latency", metrics.latency, APIConstraints.metricNamePattern)
        prometheusName("\(path).statusCodeLabel", metrics.statusCodeLabel, APIConstraints.prometheusLabelPattern)
    }

    /// Alert overrides: known names, each once, non-negative thresholds, durations, severities.
    mutating func alertOverrides(_ path: String, _ overrides: [AlertOverride]?, serviceOnly: Bool = false) {
        count(path, overrides, max: APIConstraints.maxAlertRules)
        var seen: Set<ObservabilityAlert> = []
        let allowed = serviceOnly ? ObservabilityAlert.serviceAlerts : ObservabilityAlert.known
        for (index, override) in (overrides ?? []).enumerated() {
            let entry = "\(path)[\(index)]"
            if !allowed.contains(override.name) {
                append(.notSupported("\(entry).name", override.name.rawValue, supported: allowed.map(\.rawValue)))
            } else if !seen.insert(override.name).inserted {
                append(.duplicate("\(entry).name", override.name.rawValue))
            }
            if let threshold = override.threshold, !(threshold >= 0) || !threshold.isFinite {
                append(.invalid("\(entry).threshold", "\(threshold)", "must be a finite number, 0 or more"))
            }
            prometheusDuration("\(entry).for", override.for)
            oneOf("\(entry).severity", override.severity?.rawValue, AlertSeverity.known.map(\.rawValue))
        }
    }
}
