import KubeCore

extension ResourceSpec {
    /// Units of the requests and limits, and a memory limit not below the request.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        let cpu = validator.cpu("\(path).cpu", cpu)
        let memory = validator.memory("\(path).memory", memory)
        if let limits {
            let limitCPU = validator.cpu("\(path).limits.cpu", limits.cpu)
            let limitMemory = validator.memory("\(path).limits.memory", limits.memory)
            if let memory, let limitMemory, limitMemory < memory, let text = limits.memory {
                validator.append(
                    .invalid(
                        "\(path).limits.memory",
                        text,
                        "must be greater than or equal to the memory request (\(memory.description))"
                    )
                )
            }
            if let cpu, let limitCPU, limitCPU < cpu, let text = limits.cpu {
                validator.append(
                    .invalid(
                        "\(path).limits.cpu",
                        text,
                        "must be greater than or equal to the CPU request (\(cpu.description))"
                    )
                )
            }
        }
        return validator.errors
    }
}

extension ResourceLimits {
    /// Units of both amounts (VPA bounds).
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        _ = validator.cpu("\(path).cpu", cpu)
        _ = validator.memory("\(path).memory", memory)
        return validator.errors
    }
}

extension FieldValidator {
    /// The CPU amount `text`, if set and readable by ``ResourceUnits/cpu(_:)``; reports why not otherwise.
    mutating func cpu(_ path: String, _ text: String?) -> Quantity? {
        guard let text, length(path, text, max: APIConstraints.quantityMaxLength) else { return nil }
        do {
            return try ResourceUnits.cpu(text)
        } catch {
            append(.invalid(path, text, error.reason))
            return nil
        }
    }

    /// The memory or storage amount `text`, if set and readable by ``ResourceUnits/memory(_:)``.
    mutating func memory(_ path: String, _ text: String?) -> Quantity? {
        guard let text, length(path, text, max: APIConstraints.quantityMaxLength) else { return nil }
        do {
            return try ResourceUnits.memory(text)
        } catch {
            append(.invalid(path, text, error.reason))
            return nil
        }
    }
}

extension HealthCheck {
    /// Type, path, port (a declared port's name or number), ranges, and a timeout below the interval.
    func validate(at path: String, ports: [ServicePortSpec]?) -> [FieldError] {
        var validator = FieldValidator()
        validator.oneOf("\(path).type", type, APIConstraints.healthCheckTypes)
        if let checkPath = self.path {
            if validator.length("\(path).path", checkPath, max: APIConstraints.longStringMaxLength) {
                validator.pattern(
                    "\(path).path",
                    checkPath,
                    APIConstraints.httpPathPattern,
                    "must start with '/' and contain no spaces"
                )
            }
        } else if type == nil || type == "HTTP" {
            validator.append(.required("\(path).path", "path is required for HTTP health checks"))
        }
        if let port {
            let declared = ports ?? [Defaults.port]
            let matches = declared.contains { $0.name == port || String($0.port) == port }
            if port.isEmpty {
                validator.append(.required("\(path).port"))
            } else if !matches {
                let names = declared.map { "\($0.name) (\($0.port))" }.joined(separator: ", ")
                validator.append(
                    .invalid("\(path).port", port, "must name or number one of the service's ports: \(names)")
                )
            }
        }
        validator.range("\(path).intervalSeconds", intervalSeconds, APIConstraints.healthCheckInterval)
        validator.range("\(path).timeoutSeconds", timeoutSeconds, APIConstraints.healthCheckTimeout)
        validator.range("\(path).healthyThreshold", healthyThreshold, APIConstraints.healthCheckThreshold)
        validator.range("\(path).unhealthyThreshold", unhealthyThreshold, APIConstraints.healthCheckThreshold)
        validator.range(
            "\(path).startupGracePeriodSeconds",
            startupGracePeriodSeconds,
            APIConstraints.startupGracePeriod
        )
        let interval = intervalSeconds ?? Defaults.HealthCheck.intervalSeconds
        if let timeoutSeconds, timeoutSeconds >= interval {
            validator.append(
                .invalid(
                    "\(path).timeoutSeconds",
                    timeoutSeconds,
                    "must be less than intervalSeconds (\(interval))"
                )
            )
        }
        return validator.errors
    }
}

extension Autoscaling {
    /// Ranges, min ≤ max and at least one target.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        validator.range("\(path).minReplicas", minReplicas, APIConstraints.autoscalingReplicas)
        validator.range("\(path).maxReplicas", maxReplicas, APIConstraints.autoscalingReplicas)
        if minReplicas > maxReplicas {
            validator.append(
                .invalid(
                    "\(path).minReplicas",
                    minReplicas,
                    "must be less than or equal to maxReplicas (\(maxReplicas))"
                )
            )
        }
        if targetCPUUtilization == nil, targetMemoryUtilization == nil, requestRate == nil, concurrentRequests == nil {
            validator.append(
                .required(
                    path,
                    "at least one target is required: targetCPUUtilization, targetMemoryUtilization, requestRate "
                        + "or concurrentRequests"
                )
            )
        }
        validator.range("\(path).targetCPUUtilization", targetCPUUtilization, APIConstraints.utilizationPercent)
        validator.range("\(path).targetMemoryUtilization", targetMemoryUtilization, APIConstraints.utilizationPercent)
        if let requestRate {
            validator.range("\(path).requestRate.targetPerPod", requestRate.targetPerPod, APIConstraints.perPodTarget)
            validator.oneOf("\(path).requestRate.per", requestRate.per, APIConstraints.requestRatePer)
            validator.metricName("\(path).requestRate.metricName", requestRate.metricName)
        }
        if let concurrentRequests {
            validator.range(
                "\(path).concurrentRequests.targetPerPod",
                concurrentRequests.targetPerPod,
                APIConstraints.perPodTarget
            )
            validator.metricName("\(path).concurrentRequests.metricName", concurrentRequests.metricName)
        }
        validator.range(
            "\(path).scaleOutStabilizationSeconds",
            scaleOutStabilizationSeconds,
            APIConstraints.stabilizationSeconds
        )
        validator.range(
            "\(path).scaleInStabilizationSeconds",
            scaleInStabilizationSeconds,
            APIConstraints.stabilizationSeconds
        )
        return validator.errors
    }
}

extension DisruptionBudget {
    /// At most one field, each a non-negative count or a percentage up to 100 %.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        if minAvailable != nil, maxUnavailable != nil {
            validator.append(
                .forbidden("\(path).maxUnavailable", "at most one of minAvailable and maxUnavailable may be set")
            )
        }
        validator.countOrPercent("\(path).minAvailable", minAvailable)
        validator.countOrPercent("\(path).maxUnavailable", maxUnavailable)
        return validator.errors
    }
}

extension IngressSpec {
    /// Host, path, path type, class, TLS names and annotations.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        validator.host("\(path).host", host)
        if let ingressPath = self.path,
            validator.length("\(path).path", ingressPath, max: APIConstraints.longStringMaxLength)
        {
            validator.pattern("\(path).path", ingressPath, APIConstraints.httpPathPattern, "must be an absolute path")
        }
        validator.oneOf("\(path).pathType", pathType, APIConstraints.pathTypes)
        validator.dns1123Subdomain("\(path).className", className)
        validator.dns1123Subdomain("\(path).tls.secretName", tls?.secretName)
        validator.dns1123Subdomain("\(path).tls.clusterIssuer", tls?.clusterIssuer)
        validator.kubernetesAnnotations("\(path).annotations", annotations)
        return validator.errors
    }
}

extension MigrationJob {
    /// A command, and bounded retries and timeout.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        if let image {
            validator.nonEmpty("\(path).image", image)
            validator.length("\(path).image", image, max: APIConstraints.longStringMaxLength)
        }
        if command.isEmpty {
            validator.append(.required("\(path).command", "the migration's command is required"))
        }
        validator.strings(
            "\(path).command",
            command,
            maxItems: APIConstraints.maxArgs,
            maxLength: APIConstraints.valueMaxLength
        )
        validator.strings(
            "\(path).args",
            args,
            maxItems: APIConstraints.maxArgs,
            maxLength: APIConstraints.valueMaxLength
        )
        validator.range("\(path).backoffLimit", backoffLimit, APIConstraints.backoffLimit)
        validator.range("\(path).timeoutSeconds", timeoutSeconds, APIConstraints.migrationTimeoutSeconds)
        return validator.errors
    }
}

extension FieldValidator {
    /// A host name for an Ingress rule: a DNS-1123 subdomain, optionally `*.` first.
    mutating func host(_ path: String, _ host: String?) {
        guard let host, nonEmpty(path, host), length(path, host, max: APIConstraints.dns1123SubdomainMaxLength)
        else { return }
        let name = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
        if !NameSyntax.isDNS1123Subdomain(name) {
            append(.invalid(path, host, APIConstraints.dns1123SubdomainMessage))
        }
    }

    /// A Prometheus metric name.
    mutating func metricName(_ path: String, _ name: String?) {
        guard let name, length(path, name, max: APIConstraints.shortStringMaxLength) else { return }
        pattern(
            path,
            name,
            APIConstraints.metricNamePattern,
            "must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)"
        )
    }

    /// A count (non-negative) or a percentage (0–100 %).
    mutating func countOrPercent(_ path: String, _ value: IntOrPercent?) {
        switch value {
        case .int(let count) where count < 0:
            append(.invalid(path, count, "must be greater than or equal to 0"))
        case .string(let text):
            let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard text.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let percent = Int(digits), percent <= 100
            else {
                append(.invalid(path, text, "must be a number or a percentage between 0% and 100%, e.g. 25%"))
                return
            }
        default:
            break
        }
    }
}
