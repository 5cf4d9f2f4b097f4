/// Why an AWS document could not be imported, with the JSON path of the offending value
/// (`services[0].deploymentConfiguration.maximumPercent`).
///
/// The importer never crashes on malformed input: every missing field, value of the wrong type or value outside
/// what AWS itself accepts ends here.
public enum ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field the import needs is absent.
    case missingField(path: String)
    /// A value has the wrong JSON type.
    case wrongType(path: String, expected: String, found: String)
    /// A value has the right type but a meaning the importer cannot accept.
    case invalidValue(path: String, value: String, reason: String)
    /// Documents that should describe the same thing do not match (a service whose task definition was not given).
    case unmatched(path: String, reason: String)
    /// The cluster the import was checked against does not serve what the options need (ExternalSecrets without
    /// the External Secrets Operator); `resource` names the missing CRD.
    case notInCluster(resource: String, reason: String)

    /// The JSON path of the offending value.
    public var path: String {
        switch self {
        case .missingField(let path), .wrongType(let path, _, _), .invalidValue(let path, _, _),
            .unmatched(let path, _), .notInCluster(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .missingField(let path):
            "\(path): required field is missing"
        case .wrongType(let path, let expected, let found):
            "\(path): expected \(expected), found \(found)"
        case .invalidValue(let path, let value, let reason):
            "\(path): invalid value \"\(value)\": \(reason)"
        case .unmatched(let path, let reason):
            "\(path): \(reason)"
        case .notInCluster(_, let reason):
            reason
        }
    }
}
