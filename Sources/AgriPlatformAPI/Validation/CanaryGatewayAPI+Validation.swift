import KubeCore

extension CanaryGatewayAPI {
    /// At least one parent with valid names, and valid host names.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        if parentRefs.isEmpty {
            validator.append(.required("\(path).parentRefs", "at least one parent Gateway is required"))
        }
        validator.count("\(path).parentRefs", parentRefs, max: APIConstraints.maxParentRefs)
        for (index, parent) in parentRefs.enumerated() {
            let parentPath = "\(path).parentRefs[\(index)]"
            validator.dns1123Subdomain("\(parentPath).name", parent.name)
            validator.dns1123Label("\(parentPath).namespace", parent.namespace)
            validator.dns1123Subdomain("\(parentPath).sectionName", parent.sectionName)
        }
        validator.count("\(path).hostnames", hostnames, max: APIConstraints.maxHostnames)
        for (index, host) in (hostnames ?? []).enumerated() {
            validator.host("\(path).hostnames[\(index)]", host)
        }
        return validator.errors
    }
}
