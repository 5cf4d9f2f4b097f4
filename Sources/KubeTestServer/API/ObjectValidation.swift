package import KubeCore

/// The subset of built-in validation the test server performs, so `Invalid` (422) answers can be exercised:
/// object names, label and annotation keys, workload selectors, containers, and CRD names.
///
/// Messages follow `k8s.io/apimachinery/pkg/util/validation`.
package enum ObjectValidation {
    private static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    private static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// Every problem with an object about to be stored, as `Invalid` causes with field paths.
    package static func validate(_ object: JSONValue, type: ResourceType) -> [StatusCause] {
        var causes: [StatusCause] = []
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(required("metadata.name", "name or generateName is required"))
        } else if type.groupResource == .namespaces
            || type.groupResource == GroupResource(group: "", resource: "services")
        {
            if !isDNS1123Label(name) { causes.append(invalid("metadata.name", name, labelMessage)) }
        } else if !isDNS1123Subdomain(name) {
            causes.append(invalid("metadata.name", name, subdomainMessage))
        }
        for field in ["labels", "annotations"] {
            for (key, value) in object[path: ["metadata", field]]?.objectValue ?? [:] {
                if !isQualifiedName(key) {
                    causes.append(
                        invalid(
                            "metadata.\(field)",
                            key,
                            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                                + "end with an alphanumeric character"
                        )
                    )
                }
                if field == "labels", let text = value.stringValue, !text.isEmpty, !isLabelValue(text) {
                    causes.append(
                        invalid(
                            "metadata.labels",
                            text,
                            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
                                + "or '.', and must start and end with an alphanumeric character"
                        )
                    )
                }
            }
        }
        switch (type.group, type.plural) {
        case ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "replicasets"):
            causes += validateWorkload(object)
        case ("", "pods"):
            causes += validateContainers(object[path: ["spec", "containers"]], field: "spec.containers")
        case ("batch", "jobs"):
            causes += validateContainers(
                object[path: ["spec", "template", "spec", "containers"]],
                field: "spec.template.spec.containers"
            )
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            causes += validateCustomResourceDefinition(object, name: name)
        default: break
        }
        return causes
    }

    private static func validateWorkload(_ object: JSONValue) -> [StatusCause] {
        var causes: [StatusCause] = []
        let selector = object[path: ["spec", "selector"]]
        if selector == nil || selector?.isNull == true {
            causes.append(required("spec.selector", "Required value"))
        } else if let selector = try? selector?.decode(as: LabelSelector.self) {
            let labels = SelectorQuery.labels(of: object[path: ["spec", "template"]] ?? [:])
            if selector.matchLabels == nil && selector.matchExpressions == nil {
                causes.append(invalid("spec.selector", "{}", "empty selector is invalid for deployment"))
            } else if !matches(selector, labels: labels) {
                let rendered = labels.keys.sorted().map { "\"\($0)\":\"\(labels[$0]!)\"" }.joined(separator: ", ")
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message: "Invalid value: map[string]string{\(rendered)}: `selector` does not match template "
                            + "`labels`",
                        field: "spec.template.metadata.labels"
                    )
                )
            }
        }
        causes += validateContainers(
            object[path: ["spec", "template", "spec", "containers"]],
            field: "spec.template.spec.containers"
        )
        return causes
    }

    private static func validateContainers(_ containers: JSONValue?, field: String) -> [StatusCause] {
        guard let list = containers?.arrayValue, !list.isEmpty else { return [required(field, "Required value")] }
        var causes: [StatusCause] = []
        for (index, container) in list.enumerated() {
            if (container["name"]?.stringValue ?? "").isEmpty {
                causes.append(required("\(field)[\(index)].name", "Required value"))
            }
            if (container["image"]?.stringValue ?? "").isEmpty {
                causes.append(required("\(field)[\(index)].image", "Required value"))
            }
        }
        return causes
    }

    private static func validateCustomResourceDefinition(_ object: JSONValue, name: String) -> [StatusCause] {
        var causes: [StatusCause] = []
        let group = object[path: ["spec", "group"]]?.stringValue ?? ""
        let plural = object[path: ["spec", "names", "plural"]]?.stringValue ?? ""
        if group.isEmpty { causes.append(required("spec.group", "Required value")) }
        if plural.isEmpty { causes.append(required("spec.names.plural", "Required value")) }
        if (object[path: ["spec", "names", "kind"]]?.stringValue ?? "").isEmpty {
            causes.append(required("spec.names.kind", "Required value"))
        }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            causes.append(invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"))
        }
        let versions = object[path: ["spec", "versions"]]?.arrayValue ?? []
        if versions.isEmpty {
            causes.append(required("spec.versions", "Required value"))
        } else if versions.filter({ $0["storage"]?.boolValue == true }).count != 1 {
            causes.append(
                invalid("spec.versions", "", "must have exactly one version marked as storage version")
            )
        }
        causes += ValidationRuleCompilation.causes(forDefinition: object)
        return causes
    }

    /// Whether a label map satisfies a `LabelSelector` (matchLabels and matchExpressions).
    package static func matches(_ selector: LabelSelector, labels: [String: String]) -> Bool {
        for (key, value) in selector.matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in selector.matchExpressions ?? [] {
            let values = Set(requirement.values ?? [])
            let value = labels[requirement.key]
            switch requirement.operator {
            case .in: if !(value.map(values.contains) ?? false) { return false }
            case .notIn: if let value, values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }

    /// A `LabelSelector` rendered as selector text (`app=web,tier in (a,b)`), as the Scale subresource reports it.
    package static func selectorString(_ selector: LabelSelector) -> String {
        var parts = (selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in selector.matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case .in: parts.append("\(requirement.key) in (\(values))")
            case .notIn: parts.append("\(requirement.key) notin (\(values))")
            case .exists: parts.append(requirement.key)
            case .doesNotExist: parts.append("!\(requirement.key)")
            }
        }
        return parts.joined(separator: ",")
    }

    package static func isDNS1123Label(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alnum(_ byte: UInt8) -> Bool { (97...122).contains(byte) || (48...57).contains(byte) }
        return alnum(bytes.first!) && alnum(bytes.last!) && bytes.allSatisfy { alnum($0) || $0 == 45 }
    }

    package static func isDNS1123Subdomain(_ text: String) -> Bool {
        text.utf8.count <= 253
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                isDNS1123Label(String($0))
            }
    }

    /// A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters.
    package static func isQualifiedName(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2, !isDNS1123Subdomain(String(parts[0])) { return false }
        return isLabelValue(String(parts.last!)) && !parts.last!.isEmpty
    }

    package static func isLabelValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 63 else { return false }
        guard !bytes.isEmpty else { return true }
        func alnum(_ byte: UInt8) -> Bool {
            (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte)
        }
        return alnum(bytes.first!) && alnum(bytes.last!)
            && bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    private static func required(_ field: String, _ detail: String) -> StatusCause {
        StatusCause(
            reason: "FieldValueRequired",
            message: detail == "Required value" ? detail : "Required value: \(detail)",
            field: field
        )
    }

    private static func invalid(_ field: String, _ value: String, _ detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(detail)", field: field)
    }
}
