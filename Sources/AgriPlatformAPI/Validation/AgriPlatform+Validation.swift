import KubeCore

extension AgriPlatform {
    /// Every problem with this AgriPlatform, each with its field path; empty when it is valid.
    ///
    /// Checks what the CRD checks — so `agri-operator validate`, the operator's `InvalidSpec` condition and
    /// `kubectl apply` agree — and what a schema cannot: CPU and memory units, memory limits against requests,
    /// uniqueness across lists, cron syntax, and the names built from the platform's own name: a service's
    /// Deployment and Service are `<platform>-<service>` (and `-canary` or `-preview` during a Canary or BlueGreen
    /// release) and a datastore's StatefulSet `<platform>-<datastore>`.
    /// Never stops at the first problem.
    public func validate() -> [FieldError] {
        var validator = FieldValidator()
        let name = metadata.name ?? ""
        if name.isEmpty {
            if (metadata.generateName ?? "").isEmpty {
                validator.append(.required("metadata.name", "name or generateName is required"))
            }
        } else {
            validator.dns1035Label("metadata.name", name)
        }
        validator.append(contentsOf: spec.validate(at: "spec"))
        if !name.isEmpty {
            for (index, service) in spec.services.enumerated() where !service.name.isEmpty {
                let full = "\(name)-\(service.name)"
                if full.unicodeScalars.count > APIConstraints.dns1035LabelMaxLength {
                    validator.append(
                        .invalid(
                            "spec.services[\(index)].name",
                            service.name,
                            "the Deployment and Service name \(FieldError.quoted(full)) (<platform>-<service>) must be no more than "
                                + "\(APIConstraints.dns1035LabelMaxLength) characters"
                        )
                    )
                } else if let suffix = Self.candidateSuffix(service.rollout),
                    full.unicodeScalars.count + suffix.unicodeScalars.count > APIConstraints.dns1035LabelMaxLength
                {
                    validator.append(
                        .invalid(
                            "spec.services[\(index)].name",
                            service.name,
                            "the release's Deployment and Service name \(FieldError.quoted(full + suffix)) "
                                + "(<platform>-<service>\(suffix)) must be no more than "
                                + "\(APIConstraints.dns1035LabelMaxLength) characters"
                        )
                    )
                }
            }
            for (index, datastore) in (spec.datastores ?? []).enumerated()
            where !datastore.name.isEmpty && datastore.external == nil {
                let full = "\(name)-\(datastore.name)"
                if full.unicodeScalars.count > APIConstraints.statefulSetNameMaxLength {
                    validator.append(
                        .invalid(
                            "spec.datastores[\(index)].name",
                            datastore.name,
                            "the StatefulSet name \(FieldError.quoted(full)) (<platform>-<datastore>) must be no more than "
                                + "\(APIConstraints.statefulSetNameMaxLength) characters, as its pods' "
                                + "controller-revision-hash label adds 11"
                        )
                    )
                }
            }
        }
        return validator.errors
    }

    /// The suffix of the candidate Deployment and Service a strategy releases with: `-canary` for Canary,
    /// `-preview` for BlueGreen, none for Rolling.
    static func candidateSuffix(_ rollout: Rollout?) -> String? {
        switch rollout?.strategy ?? Defaults.Rollout.strategy {
        case .canary: "-canary"
        case .blueGreen: "-preview"
        default: nil
        }
    }
}

extension AgriPlatformSpec {
    /// Every problem with this spec, with paths below `path`; empty when it is valid.
    ///
    /// Checks everything ``AgriPlatform/validate()`` checks except the names built from the platform's name.
    /// - Parameter path: The spec's own path, `spec` unless the spec is embedded elsewhere.
    /// - Returns: Every problem found, in field order.
    public func validate(at path: String = "spec") -> [FieldError] {
        var validator = FieldValidator()
        let datastoreNames = Set((datastores ?? []).map(\.name))

        if services.isEmpty {
            validator.append(.required("\(path).services", "at least one service is required"))
        }
        validator.count("\(path).services", services, max: APIConstraints.maxServices)
        var serviceNames: Set<String> = []
        var hosts: [String: String] = [:]
        for (index, service) in services.enumerated() {
            let servicePath = "\(path).services[\(index)]"
            if !service.name.isEmpty, !serviceNames.insert(service.name).inserted {
                validator.append(.duplicate("\(servicePath).name", service.name))
            }
            validator.append(contentsOf: service.validate(at: servicePath, datastores: datastoreNames))
            for (hostPath, host) in service.exposedHosts(at: servicePath) {
                if let first = hosts[host] {
                    validator.append(
                        .invalid(hostPath, host, "the host is already used by \(first); hosts must be unique")
                    )
                } else {
                    hosts[host] = hostPath
                }
            }
        }

        validator.append(contentsOf: validateDependencies(at: path, serviceNames: serviceNames))

        validator.count("\(path).datastores", datastores, max: APIConstraints.maxDatastores)
        var seenDatastores: Set<String> = []
        for (index, datastore) in (datastores ?? []).enumerated() {
            let datastorePath = "\(path).datastores[\(index)]"
            if !datastore.name.isEmpty, !seenDatastores.insert(datastore.name).inserted {
                validator.append(.duplicate("\(datastorePath).name", datastore.name))
            }
            validator.append(contentsOf: datastore.validate(at: datastorePath))
        }

        if let networkPolicy {
            for (field, namespaces) in [
                ("ingressNamespaces", networkPolicy.ingressNamespaces),
                ("monitoringNamespaces", networkPolicy.monitoringNamespaces),
            ] {
                let listPath = "\(path).networkPolicy.\(field)"
                validator.count(listPath, namespaces, max: APIConstraints.maxSmallList)
                validator.uniqueStrings(listPath, namespaces)
                for (index, namespace) in (namespaces ?? []).enumerated() {
                    validator.dns1123Label("\(listPath)[\(index)]", namespace)
                }
            }
        }
        validator.kubernetesLabels("\(path).commonLabels", commonLabels)
        validator.kubernetesAnnotations("\(path).commonAnnotations", commonAnnotations)
        validator.count("\(path).imagePullSecrets", imagePullSecrets, max: APIConstraints.maxSmallList)
        validator.uniqueStrings("\(path).imagePullSecrets", imagePullSecrets)
        for (index, secret) in (imagePullSecrets ?? []).enumerated() {
            validator.dns1123Subdomain("\(path).imagePullSecrets[\(index)]", secret)
        }
        if let serviceAccount {
            validator.dns1123Subdomain("\(path).serviceAccount.name", serviceAccount.name)
            validator.kubernetesAnnotations("\(path).serviceAccount.annotations", serviceAccount.annotations)
        }
        validator.append(contentsOf: validateObservability(at: path))
        return validator.errors
    }
}

extension FieldValidator {
    /// Each element of a set-typed list is unique (`x-kubernetes-list-type: set`).
    mutating func uniqueStrings(_ path: String, _ list: [String]?) {
        var seen: Set<String> = []
        for (index, item) in (list ?? []).enumerated() where !seen.insert(item).inserted {
            append(.duplicate("\(path)[\(index)]", item))
        }
    }
}

extension AgriPlatformSpec {
    /// `dependsOn`: names of other services in this spec, each once, and no cycle (a cycle would hold every release
    /// in it forever).
    func validateDependencies(at path: String, serviceNames: Set<String>) -> [FieldError] {
        var validator = FieldValidator()
        for (index, service) in services.enumerated() {
            let listPath = "\(path).services[\(index)].dependsOn"
            validator.count(listPath, service.dependsOn, max: APIConstraints.maxServices)
            var seen: Set<String> = []
            for (position, name) in (service.dependsOn ?? []).enumerated() {
                let entryPath = "\(listPath)[\(position)]"
                if !seen.insert(name).inserted {
                    validator.append(.duplicate(entryPath, name))
                } else if name == service.name {
                    validator.append(.invalid(entryPath, name, "a service cannot depend on itself"))
                } else if !serviceNames.contains(name) {
                    validator.append(.invalid(entryPath, name, "no service of this name in spec.services"))
                }
            }
        }
        if let cycle = dependencyCycle() {
            let index = services.firstIndex { $0.name == cycle[0] } ?? 0
            validator.append(
                .invalid(
                    "\(path).services[\(index)].dependsOn",
                    cycle[0],
                    "services depend on each other in a cycle: \(cycle.joined(separator: " → ")); "
                        + "remove one of these dependencies"
                )
            )
        }
        return validator.errors
    }

    /// The first cycle in `dependsOn`, as names from a service back to itself, or `nil` when there is none.
    func dependencyCycle() -> [String]? {
        let edges = Dictionary(services.map { ($0.name, $0.dependsOn ?? []) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Bool] = [:]  // false: on the current path; true: finished
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if let finished = state[name] {
                guard !finished, let start = path.firstIndex(of: name) else { return nil }
                return Array(path[start...]) + [name]
            }
            state[name] = false
            path.append(name)
            for next in edges[name] ?? [] where edges[next] != nil && next != name {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[name] = true
            return nil
        }
        for service in services {
            if let cycle = visit(service.name) { return cycle }
        }
        return nil
    }
}
