/// Where an ECS `secrets[].valueFrom` or App Runner `RuntimeEnvironmentSecrets` value points: a Secrets Manager
/// secret (optionally one JSON key of it, a version stage or id) or a Parameter Store parameter.
///
/// Only the reference is read; no secret value passes through the importer.
struct SecretSource: Sendable, Hashable {
    /// The AWS service holding the value.
    enum Store: Sendable, Hashable {
        case secretsManager
        case parameterStore
    }

    var store: Store
    /// What the External Secrets Operator looks up: the secret's ARN (without JSON key and version parts), or the
    /// parameter's name.
    var remoteKey: String
    /// The JSON key inside a Secrets Manager secret (`arn:…:secret:name:json-key::`).
    var property: String?
    /// The version stage or id inside a Secrets Manager reference.
    var version: String?
    /// The key in the Kubernetes Secret: the JSON key, else the last segment of the secret's name.
    var secretKey: String

    /// Parses `reference` (found at `path`).
    ///
    /// Secrets Manager ARNs have the form `arn:aws:secretsmanager:<region>:<account>:secret:<name>[-<6 random>]`,
    /// optionally followed by `:<json-key>:<version-stage>:<version-id>`; Parameter Store references are an ARN
    /// `arn:aws:ssm:<region>:<account>:parameter/<name>` or, in the task's own region, the bare name.
    init(parsing reference: String, at path: String) throws(ImportError) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn" {
            guard parts.count >= 6 else {
                throw .invalidValue(path: path, value: reference, reason: "an ARN has at least six parts")
            }
            switch parts[2] {
            case "secretsmanager":
                guard parts.count >= 7, parts[5] == "secret", !parts[6].isEmpty else {
                    throw .invalidValue(
                        path: path,
                        value: reference,
                        reason: "a Secrets Manager ARN reads arn:aws:secretsmanager:<region>:<account>:secret:<name>"
                    )
                }
                store = .secretsManager
                remoteKey = parts[0...6].joined(separator: ":")
                property = parts.count > 7 && !parts[7].isEmpty ? parts[7] : nil
                let stage = parts.count > 8 && !parts[8].isEmpty ? parts[8] : nil
                let id = parts.count > 9 && !parts[9].isEmpty ? parts[9] : nil
                version = id ?? stage
                secretKey = Self.keyName(property ?? Self.lastSegment(Self.withoutRandomSuffix(parts[6])))
            case "ssm":
                let resource = parts[5...].joined(separator: ":")
                guard resource.hasPrefix("parameter/"), resource.count > "parameter/".count else {
                    throw .invalidValue(
                        path: path,
                        value: reference,
                        reason: "a Parameter Store ARN reads arn:aws:ssm:<region>:<account>:parameter/<name>"
                    )
                }
                let name = String(resource.dropFirst("parameter".count))
                // `parameter/db` names `db`; `parameter/app/db` names the hierarchical `/app/db`.
                let segments = name.split(separator: "/")
                store = .parameterStore
                remoteKey = segments.count == 1 ? String(segments[0]) : name
                property = nil
                version = nil
                secretKey = Self.keyName(Self.lastSegment(name))
            default:
                throw .invalidValue(
                    path: path,
                    value: reference,
                    reason: "only Secrets Manager and Parameter Store references can be imported"
                )
            }
        } else {
            guard !reference.isEmpty, !reference.contains(" ") else {
                throw .invalidValue(path: path, value: reference, reason: "not a Parameter Store name")
            }
            store = .parameterStore
            remoteKey = reference
            property = nil
            version = nil
            secretKey = Self.keyName(Self.lastSegment(reference))
        }
    }

    /// Secrets Manager appends `-` and six random letters and digits to a secret's name in its full ARN. The
    /// suffix is stripped only when it has a digit or an upper-case letter: a name such as `jwt-secret` ends in six
    /// lower-case letters too. The key name is cosmetic; the ExternalSecret uses the exact ARN.
    private static func withoutRandomSuffix(_ name: String) -> String {
        guard let dash = name.lastIndex(of: "-") else { return name }
        let suffix = name[name.index(after: dash)...]
        guard suffix.count == 6, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            suffix.contains(where: { $0.isNumber || $0.isUppercase })
        else { return name }
        return String(name[..<dash])
    }

    private static func lastSegment(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }

    /// A valid Secret data key (`[-._a-zA-Z0-9]+`).
    private static func keyName(_ text: String) -> String {
        let mapped = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) ? $0 : "-" })
        return mapped.isEmpty ? "value" : mapped
    }
}
