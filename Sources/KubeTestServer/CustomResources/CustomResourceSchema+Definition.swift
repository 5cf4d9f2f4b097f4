package import KubeCore

extension CustomResourceSchema {
    /// The checks the API server applies to a `CustomResourceDefinition` itself that matter to this server.
    ///
    /// Covered: `spec.group`, `spec.names.plural`/`kind`/`listKind` present, `metadata.name` equal to
    /// `<plural>.<group>`, `spec.scope` `Namespaced` or `Cluster`, at least one version and exactly one storage
    /// version, and a schema per version whose root is `type: object`. Not covered: name syntax (DNS labels),
    /// structural-schema rules (every node typed, no `uniqueItems`) and conversion webhooks. CEL rules must compile
    /// (``ValidationRuleCompilation``).
    /// See <https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go>.
    package static func validateDefinition(_ crd: JSONValue) -> [StatusCause] {
        var causes: [StatusCause] = []
        func required(_ field: String) {
            causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value", field: field))
        }
        func invalid(_ field: String, _ value: JSONValue, _ detail: String) {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \(SchemaValidator.render(value)): \(detail)",
                    field: field
                )
            )
        }
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let plural = spec[path: ["names", "plural"]]?.stringValue ?? ""
        if group.isEmpty { required("spec.group") }
        if plural.isEmpty { required("spec.names.plural") }
        if (spec[path: ["names", "kind"]]?.stringValue ?? "").isEmpty { required("spec.names.kind") }
        if (spec[path: ["names", "listKind"]]?.stringValue ?? "").isEmpty { required("spec.names.listKind") }
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        if !plural.isEmpty, !group.isEmpty, name != "\(plural).\(group)" {
            invalid("metadata.name", .string(name), "must be spec.names.plural+\".\"+spec.group")
        }
        switch spec["scope"]?.stringValue {
        case "Namespaced", "Cluster": break
        case nil, "": required("spec.scope")
        case let scope?:
            causes.append(
                StatusCause(
                    reason: "FieldValueNotSupported",
                    message: "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"",
                    field: "spec.scope"
                )
            )
        }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty {
            required("spec.versions")
            return causes
        }
        let storageCount = versions.count(where: { $0["storage"]?.boolValue == true })
        if storageCount != 1 {
            invalid("spec.versions", spec["versions"] ?? [], "must have exactly one version marked as storage version")
        }
        for (index, version) in versions.enumerated() {
            let field = "spec.versions[\(index)]"
            if (version["name"]?.stringValue ?? "").isEmpty { required("\(field).name") }
            guard let schema = version[path: ["schema", "openAPIV3Schema"]], schema.objectValue != nil else {
                required("\(field).schema.openAPIV3Schema")
                continue
            }
            switch schema["type"]?.stringValue {
            case "object": break
            case nil, "":
                causes.append(
                    StatusCause(
                        reason: "FieldValueRequired",
                        message: "Required value: must not be empty at the root",
                        field: "\(field).schema.openAPIV3Schema.type"
                    )
                )
            case let type?:
                invalid("\(field).schema.openAPIV3Schema.type", .string(type), "must be object at the root")
            }
        }
        causes += ValidationRuleCompilation.causes(forDefinition: crd)
        return causes
    }
}
