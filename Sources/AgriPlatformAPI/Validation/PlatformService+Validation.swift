import KubeCore

extension PlatformService {
    /// Every problem with this service at `path`; `datastores` are the names declared in the spec.
    func validate(at path: String, datastores: Set<String>) -> [FieldError] {
        var validator = FieldValidator()
        validator.dns1035Label("\(path).name", name)
        if validator.nonEmpty("\(path).image", image) {
            validator.length("\(path).image", image, max: APIConstraints.longStringMaxLength)
            if image.contains(where: \.isWhitespace) {
                validator.append(.invalid("\(path).image", image, "must not contain spaces"))
            }
        }
        validator.oneOf("\(path).imagePullPolicy", imagePullPolicy, APIConstraints.imagePullPolicies)
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
        validatePorts(at: path, into: &validator)
        validator.range("\(path).replicas", replicas, APIConstraints.serviceReplicas)
        if let resources {
            validator.append(contentsOf: resources.validate(at: "\(path).resources"))
        }
        validateEnvironment(at: path, into: &validator)
        if let healthCheck {
            validator.append(contentsOf: healthCheck.validate(at: "\(path).healthCheck", ports: ports))
        }
        if let autoscaling {
            validator.append(contentsOf: autoscaling.validate(at: "\(path).autoscaling"))
        }
        if let verticalAutoscaling {
            let vpaPath = "\(path).verticalAutoscaling"
            validator.oneOf("\(vpaPath).mode", verticalAutoscaling.mode, APIConstraints.vpaModes)
            if let minAllowed = verticalAutoscaling.minAllowed {
                validator.append(contentsOf: minAllowed.validate(at: "\(vpaPath).minAllowed"))
            }
            if let maxAllowed = verticalAutoscaling.maxAllowed {
                validator.append(contentsOf: maxAllowed.validate(at: "\(vpaPath).maxAllowed"))
            }
            if let mode = verticalAutoscaling.mode, APIConstraints.vpaModesChangingRequests.contains(mode),
                let autoscaling,
                autoscaling.targetCPUUtilization != nil || autoscaling.targetMemoryUtilization != nil
            {
                validator.append(
                    .invalid(
                        "\(vpaPath).mode",
                        mode,
                        "must be Off when autoscaling targets CPU or memory utilization (the two autoscalers would "
                            + "fight over the requests)"
                    )
                )
            }
        }
        if let disruptionBudget {
            validator.append(contentsOf: disruptionBudget.validate(at: "\(path).disruptionBudget"))
        }
        if let ingress {
            validator.append(contentsOf: ingress.validate(at: "\(path).ingress"))
        }
        validateUses(at: path, datastores: datastores, into: &validator)
        if let migration {
            validator.append(contentsOf: migration.validate(at: "\(path).migration"))
        }
        if let rollout {
            validator.append(contentsOf: rollout.validate(at: "\(path).rollout", hasIngress: ingress != nil))
        }
        if let security {
            validator.range("\(path).security.runAsUser", security.runAsUser, APIConstraints.userID)
            validator.range("\(path).security.fsGroup", security.fsGroup, APIConstraints.groupID)
        }
        validator.range(
            "\(path).terminationGracePeriodSeconds",
            terminationGracePeriodSeconds,
            APIConstraints.terminationGracePeriod
        )
        validator.kubernetesLabels("\(path).podLabels", podLabels)
        validator.kubernetesAnnotations("\(path).podAnnotations", podAnnotations)
        validator.kubernetesLabels("\(path).nodeSelector", nodeSelector)
        return validator.errors
    }

    /// The hosts this service's Ingress serves, with their paths: its host and a blue-green preview host.
    func exposedHosts(at path: String) -> [(path: String, host: String)] {
        guard let ingress else { return [] }
        var hosts = [(path: "\(path).ingress.host", host: ingress.host)]
        if let preview = rollout?.blueGreen?.previewHost {
            hosts.append((path: "\(path).rollout.blueGreen.previewHost", host: preview))
        }
        return hosts.filter { !$0.host.isEmpty }
    }

    private func validatePorts(at path: String, into validator: inout FieldValidator) {
        guard let ports else { return }
        let portsPath = "\(path).ports"
        if ports.isEmpty {
            validator.append(.required(portsPath, "omit ports for the default (http 8080), or list at least one"))
        }
        validator.count(portsPath, ports, max: APIConstraints.maxPorts)
        var names: Set<String> = []
        var numbers: Set<Int32> = []
        for (index, port) in ports.enumerated() {
            let portPath = "\(portsPath)[\(index)]"
            if port.name.isEmpty {
                validator.append(.required("\(portPath).name"))
            } else if !NameSyntax.isPortName(port.name) {
                validator.append(
                    .invalid(
                        "\(portPath).name",
                        port.name,
                        "must be no more than 15 characters, contain only lower case alphanumerics and '-', contain "
                            + "at least one letter, and not start, end or have two adjacent '-'"
                    )
                )
            } else if !names.insert(port.name).inserted {
                validator.append(.duplicate("\(portPath).name", port.name))
            }
            validator.range("\(portPath).port", port.port, APIConstraints.port)
            if APIConstraints.port.contains(Int64(port.port)), !numbers.insert(port.port).inserted {
                validator.append(.duplicate("\(portPath).port", port.port))
            }
            validator.oneOf("\(portPath).protocol", port.protocol, APIConstraints.protocols)
            validator.length("\(portPath).appProtocol", port.appProtocol, max: APIConstraints.shortStringMaxLength)
        }
    }

    private func validateEnvironment(at path: String, into validator: inout FieldValidator) {
        let envPath = "\(path).env"
        validator.count(envPath, env, max: APIConstraints.maxEnv)
        var names: Set<String> = []
        for (index, variable) in (env ?? []).enumerated() {
            let variablePath = "\(envPath)[\(index)]"
            if variable.name.isEmpty {
                validator.append(.required("\(variablePath).name"))
            } else if validator.length("\(variablePath).name", variable.name, max: APIConstraints.envNameMaxLength) {
                validator.pattern(
                    "\(variablePath).name",
                    variable.name,
                    APIConstraints.envNamePattern,
                    "a valid environment variable name must consist only of printable ASCII characters other than '='"
                )
                if !names.insert(variable.name).inserted {
                    validator.append(.duplicate("\(variablePath).name", variable.name))
                }
            }
            validator.length("\(variablePath).value", variable.value, max: APIConstraints.valueMaxLength)
            let sources = [variable.value != nil, variable.secret != nil, variable.configMap != nil].filter { $0 }
            if sources.count != 1 {
                validator.append(
                    .invalid(
                        variablePath,
                        variable.name,
                        "exactly one of value, secret and configMap is required"
                    )
                )
            }
            if let secret = variable.secret {
                validator.append(contentsOf: secret.validate(at: "\(variablePath).secret"))
            }
            if let configMap = variable.configMap {
                validator.append(contentsOf: configMap.validate(at: "\(variablePath).configMap"))
            }
        }
        let envFromPath = "\(path).envFrom"
        validator.count(envFromPath, envFrom, max: APIConstraints.maxEnvFrom)
        for (index, source) in (envFrom ?? []).enumerated() {
            let sourcePath = "\(envFromPath)[\(index)]"
            switch (source.secret, source.configMap) {
            case (nil, nil):
                validator.append(.required(sourcePath, "exactly one of secret and configMap is required"))
            case (.some, .some):
                validator.append(
                    .forbidden("\(sourcePath).configMap", "exactly one of secret and configMap may be set")
                )
            default:
                break
            }
            validator.dns1123Subdomain("\(sourcePath).secret", source.secret)
            validator.dns1123Subdomain("\(sourcePath).configMap", source.configMap)
            if let prefix = source.prefix, !prefix.isEmpty,
                validator.length("\(sourcePath).prefix", prefix, max: APIConstraints.envNameMaxLength)
            {
                validator.pattern(
                    "\(sourcePath).prefix",
                    prefix,
                    APIConstraints.envNamePattern,
                    "must consist only of printable ASCII characters other than '='"
                )
            }
        }
    }

    private func validateUses(at path: String, datastores: Set<String>, into validator: inout FieldValidator) {
        let usesPath = "\(path).uses"
        validator.count(usesPath, uses, max: APIConstraints.maxUses)
        var seen: Set<String> = []
        for (index, datastore) in (uses ?? []).enumerated() {
            let usePath = "\(usesPath)[\(index)]"
            if !seen.insert(datastore).inserted {
                validator.append(.duplicate(usePath, datastore))
            } else if !datastores.contains(datastore) {
                let declared = datastores.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                validator.append(
                    .invalid(
                        usePath,
                        datastore,
                        "no datastore of this name in spec.datastores"
                            + (declared.isEmpty ? " (none are declared)" : " (declared: \(declared))")
                    )
                )
            }
        }
    }
}

extension KeyReference {
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        validator.dns1123Subdomain("\(path).name", name)
        if validator.nonEmpty("\(path).key", key),
            validator.length("\(path).key", key, max: APIConstraints.shortStringMaxLength)
        {
            validator.pattern(
                "\(path).key",
                key,
                APIConstraints.configKeyPattern,
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
            )
        }
        return validator.errors
    }
}
