import KubeCore

extension AgriPlatform {
    /// Every problem with this AgriPlatform, each with its field path; empty when it is valid.
    ///
    /// Checks what the CRD checks — so `agri-operator validate`, the operator's `InvalidSpec` condition and
    /// `kubectl apply` agree — and what a schema cannot: CPU and memory units, memory limits against requests,
    /// uniqueness across lists, cron syntax, and the names built from the platform's own name: a service's
    /// Deployment and Service are `<platform>-<service>` and a datastore's StatefulSet `<platform>-<datastore>`.
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
                            "the Deployment and Service name \"\(full)\" (<platform>-<service>) must be no more than "
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
                            "the StatefulSet name \"\(full)\" (<platform>-<datastore>) must be no more than "
                                + "\(APIConstraints.statefulSetNameMaxLength) characters, as its pods' "
                                + "controller-revision-hash label adds 11"
                        )
                    )
                }
            }
        }
        return validator.errors
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
        validator.stringMap("\(path).commonLabels", commonLabels)
        validator.stringMap("\(path).commonAnnotations", commonAnnotations)
        validator.count("\(path).imagePullSecrets", imagePullSecrets, max: APIConstraints.maxSmallList)
        validator.uniqueStrings("\(path).imagePullSecrets", imagePullSecrets)
        for (index, secret) in (imagePullSecrets ?? []).enumerated() {
            validator.dns1123Subdomain("\(path).imagePullSecrets[\(index)]", secret)
        }
        if let serviceAccount {
            validator.dns1123Subdomain("\(path).serviceAccount.name", serviceAccount.name)
            validator.stringMap("\(path).serviceAccount.annotations", serviceAccount.annotations)
        }
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
