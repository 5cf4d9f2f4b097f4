import KubeCore

extension Rollout {
    /// The strategy and its matching settings block, canary steps, blue-green settings and analysis.
    ///
    /// BlueGreen with a migration is allowed: the migration Job runs before the green revision starts, so the
    /// schema must stay compatible with the blue revision that keeps serving — the same rule as for Rolling.
    func validate(at path: String, hasIngress: Bool) -> [FieldError] {
        var validator = FieldValidator()
        validator.oneOf("\(path).strategy", strategy?.rawValue, APIConstraints.strategies)
        let strategy = self.strategy ?? Defaults.Rollout.strategy
        if strategy == .canary, canary == nil {
            validator.append(.required("\(path).canary", "canary is required with strategy Canary"))
        }
        if canary != nil, strategy != .canary {
            validator.append(.forbidden("\(path).canary", "canary is only valid with strategy Canary"))
        }
        if blueGreen != nil, strategy != .blueGreen {
            validator.append(.forbidden("\(path).blueGreen", "blueGreen is only valid with strategy BlueGreen"))
        }
        if rolling != nil, strategy != .rolling {
            validator.append(.forbidden("\(path).rolling", "rolling is only valid with strategy Rolling"))
        }
        if let rolling {
            validator.countOrPercent("\(path).rolling.maxSurge", rolling.maxSurge)
            validator.countOrPercent("\(path).rolling.maxUnavailable", rolling.maxUnavailable)
            validator.range(
                "\(path).rolling.failureThreshold",
                rolling.failureThreshold,
                APIConstraints.failureThreshold
            )
            if rolling.maxSurge?.isZero == true, rolling.maxUnavailable?.isZero == true {
                validator.append(
                    .invalid(
                        "\(path).rolling.maxUnavailable",
                        rolling.maxUnavailable?.description ?? "0",
                        "may not be 0 when maxSurge is 0"
                    )
                )
            }
        }
        if let canary {
            validator.append(contentsOf: canary.validate(at: "\(path).canary", hasIngress: hasIngress))
        }
        if let blueGreen {
            let blueGreenPath = "\(path).blueGreen"
            validator.range(
                "\(blueGreenPath).autoPromotionSeconds",
                blueGreen.autoPromotionSeconds,
                APIConstraints.autoPromotionSeconds
            )
            validator.range(
                "\(blueGreenPath).scaleDownDelaySeconds",
                blueGreen.scaleDownDelaySeconds,
                APIConstraints.scaleDownDelaySeconds
            )
            validator.host("\(blueGreenPath).previewHost", blueGreen.previewHost)
            if blueGreen.previewHost != nil, !hasIngress {
                validator.append(
                    .forbidden("\(blueGreenPath).previewHost", "a preview host needs the service's ingress")
                )
            }
        }
        if let analysis {
            validator.append(contentsOf: analysis.validate(at: "\(path).analysis"))
        }
        validator.range(
            "\(path).progressDeadlineSeconds",
            progressDeadlineSeconds,
            APIConstraints.progressDeadlineSeconds
        )
        return validator.errors
    }
}

extension CanaryStrategy {
    /// Steps that each do one thing, with weights within 0–100 that never decrease.
    func validate(at path: String, hasIngress: Bool) -> [FieldError] {
        var validator = FieldValidator()
        if steps.isEmpty {
            validator.append(.required("\(path).steps", "at least one step is required"))
        }
        validator.count("\(path).steps", steps, max: APIConstraints.maxCanarySteps)
        var lastWeight: Int32?
        for (index, step) in steps.enumerated() {
            let stepPath = "\(path).steps[\(index)]"
            switch (step.setWeight, step.pause) {
            case (nil, nil):
                validator.append(.required(stepPath, "exactly one of setWeight and pause is required"))
            case (.some, .some):
                validator.append(.forbidden("\(stepPath).pause", "exactly one of setWeight and pause may be set"))
            default:
                break
            }
            if let weight = step.setWeight {
                validator.range("\(stepPath).setWeight", weight, APIConstraints.canaryWeight)
                if let lastWeight, weight < lastWeight {
                    validator.append(
                        .invalid(
                            "\(stepPath).setWeight",
                            weight,
                            "must not be less than the previous step's weight (\(lastWeight))"
                        )
                    )
                }
                lastWeight = max(lastWeight ?? weight, weight)
            }
            validator.range(
                "\(stepPath).pause.durationSeconds",
                step.pause?.durationSeconds,
                APIConstraints.pauseSeconds
            )
        }
        validator.oneOf("\(path).trafficRouting", trafficRouting, APIConstraints.trafficRoutings)
        if trafficRouting == "Ingress", !hasIngress {
            validator.append(
                .invalid("\(path).trafficRouting", "Ingress", "Ingress traffic routing needs the service's ingress")
            )
        }
        if trafficRouting == "GatewayAPI", gatewayAPI == nil {
            validator.append(
                .required("\(path).gatewayAPI", "gatewayAPI is required with trafficRouting GatewayAPI")
            )
        }
        if let gatewayAPI {
            if trafficRouting != "GatewayAPI" {
                validator.append(
                    .forbidden("\(path).gatewayAPI", "gatewayAPI is only valid with trafficRouting GatewayAPI")
                )
            }
            validator.append(contentsOf: gatewayAPI.validate(at: "\(path).gatewayAPI"))
        }
        return validator.errors
    }
}

extension RolloutAnalysis {
    /// Ranges, closed sets, metric and label names, custom metrics, and a Prometheus URL for metric checks.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        validator.range("\(path).intervalSeconds", intervalSeconds, APIConstraints.analysisInterval)
        validator.range("\(path).failureLimit", failureLimit, APIConstraints.failureLimit)
        validator.range("\(path).maxErrorRatePercent", maxErrorRatePercent, APIConstraints.errorRatePercent)
        validator.range(
            "\(path).maxLatencyIncreasePercent",
            maxLatencyIncreasePercent,
            APIConstraints.latencyIncreasePercent
        )
        validator.range("\(path).maxLatencyMillis", maxLatencyMillis, APIConstraints.latencyMillis)
        validator.range("\(path).maxUnhealthySeconds", maxUnhealthySeconds, APIConstraints.unhealthySeconds)
        validator.range(
            "\(path).consecutiveHealthCheckFailures",
            consecutiveHealthCheckFailures,
            APIConstraints.consecutiveFailures
        )
        if let prometheusURL {
            if validator.length("\(path).prometheusURL", prometheusURL, max: APIConstraints.longStringMaxLength) {
                validator.pattern(
                    "\(path).prometheusURL",
                    prometheusURL,
                    APIConstraints.httpURLPattern,
                    "must be an http or https URL, e.g. http://prometheus.monitoring:9090"
                )
            }
        } else if hasMetricChecks {
            validator.append(
                .required(
                    "\(path).prometheusURL",
                    "prometheusURL is required for error-rate, latency and custom metric checks"
                )
            )
        }
        validator.oneOf("\(path).onNoData", onNoData?.rawValue, APIConstraints.noDataPolicies)
        if let metrics {
            validator.count("\(path).metrics", metrics, max: APIConstraints.maxAnalysisMetrics)
            var seen: Set<String> = []
            for (index, metric) in metrics.enumerated() {
                let metricPath = "\(path).metrics[\(index)]"
                validator.append(contentsOf: metric.validate(at: metricPath))
                if !seen.insert(metric.name).inserted {
                    validator.append(.duplicate("\(metricPath).name", metric.name))
                }
            }
        }
        validator.metricName("\(path).requestsMetric", requestsMetric)
        validator.metricName("\(path).latencyMetric", latencyMetric)
        if let labels {
            validator.prometheusLabel("\(path).labels.namespace", labels.namespace)
            validator.prometheusLabel("\(path).labels.service", labels.service)
            validator.prometheusLabel("\(path).labels.revision", labels.revision)
            validator.prometheusLabel("\(path).labels.statusCode", labels.statusCode)
        }
        return validator.errors
    }

    /// Whether any check needs Prometheus: an error-rate or latency limit, or a custom metric.
    var hasMetricChecks: Bool {
        maxErrorRatePercent != nil || maxLatencyIncreasePercent != nil || maxLatencyMillis != nil
            || !(metrics ?? []).isEmpty
    }
}

extension IntOrString {
    /// Whether this is `0` or `0%`.
    fileprivate var isZero: Bool {
        switch self {
        case .int(let value): value == 0
        case .string(let text): text == "0%" || text == "0"
        }
    }
}
